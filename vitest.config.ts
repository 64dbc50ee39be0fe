import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest's default is one worker per core but one, which is a single worker on a 2-core machine (CI's):
    // the suite then took about 6.5 minutes there, against about 4.3 with two. Most test files spend their
    // time in child processes (the CLI, tsc, servers), so two files at once keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Tests exercise the built package (dist/), which `npm test` builds first (pretest).
  },
});
