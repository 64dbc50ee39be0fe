import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fast tier's validation worker script (see below). */
    validationWorker: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Global setup of the fast tier: the OpenAPI validation runs in a worker thread (src/parse/validate.ts), whose
 * script Node loads by itself, without vitest's transpiling; on Node 20 it cannot be TypeScript. So the worker is
 * bundled from `src/parse/validate-worker.ts` (rolldown, about 0.1 s) into `test/.tmp/` (inside the checkout, so
 * that it finds `node_modules`; it compiles the OpenAPI schema on first use, as when the build's precompiled
 * validators are missing), and unit-setup.ts points `VALIDATION_WORKER` at it.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = join(ROOT, 'test/.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `validate-worker-${process.pid}.mjs`);
  const bundle = await rolldown({ input: join(ROOT, 'src/parse/validate-worker.ts'), platform: 'node', external: [/^node:/], logLevel: 'warn' });
  await bundle.write({ file, format: 'esm', codeSplitting: false });
  await bundle.close();
  project.provide('validationWorker', file);
  return () => rmSync(file, { force: true });
}
