import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { EmitMemo } from '../memo.js';
import type { Representation } from '../representation.js';
import type { GeneratedFile, Target } from '../target.js';
import { clientView } from './view-model.js';

/** The client target: `client.ts`, a typed fetch client (needs the types and validators files beside it). */
export const clientTarget: Target = {
  name: 'client',
  requires: ['types', 'validators'],
  // codec.ts and json.ts (the opt-in representations), which runtime/client.ts re-exports: the server's too.
  runtime: ['client', 'codec', 'json', 'pages', 'sse', 'oauth2'],
  emit(ir: IrDocument, engine: Engine, _report, memo?: EmitMemo, representation?: Representation): GeneratedFile[] {
    return [{ path: 'client.ts', content: engine.render('client', clientView(ir, memo, representation)) }, ...engine.runtimeFiles(clientTarget.runtime)];
  },
};
