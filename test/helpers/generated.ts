import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, type GenerateOptions, type GeneratedFile, type TargetName } from '../../dist/index.js';
import { ROOT } from './cli.js';
import { importTs, toJavaScript, writeFiles } from './typecheck.js';

/** Options of a generation beside the spec and the targets (`dates`, `int64`). */
export type Representation = Pick<GenerateOptions, 'dates' | 'int64'>;

/** Generates in memory and returns the files; fails on error diagnostics. */
export async function generated(spec: string | object, targets: TargetName[], options: Representation = {}): Promise<GeneratedFile[]> {
  const r = await generate({ ...options, input: typeof spec === 'string' ? resolve(ROOT, spec) : spec, targets, write: false });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(JSON.stringify(errors, null, 2));
  return r.files;
}

/** The generated validators module of a spec, transpiled and imported into this process. */
export async function validatorsOf(spec: string | object): Promise<Record<string, any>> {
  return importGenerated(await generated(spec, ['types', 'validators']), 'validators.ts');
}

/** Transpiles the generated TypeScript files to ESM JavaScript in a temp folder and imports one of them. */
export async function importGenerated(files: GeneratedFile[], entry: string): Promise<Record<string, any>> {
  return (await importAll(files))(entry);
}

/** Transpiles every generated file into one temp folder; returns an importer for any of them (shared modules). */
export async function importAll(files: GeneratedFile[]): Promise<(entry: string) => Promise<Record<string, any>>> {
  const dir = await transpiled(files);
  return (entry: string) => import(join(dir, entry.replace(/\.ts$/, '.js')));
}

/**
 * Every generated file transpiled to ESM JavaScript (ES2022, imports as generated: relative with `.js`) in a new
 * temp folder that is a `"type": "module"` package; returns the folder. The same files run in Node and in a browser.
 */
export async function transpiled(files: GeneratedFile[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'specforge-run-'));
  writeFiles(dir, files.map((f) => ({ path: f.path.replace(/\.ts$/, '.js'), content: toJavaScript(f.content, f.path) })));
  return dir;
}

/** Generates every target of a spec and imports the client, the server and its node adapter from one folder. */
export async function stackOf(
  spec: string | object,
  options: Representation = {},
): Promise<{ client: Record<string, any>; server: Record<string, any>; node: Record<string, any>; validators: Record<string, any> }> {
  const load = await importAll(await generated(spec, ['client', 'server'], options));
  return { client: await load('client.ts'), server: await load('server.ts'), node: await load('server-node.ts'), validators: await load('validators.ts') };
}

/** The generated client module of a spec, ready to call. */
export async function clientOf(spec: string | object): Promise<Record<string, any>> {
  return importGenerated(await generated(spec, ['client']), 'client.ts');
}

/** The generated client and validators modules of a spec (for `validateResponses`), from one folder. */
export async function clientWithValidatorsOf(spec: string | object): Promise<{ client: Record<string, any>; validators: Record<string, any> }> {
  const load = await importAll(await generated(spec, ['client']));
  return { client: await load('client.ts'), validators: await load('validators.ts') };
}
