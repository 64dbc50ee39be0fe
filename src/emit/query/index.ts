import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { EmitMemo } from '../memo.js';
import type { Representation } from '../representation.js';
import type { GeneratedFile, Target } from '../target.js';
import { queryView } from './view-model.js';

/**
 * The query target: `query.ts`, TanStack Query v5 option factories per operation. They call the client's
 * functions (client.ts, which it therefore requires, with what that requires), and import nothing of TanStack's.
 */
export const queryTarget: Target = {
  name: 'query',
  requires: ['client'],
  runtime: ['query'],
  emit(ir: IrDocument, engine: Engine, _report, memo?: EmitMemo, representation?: Representation): GeneratedFile[] {
    return [{ path: 'query.ts', content: engine.render('query', queryView(ir, memo, representation)) }, ...engine.runtimeFiles(queryTarget.runtime)];
  },
};
