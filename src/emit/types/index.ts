import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { GeneratedFile, Target } from '../target.js';
import { typesView } from './view-model.js';

/** The types target: `types.ts`, every named schema and per-operation type. */
export const typesTarget: Target = {
  name: 'types',
  runtime: [],
  emit(ir: IrDocument, engine: Engine): GeneratedFile[] {
    // The types target has nothing to report.
    return [{ path: 'types.ts', content: engine.render('types', typesView(ir)) }];
  },
  // Operations' declarations: their parameters, bodies and responses, named as the operation's types are.
  dependsOn: (op) => [op.operationId, op.method, op.path, op.typeNames, op.parameters, op.requestBody, op.responses],
};
