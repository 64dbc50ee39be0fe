import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { fromSource } from './test/tiers/from-source.js';

/**
 * The fast tier (`npm run test:unit`, project `unit`): unit and table tests that run in this process against
 * `src/` as it is, with no build: vitest transpiles the TypeScript, and `fromSource` points their imports of
 * `dist/…` at `src/…`. A file belongs here when it needs nothing the build makes (no `dist/cli/main.js` child
 * process, no precompiled templates or bundle, no tsc of the test project) and runs in a few seconds at most.
 * Everything else (the CLI, golden files, round trips over HTTP, other runtimes, the browser, the package, the
 * big real specs, fuzzing) is the `full` project, which tests the built package. `npm test` runs both.
 */
export const UNIT = [
  'test/runtime/**/*.test.ts',
  'test/ir/**/*.test.ts',
  'test/emit/**/*.test.ts',
  'test/helpers/**/*.test.ts',
  'test/conformance/**/*.test.ts',
  'test/parse/json-splice.test.ts',
  'test/validators/semantics.test.ts',
  'test/validators/seeds.test.ts',
  'test/validators/applicators.test.ts',
  'test/validators/unevaluated.test.ts',
  'test/validators/runtime-import.test.ts',
  'test/write/atomic.test.ts',
  'test/write/layers.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker per core but one, which is a single worker on a 2-core machine (CI's):
    // the suite then took about 6.5 minutes there, against about 4.3 with two. Most test files spend their
    // time in child processes (the CLI, tsc, servers), so two files at once keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        plugins: [fromSource()],
        test: {
          name: 'unit',
          isolate: false,
          include: UNIT,
          // The validation worker is a file Node loads by itself: bundled from src/ once per run.
          globalSetup: ['test/tiers/validation-worker.ts'],
          setupFiles: ['test/tiers/unit-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'full',
          include: ['test/**/*.test.ts'],
          exclude: UNIT,
          // These exercise the built package (dist/), which `npm test` builds first (pretest).
        },
      },
    ],
  },
});
