import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { EmitMemo } from '../memo.js';
import type { Representation } from '../representation.js';
import type { GeneratedFile, Target } from '../target.js';
import { nodeAdapterView, serverView } from './view-model.js';

/** The server target: `server.ts` (a Web fetch handler and typed handlers) and `server-node.ts` (node:http). */
export const serverTarget: Target = {
  name: 'server',
  requires: ['types', 'validators'],
  runtime: ['codec', 'event-stream', 'json', 'node', 'server'],
  emit(ir: IrDocument, engine: Engine, _report, memo?: EmitMemo, representation?: Representation): GeneratedFile[] {
    return [
      { path: 'server.ts', content: engine.render('server', serverView(ir, memo, representation)) },
      { path: 'server-node.ts', content: engine.render('server-node', nodeAdapterView(ir)) },
      ...engine.runtimeFiles(serverTarget.runtime),
    ];
  },
};
