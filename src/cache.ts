import type { TargetRun } from './emit/reuse.js';
import { newIrCache, type IrCache } from './ir/index.js';
import { prepareForEdits, type ParseCache } from './parse/index.js';
import type { WrittenFiles } from './write/output.js';

/**
 * What a run keeps for the next run of the same entry (`--watch`, or a library caller that regenerates): the
 * parsed spec, the IR's units and passes, each target's files and per-operation views, and what was written.
 * Only parts of the spec that changed are parsed, built and rendered again; the output is the same as without
 * it. Create one with `createGenerateCache()` and pass it as `cache` to every run of one spec and output. The
 * files of such a run are frozen: a later run may give the same objects again.
 */
export interface GenerateCache {
  parse: ParseCache;
  ir: IrCache;
  targets: Map<string, TargetRun>;
  written: WrittenFiles;
}

export function createGenerateCache(): GenerateCache {
  return { parse: {}, ir: newIrCache(), targets: new Map(), written: new Map() };
}

/** Does ahead what the next run after an edit would otherwise wait for (call it while idle). */
export function prepareCache(cache: GenerateCache): void {
  prepareForEdits(cache.parse);
}
