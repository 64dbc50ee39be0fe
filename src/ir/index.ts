import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildCache } from './build/context.js';
import { buildDocument } from './build/document.js';
import { assignNames, newNamesMemo, type NamesMemo } from './passes/assign-names.js';
import { markDirections, newDirectionsMemo, type DirectionsMemo } from './passes/directions.js';
import { newRefDirectionsMemo, refDirections, type RefDirectionsMemo } from './passes/ref-directions.js';
import { hoistEnums, newHoistMemo, type HoistMemo } from './passes/hoist-enums.js';
import { newOrderMemo, order, type OrderMemo } from './passes/order.js';
import { detectPagination, newPaginationMemo, type PaginationMemo } from './passes/pagination.js';
import type { IrDocument } from './types.js';

/**
 * What building the IR keeps between builds of one spec (`--watch`): the build's units and each pass's memo.
 * With it, a part of the document that is the same object as last time (see parse/json-splice.ts) is not built
 * or passed over again, and keeps its IR objects, which later stages reuse by identity. The IR is the same as
 * without it.
 */
export interface IrCache {
  build?: BuildCache;
  hoist: HoistMemo;
  refDirections: RefDirectionsMemo;
  directions: DirectionsMemo;
  pagination: PaginationMemo;
  names: NamesMemo;
  order: OrderMemo;
}

export function newIrCache(): IrCache {
  return { hoist: newHoistMemo(), refDirections: newRefDirectionsMemo(), directions: newDirectionsMemo(), pagination: newPaginationMemo(), names: newNamesMemo(), order: newOrderMemo() };
}

/** The passes, in order. Each is pure: IR in, IR out (a cache only saves work). */
export const PASSES: ReadonlyArray<readonly [string, (doc: IrDocument, cache?: IrCache) => IrDocument]> = [
  ['hoist-enums', (doc, cache) => hoistEnums(doc, cache?.hoist)],
  ['ref-directions', (doc, cache) => refDirections(doc, cache?.refDirections)],
  ['directions', (doc, cache) => markDirections(doc, cache?.directions)],
  ['pagination', (doc, cache) => detectPagination(doc, cache?.pagination)],
  ['assign-names', (doc, cache) => assignNames(doc, cache?.names)],
  ['order', (doc, cache) => order(doc, cache?.order)],
];

/** A bundled document in the 3.1 shape → IR, with the diagnostics found on the way. */
export function buildIrFromDocument(document: Record<string, unknown>, openapiVersion: string, cache?: IrCache): { ir: IrDocument; diagnostics: Diagnostic[] } {
  const built = buildDocument(document, openapiVersion, cache?.build);
  if (cache) cache.build = built.cache;
  let out = built.ir;
  for (const [, pass] of PASSES) out = pass(out, cache);
  return { ir: out, diagnostics: built.diagnostics };
}
