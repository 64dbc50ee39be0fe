import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { IrDocument } from '../../ir/types.js';
import { Engine } from '../engine/engine.js';
import { builtinHelpers } from '../engine/helpers.js';
import { loadTemplateSet } from '../engine/templates.js';
import { printContext } from '../shared.js';
import type { GeneratedFile } from '../target.js';
import { TARGETS } from '../targets.js';
import { mocksFiles } from './index.js';

/** The generated mock of an API, loaded into this process (`specforge mock`). */
export interface LoadedMock {
  /** `mocks.ts`'s `createMockHandler` and the node adapter's `createNodeListener`, as generated. */
  createMockHandler: (overrides?: object, options?: object) => (request: Request) => Promise<Response>;
  createNodeListener: (handler: (request: Request) => Promise<Response>) => (req: unknown, res: unknown) => Promise<void>;
  /** Removes the temporary folder the files were written to. */
  dispose(): void;
}

/**
 * Generates the mocks (with the types, validators and server they import) in memory with the example
 * generator's seed, strips their types (TypeScript's transpileModule, through ts-morph, loaded only here), writes
 * them to a temporary folder and imports them: the mock server is the generated code itself.
 */
export async function loadMock(ir: IrDocument, seed: number, report: (d: Diagnostic) => void, templates: readonly string[] = []): Promise<LoadedMock> {
  const helpers = builtinHelpers(printContext(ir));
  const files: GeneratedFile[] = [];
  for (const name of ['types', 'validators', 'server'] as const) {
    const engine = new Engine(loadTemplateSet(name, templates), helpers);
    files.push(...TARGETS[name]!.emit(ir, engine, report));
  }
  files.push(...mocksFiles(ir, new Engine(loadTemplateSet('mocks', templates), helpers), report, { seed }));
  const { ts } = await import('ts-morph');
  const dir = mkdtempSync(join(tmpdir(), 'specforge-mock-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    for (const f of files) {
      if (f.path === 'mocks-msw.ts') continue; // imports msw, which the mock server does not need
      const js = ts.transpileModule(f.content, {
        fileName: f.path,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      }).outputText;
      const path = join(dir, f.path.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, js);
    }
    const mocks = (await import(pathToFileURL(join(dir, 'mocks.js')).href)) as Pick<LoadedMock, 'createMockHandler'>;
    const node = (await import(pathToFileURL(join(dir, 'runtime', 'node.js')).href)) as Pick<LoadedMock, 'createNodeListener'>;
    return { createMockHandler: mocks.createMockHandler, createNodeListener: node.createNodeListener, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
