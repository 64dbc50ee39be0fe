import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrDocument } from '../ir/types.js';
import type { Engine } from './engine/engine.js';

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
  /** Files the target writes, each from one template; findings go to `report` (an error stops the write). */
  emit(ir: IrDocument, engine: Engine, report: (d: Diagnostic) => void): GeneratedFile[];
}

export type TargetName = 'types' | 'client' | 'server' | 'validators';
