import { diagnostic } from './diagnostics/diagnostic.js';
import { builtinFiles } from './emit/engine/templates.js';
import type { TargetName } from './emit/target.js';
import { isTarget, TARGETS } from './emit/targets.js';
import { copyOut, type EjectResult } from './write/eject.js';

export type { EjectResult } from './write/eject.js';

export interface EjectOptions {
  /** The folder to copy the templates into (it becomes a `--templates` folder). */
  output: string;
  /** Targets whose templates to copy (default: all); `_shared` always comes along. */
  targets?: TargetName[];
  /** Replace files that exist and differ (default: refuse, SF5004, nothing copied). */
  force?: boolean;
}

/**
 * `eject`: the built-in templates of the targets and the runtime modules they write (listed by emit/engine), copied
 * out as the starting point of overrides (by write/, all or nothing).
 */
export function eject(options: EjectOptions): EjectResult {
  const targets = options.targets ?? (Object.keys(TARGETS) as TargetName[]);
  const unknown = targets.filter((t) => !isTarget(t));
  if (unknown.length > 0) {
    return { ok: false, copied: [], diagnostics: [diagnostic('SF4002', `unknown target(s): ${unknown.join(', ')} (available: ${Object.keys(TARGETS).join(', ')})`, '')] };
  }
  return copyOut(builtinFiles(targets, targets.flatMap((t) => TARGETS[t]!.runtime)), options.output, options.force ?? false);
}
