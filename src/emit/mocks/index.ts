import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { GeneratedFile, Target } from '../target.js';
import { mocksView, mswView, type MocksViewOptions } from './view-model.js';

/**
 * The mocks target: `mocks.ts` (example responses of every operation, `createMockHandler`, `createMockFetch`) and
 * `mocks-msw.ts` (MSW handlers, the only file that imports `msw`). Built on the server target's handler.
 */
export const mocksTarget: Target = {
  name: 'mocks',
  requires: ['types', 'validators', 'server'],
  runtime: ['mocks'],
  emit(ir: IrDocument, engine: Engine, report: (d: Diagnostic) => void, _memo, representation): GeneratedFile[] {
    return mocksFiles(ir, engine, report, { representation });
  },
};

/** The target's files, with the example generator's options (`specforge mock --seed`). */
export function mocksFiles(ir: IrDocument, engine: Engine, report: (d: Diagnostic) => void, options: MocksViewOptions = {}): GeneratedFile[] {
  return [
    { path: 'mocks.ts', content: engine.render('mocks', mocksView(ir, report, options)) },
    { path: 'mocks-msw.ts', content: engine.render('mocks-msw', mswView(ir)) },
    ...engine.runtimeFiles(mocksTarget.runtime),
  ];
}
