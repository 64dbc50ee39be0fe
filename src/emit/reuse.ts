import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { IrDocument, NamedSchema, Operation } from '../ir/types.js';
import type { TemplateSet } from './engine/templates.js';
import { EmitMemo } from './memo.js';
import { representationKey, type Representation } from './representation.js';
import type { GeneratedFile, Target } from './target.js';

/** One target's last run (`--watch`): what it was made from, what it made, and its per-operation memo. */
export interface TargetRun {
  schemas: readonly NamedSchema[];
  operations: readonly Operation[];
  /** The document's parts every target reads (info, servers, security schemes) and the templates. */
  context: string;
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
  memo: EmitMemo;
}

/**
 * What every target reads besides the schemas and operations (the representation options too), and the templates
 * it renders, as one string.
 */
export function targetContext(ir: IrDocument, templates: TemplateSet, representation: Representation): string {
  const parts = [JSON.stringify([ir.openapiVersion, ir.info, ir.servers, ir.securitySchemes, representationKey(representation)])];
  for (const [name, t] of [...templates.templates, ...templates.partials, ...templates.runtime]) parts.push(name, t.source);
  return parts.join('\u0000');
}

/**
 * Whether the last run's files of a target are this run's too: the same templates and document context, the
 * same named schemas (objects), and operations that are the same objects or, where not, the same in what the
 * target depends on (an edited summary does not change the types).
 */
export function sameInputs(prev: TargetRun, target: Target, ir: IrDocument, context: string): boolean {
  if (prev.context !== context) return false;
  if (prev.schemas.length !== ir.schemas.length || prev.operations.length !== ir.operations.length) return false;
  for (let i = 0; i < ir.schemas.length; i++) if (prev.schemas[i] !== ir.schemas[i]) return false;
  for (let i = 0; i < ir.operations.length; i++) {
    const a = prev.operations[i]!;
    const b = ir.operations[i]!;
    if (a === b) continue;
    if (!target.dependsOn || JSON.stringify(target.dependsOn(a)) !== JSON.stringify(target.dependsOn(b))) return false;
  }
  return true;
}
