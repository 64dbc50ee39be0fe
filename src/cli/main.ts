#!/usr/bin/env node
import { run } from './run.js';

// Ctrl-C / SIGTERM abort the run's signal: --watch closes its watchers and exits 0.
const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => controller.abort());

const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});

// Out as soon as the output is: waiting for the last writes to reach the pipes, then exit at once (a natural
// exit first tears down the heap, about 0.05–0.1 s after a run on a big spec).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((done) => stream.write('', () => done()))));
process.exit(code);
