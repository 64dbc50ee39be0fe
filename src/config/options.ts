import type { Helper } from '../emit/engine/engine.js';
import type { TargetName } from '../emit/target.js';
import type { RefPolicy } from '../parse/load.js';
import type { GenerateCache } from '../cache.js';

/** Options of `generate()`. */
export interface GenerateOptions {
  /**
   * The spec: a path to a YAML or JSON file, a `file:` URL, an `http(s)` URL (fetched only when
   * `refs.allowRemoteRefs` is true: the caller allows it), or an already-parsed document object.
   */
  input: string | URL | object;
  /** The output folder; required when `write` is true. */
  output?: string;
  /** Targets to emit; default: `DEFAULT_TARGETS` (every target but `query`). */
  targets?: TargetName[];
  /** Folders of template overrides, mirroring `templates/` (later folders win). */
  templates?: string[];
  /** Extra Handlebars helpers for templates. */
  helpers?: Record<string, Helper>;
  /** Write the files to `output` (default: true when `output` is given). */
  write?: boolean;
  /**
   * Compare what would be written with `output` instead of writing (`GenerateResult.drift`); never writes.
   */
  check?: boolean;
  /** Called as each stage starts (`parse`, `ir`, `emit <target>` for each target, `validate`, `write` or `check`): for progress displays. */
  onStage?: (stage: string) => void;
  /** Run prettier over the output (off by default: the templates print formatted code). */
  format?: boolean;
  /** Where `$ref`s may point. */
  refs?: Partial<RefPolicy>;
  /**
   * The largest spec file read (the root or a `$ref`'d one), in MiB: default 64, at most 500. A bigger file is
   * SF1008. The limit keeps a hostile input from taking the machine's memory (a 64 MB spec takes about 0.6 GB).
   */
  maxDocumentMiB?: number;
  /**
   * Wait until each written file is on the disk (fsync) before the commit relies on it (default true). Either
   * way a commit is all or nothing for the process (temp files and renames); without it, a power cut right
   * after a run may lose that run's files. `--watch` writes without it (a regeneration is redone on the next
   * edit), as editors and compilers' watch modes do.
   */
  durable?: boolean;
  /**
   * State kept between runs of this spec and output (`createGenerateCache()`): a run after an edit then parses,
   * builds and renders again only what the edit changed. `--watch` uses one per output.
   */
  cache?: GenerateCache;
  /**
   * A starter implementation of the server handlers: written once (every handler returning 501), then only
   * given stubs for new operations. Implies the server target; needs `output`.
   */
  scaffold?: string;
  /**
   * `"Date"`: a `date` or `date-time` string is a `Date` in the output (types, the client's answers, the server's
   * requests, the validators); default `"string"`. README, "Dates and 64-bit integers".
   */
  dates?: 'string' | 'Date';
  /** `"bigint"`: an `int64` integer is a `bigint`, read and written without losing precision; default `"number"`. */
  int64?: 'number' | 'bigint';
}

/** Every target there is. */
export const ALL_TARGETS: readonly TargetName[] = ['types', 'validators', 'client', 'server', 'query'];

/** The targets generated when none are asked for: all but `query`, which is for apps that use TanStack Query. */
export const DEFAULT_TARGETS: readonly TargetName[] = ['types', 'validators', 'client', 'server'];
