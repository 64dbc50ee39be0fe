import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { GeneratedFile, Target } from '../target.js';
import { typesView } from './view-model.js';

/** The types target: `types.ts`, every named schema and per-operation type. */
export const typesTarget: Target = {
  name: 'types',
  emit(ir: IrDocument, engine: Engine): GeneratedFile[] {
    // The types target has nothing to report.
    return [{ path: 'types.ts', content: engine.render('types', typesView(ir)) }];
  },
};
