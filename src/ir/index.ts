import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildCache } from './from-openapi/context.js';
import { buildDocument } from './from-openapi/document.js';
import { PassMemo } from './memo.js';
import { assignNames } from './passes/assign-names.js';
import { markDirections } from './passes/directions.js';
import { refDirections } from './passes/ref-directions.js';
import { hoistEnums } from './passes/hoist-enums.js';
import { order } from './passes/order.js';
import { detectPagination } from './passes/pagination.js';
import type { IrDocument } from './types.js';

/**
 * What building the IR keeps between builds of one spec (`--watch`): the build's units (from-openapi/context.ts) and
 * one `PassMemo` per pass (memo.ts). With it, a part of the document that is the same object as last time (see
 * parse/json-splice.ts) is not built or passed over again, and keeps its IR objects, which later stages reuse by
 * identity. The IR is the same as without it.
 */
export interface IrCache {
  build?: BuildCache;
  passes: Map<string, PassMemo>;
}

export function newIrCache(): IrCache {
  return { passes: new Map() };
}

/** The passes, in order. Each is pure: IR in, IR out (a memo only saves work). */
export const PASSES: ReadonlyArray<readonly [string, (doc: IrDocument, memo?: PassMemo) => IrDocument]> = [
  ['hoist-enums', hoistEnums],
  ['ref-directions', refDirections],
  ['directions', markDirections],
  ['pagination', detectPagination],
  ['assign-names', assignNames],
  ['order', order],
];

/** A bundled document in the 3.1 shape → IR, with the diagnostics found on the way. */
export function buildIrFromDocument(document: Record<string, unknown>, openapiVersion: string, cache?: IrCache): { ir: IrDocument; diagnostics: Diagnostic[] } {
  const built = buildDocument(document, openapiVersion, cache?.build);
  if (cache) cache.build = built.cache;
  let out = built.ir;
  for (const [name, pass] of PASSES) {
    const memo = cache && passMemo(cache, name);
    out = pass(out, memo);
    memo?.settle();
  }
  return { ir: out, diagnostics: built.diagnostics };
}

/** The memo of one pass in the cache (the one seam between the passes and `--watch`). */
function passMemo(cache: IrCache, name: string): PassMemo {
  let memo = cache.passes.get(name);
  if (!memo) cache.passes.set(name, (memo = new PassMemo()));
  return memo;
}
