import { resolve } from 'node:path';
import { generate, type GeneratedFile, type TargetName } from '../../dist/index.js';
import { ROOT } from './cli.js';
import { importTs } from './typecheck.js';

/** Generates in memory and returns the files; fails on error diagnostics. */
export async function generated(spec: string | object, targets: TargetName[]): Promise<GeneratedFile[]> {
  const r = await generate({ input: typeof spec === 'string' ? resolve(ROOT, spec) : spec, targets, write: false });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(JSON.stringify(errors, null, 2));
  return r.files;
}

/** The generated validators module of a spec, transpiled and imported into this process. */
export async function validatorsOf(spec: string | object): Promise<Record<string, any>> {
  const files = await generated(spec, ['types', 'validators']);
  return importTs(files.find((f) => f.path === 'validators.ts')!.content);
}
