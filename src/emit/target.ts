import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrDocument, Operation } from '../ir/types.js';
import type { Engine } from './engine/engine.js';
import type { EmitMemo } from './memo.js';
import type { Representation } from './representation.js';

/** A file a target produces, path relative to the output folder (POSIX separators). */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** A target turns the IR into view-models and renders them through its templates. */
export interface Target {
  name: TargetName;
  /** Targets whose files this one imports; they are generated with it. */
  requires?: readonly TargetName[];
  /**
   * The runtime modules its files import (`src/runtime/<name>.ts`), which it writes to `runtime/<name>.ts` as they
   * are (or as a templates folder's `runtime/<name>.ts` overrides them); `eject` copies them with its templates.
   */
  runtime: readonly string[];
  /**
   * Files the target writes, each from one template; findings go to `report` (an error stops the write). With a
   * memo (`--watch`), what was made for an operation that is the same object as in the last run is reused.
   * `representation`: the user's `dates`/`int64` choice (default: strings and numbers).
   */
  emit(ir: IrDocument, engine: Engine, report: (d: Diagnostic) => void, memo?: EmitMemo, representation?: Representation): GeneratedFile[];
  /**
   * What of an operation the target's files depend on, for a run that may reuse the last run's files: when the
   * only operations that changed are the same in this respect, the files are the same. Undefined: all of it.
   */
  dependsOn?(op: Operation): unknown;
}

export type TargetName = 'types' | 'client' | 'server' | 'validators' | 'query' | 'mocks';
