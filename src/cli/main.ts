#!/usr/bin/env node
import { constants } from 'node:os';
import { run } from './run.js';

// Ctrl-C / SIGTERM end a run at once, as they do by default: a run may be inside a long synchronous step or one
// blocked in the thread pool, where a JavaScript handler would never get to run (the signal was only queued,
// and a run stuck in such a step could not be stopped). What the run was writing survives it: output is
// committed through a journal that the next run finishes or undoes (write/atomic.ts). Only `--watch`, while it
// waits between runs, asks for the signals (`trapSignals`): it then closes its watchers and exits 0.
const controller = new AbortController();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let trapped = false;

function trapSignals(on: boolean): void {
  if (on === trapped || controller.signal.aborted) return;
  trapped = on;
  // With no listener left, Node gives the signal back its default action.
  for (const sig of SIGNALS) {
    if (on) process.on(sig, stop);
    else process.off(sig, stop);
  }
}

function stop(sig: NodeJS.Signals): void {
  trapSignals(false); // a second Ctrl-C ends the process at once
  controller.abort();
  // If stopping takes longer than it should, the signal's default outcome, late.
  setTimeout(() => process.exit(128 + (constants.signals[sig] ?? 15)), 2000).unref();
}

const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  trapSignals,
});

// Out as soon as the output is: waiting for the last writes to reach the pipes, then exit at once (a natural
// exit first tears down the heap, about 0.05–0.1 s after a run on a big spec).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((done) => stream.write('', () => done()))));
process.exit(code);
