import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import type { GeneratedFile, Target } from '../target.js';
import { validatorsView } from './view-model.js';

/** The validators target: `validators.ts`, compiled checks for every named schema and operation. */
export const validatorsTarget: Target = {
  name: 'validators',
  // runtime/validation.ts, which validators.ts imports, and what it re-exports.
  runtime: ['checks', 'formats', 'params', 'validation'],
  emit(ir: IrDocument, engine: Engine, report: (d: Diagnostic) => void, _memo, representation): GeneratedFile[] {
    const { view, patternProblems } = validatorsView(ir, representation);
    for (const p of patternProblems) {
      if (p.fallback) {
        report(diagnostic('SF4005', `pattern ${JSON.stringify(p.pattern)} is not valid with the u flag (${p.message}); the validators use it without`, p.pointer));
      } else {
        report(diagnostic('SF4004', `pattern ${JSON.stringify(p.pattern)} is not a valid regular expression (${p.message}); the validators do not check it`, p.pointer));
      }
    }
    return [{ path: 'validators.ts', content: engine.render('validators', view) }, ...engine.runtimeFiles(validatorsTarget.runtime)];
  },
  // An operation's validators: of its parameters, bodies and responses (their schema pointers are the
  // operation's), exported under its name.
  dependsOn: (op) => [op.name, op.pointer, op.typeNames, op.parameters, op.requestBody, op.responses],
};
