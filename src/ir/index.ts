import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { buildDocument } from './build/document.js';
import { assignNames } from './passes/assign-names.js';
import { markDirections } from './passes/directions.js';
import { hoistEnums } from './passes/hoist-enums.js';
import { order } from './passes/order.js';
import { detectPagination } from './passes/pagination.js';
import type { IrDocument } from './types.js';

/** The passes, in order. Each is pure: IR in, IR out. */
export const PASSES: ReadonlyArray<readonly [string, (doc: IrDocument) => IrDocument]> = [
  ['hoist-enums', hoistEnums],
  ['directions', markDirections],
  ['pagination', detectPagination],
  ['assign-names', assignNames],
  ['order', order],
];

/** A bundled document in the 3.1 shape → IR, with the diagnostics found on the way. */
export function buildIrFromDocument(document: Record<string, unknown>, openapiVersion: string): { ir: IrDocument; diagnostics: Diagnostic[] } {
  const { ir, diagnostics } = buildDocument(document, openapiVersion);
  let out = ir;
  for (const [, pass] of PASSES) out = pass(out);
  return { ir: out, diagnostics };
}
