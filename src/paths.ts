import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of specforge's own package.json (where `templates/` and `dist/` are), found by walking up from
 * this module, so that the answer is the same whether the code runs as separate modules (`dist/…`) or as the
 * one-file CLI bundle (`dist/cli/main.js`).
 */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'specforge') return dir;
    if (dirname(dir) === dir) throw new Error(`specforge: cannot find its package.json above ${from}`);
  }
}

/**
 * The validation worker's script (src/parse/validate-worker.ts as built). A worker thread is a file Node loads by
 * itself, so it is the one module that has to come from dist/ (the fast test tier, which runs src/ without a
 * build, points it at a bundle of its own: test/unit/setup.ts).
 */
export const VALIDATION_WORKER = join(PACKAGE_ROOT, 'dist/parse/validate-worker.js');
