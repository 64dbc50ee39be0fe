#!/usr/bin/env node
import { run } from './run.js';

// Ctrl-C / SIGTERM abort the run's signal: --watch closes its watchers and exits 0.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());

process.exitCode = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
