import { createRequire } from 'node:module';

/**
 * The `yaml` package, loaded on first use: a JSON spec (the common case for big specs) never pays for loading
 * it (about 50 ms at start-up).
 */
export function yaml(): typeof import('yaml') {
  loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return loaded;
}

let loaded: typeof import('yaml') | undefined;
