import type { Helper } from '../emit/engine/engine.js';
import type { TargetName } from '../emit/target.js';
import type { RefPolicy } from '../parse/load.js';

/** Options of `generate()`. */
export interface GenerateOptions {
  /** A path to a YAML or JSON spec, or an already-parsed document. */
  input: string | object;
  /** The output folder; required when `write` is true. */
  output?: string;
  /** Targets to emit; default: every target that exists. */
  targets?: TargetName[];
  /** Folders of template overrides, mirroring `templates/` (later folders win). */
  templates?: string[];
  /** Extra Handlebars helpers for templates. */
  helpers?: Record<string, Helper>;
  /** Write the files to `output` (default: true when `output` is given). */
  write?: boolean;
  /** Run prettier over the output (off by default: the templates print formatted code). */
  format?: boolean;
  /** Where `$ref`s may point. */
  refs?: Partial<RefPolicy>;
  /**
   * A starter implementation of the server handlers: written once (every handler returning 501), then only
   * given stubs for new operations. Implies the server target; needs `output`.
   */
  scaffold?: string;
}

export const ALL_TARGETS: readonly TargetName[] = ['types', 'validators', 'client', 'server'];
