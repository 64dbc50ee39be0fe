import { dirname, join, relative, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { IrDocument } from '../../ir/types.js';
import type { Engine } from '../engine/engine.js';
import { sanitize } from '../printers/jsdoc.js';
import { objectKey, stringLiteral } from '../printers/literal.js';
import type { ScaffoldFileView } from './view-model.js';

/** What `--scaffold` is to do with the user's handlers file (write/scaffold.ts writes it after the output's commit). */
export interface ScaffoldPlan {
  file: string;
  /** The file's new text, or undefined when it stays as it is. */
  text?: string;
  created: boolean;
  added: string[];
  /** Handlers in the file whose operation the spec no longer has (left alone). */
  orphaned: string[];
  diagnostics: Diagnostic[];
}

/**
 * Plans the scaffold file from its present text (`existing`; undefined: there is no file yet), touching no disk:
 * a new file from the `scaffold` template, or the text with (found by ts-morph) a stub added to the `handlers`
 * object for every operation it lacks; nothing else in the file changes (existing handlers stay byte-identical);
 * handlers of operations that are gone are reported (SF5002), never deleted. A text with no `handlers` object is
 * SF5003.
 */
export async function planScaffold(ir: IrDocument, file: string, existing: string | undefined, outputDir: string, engine: Engine): Promise<ScaffoldPlan> {
  const names = ir.operations.map((o) => o.name);
  const report: ScaffoldPlan = { file, created: false, added: [], orphaned: [], diagnostics: [] };
  if (existing === undefined) {
    let spec = relative(dirname(file), join(outputDir, 'server.js')).split(sep).join('/');
    if (!spec.startsWith('.')) spec = './' + spec;
    const view: ScaffoldFileView = {
      title: sanitize(`${ir.info.title} ${ir.info.version}`.trim()).replace(/\n/g, ' '),
      serverModule: stringLiteral(spec),
      stubs: names.map(stub),
    };
    const text = engine.render('scaffold', view);
    return { ...report, text, created: true, added: names };
  }
  const { Project, SyntaxKind } = await import('ts-morph');
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true });
  const source = project.createSourceFile('scaffold.ts', existing);
  const literal = source.getVariableDeclaration('handlers')?.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression);
  if (!literal) return failed(file, `${file} has no \`handlers\` object literal to add handlers to`);
  const present = new Set(
    literal.getProperties().flatMap((p) => {
      const n = (p as { getName?: () => string }).getName?.();
      return n === undefined ? [] : [n.replace(/^(['"])(.*)\1$/, '$2')];
    }),
  );
  const missing = names.filter((n) => !present.has(n));
  report.orphaned = [...present].filter((n) => !names.includes(n)).sort();
  for (const n of report.orphaned) {
    report.diagnostics.push(diagnostic('SF5002', `scaffold handler '${n}' has no operation in the spec any more (left as it is)`, '', { file }));
  }
  if (missing.length > 0) {
    // Insert the stubs as text before the closing brace, so that nothing already there is reformatted.
    const text = source.getFullText();
    const close = literal.getEnd() - 1;
    const before = text.slice(0, close).replace(/\s*$/, '');
    const comma = before.endsWith('{') || before.endsWith(',') ? '' : ',';
    const added = missing.map((n) => `  ${stub(n)},`).join('\n');
    report.text = `${before}${comma}\n${added}\n${text.slice(close)}`;
    report.added = missing;
  }
  return report;
}

/** A plan that does nothing but report SF5003. */
function failed(file: string, message: string): ScaffoldPlan {
  return { file, created: false, added: [], orphaned: [], diagnostics: [diagnostic('SF5003', message, '', { file })] };
}

/** A handler stub returning 501. */
function stub(name: string): string {
  return `${objectKey(name)}: async () => notImplemented(${stringLiteral(name)})`;
}
