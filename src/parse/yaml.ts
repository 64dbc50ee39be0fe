import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

/**
 * The `yaml` package, loaded on first use: a JSON spec (the common case for big specs) never pays for loading
 * it. The build bundles it into one file (dist/vendor/yaml.cjs, by scripts/bundle.mjs), which loads in about
 * half the time of its many modules; without that file (tsc's output alone), the package itself.
 */
export function yaml(): typeof import('yaml') {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    try {
      loaded = require(join(PACKAGE_ROOT, 'dist/vendor/yaml.cjs')) as typeof import('yaml');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
      loaded = require('yaml') as typeof import('yaml');
    }
  }
  return loaded;
}

let loaded: typeof import('yaml') | undefined;
