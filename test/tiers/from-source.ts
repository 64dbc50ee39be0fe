import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist') + sep;
const SRC = join(ROOT, 'src') + sep;

/**
 * A Vite plugin for the fast tier: a test's import of a built module (`../../dist/index.js`,
 * `../../dist/parse/json-splice.js`) resolves to its source (`src/index.ts`, `src/parse/json-splice.ts`), so the
 * same test file runs against `src/` with no build (`npm run test:unit`). Only relative imports of a `.js` file
 * under `dist/` whose `.ts` source exists are redirected; a module the build makes (the precompiled templates,
 * the bundle) has no such source and is not in the fast tier.
 */
export function fromSource(): { name: string; enforce: 'pre'; resolveId(source: string, importer?: string): string | undefined } {
  return {
    name: 'specforge-from-source',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !source.startsWith('.') || !source.endsWith('.js')) return undefined;
      const target = resolve(dirname(importer), source);
      if (!target.startsWith(DIST)) return undefined;
      const ts = join(SRC, relative(DIST, target)).replace(/\.js$/, '.ts');
      return existsSync(ts) ? ts : undefined;
    },
  };
}
