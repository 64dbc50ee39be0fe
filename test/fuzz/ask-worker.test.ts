import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared by the long runners (npm run fuzz, npm run corpus)
import { askWorker } from '../../scripts/ask-worker.mjs';
// @ts-expect-error: a plain ES module (npm run corpus's lanes)
import { forkLane } from '../../scripts/child-lane.mjs';
import { tempDir } from '../helpers/cli.js';

/** A worker that, 100 ms after a request, allocates until its small heap is exhausted. */
const EXHAUSTS_ITS_HEAP = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', () => setTimeout(() => { const a = []; for (;;) a.push(new Array(1e5).fill(1)); }, 100));
`;

describe('askWorker (the long runners’ request to a worker)', () => {
  it('answers timeout, and a failure of the worker after that is not an uncaught error of the runner', async () => {
    const worker = new Worker(EXHAUSTS_ITS_HEAP, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    const answer = await askWorker(worker, 1, {}, 20);
    expect(answer).toEqual({ status: 'timeout' });
    // The worker then runs out of memory: its 'error' event must have a listener, or the runner dies here.
    const code = await new Promise((resolve) => worker.on('exit', resolve));
    expect(code).not.toBe(0);
  });

  it('answers died with the error when the worker fails before answering', async () => {
    const worker = new Worker(EXHAUSTS_ITS_HEAP, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16 } });
    const answer = await askWorker(worker, 1, {}, 60_000);
    expect(answer.status).toBe('died');
    expect(answer.detail).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
  });
});

/** A child lane that echoes a request, or (`grow`) allocates until its heap is exhausted. */
const CHILD = `
process.on('message', (m) => {
  if (!m.grow) return process.send({ id: m.id, status: 'pass', echo: m.x });
  const a = [];
  for (;;) a.push(new Array(1e5).fill(1));
});
`;

describe('forkLane (npm run corpus: a lane as a child process)', () => {
  it('answers like a worker, and running out of its heap is ERR_WORKER_OUT_OF_MEMORY, not the end of the runner', async () => {
    const file = join(tempDir(), 'lane.cjs');
    writeFileSync(file, CHILD);
    const lane = forkLane(file, 32);
    try {
      expect(await askWorker(lane, 1, { x: 'a' }, 60_000)).toEqual({ id: 1, status: 'pass', echo: 'a' });
      const answer = await askWorker(lane, 2, { grow: true }, 60_000);
      expect(answer.status).toBe('died');
      expect(answer.detail).toMatch(/^ERR_WORKER_OUT_OF_MEMORY: /);
    } finally {
      await lane.terminate();
    }
    // A lane stopped by its runner (after a timeout) reports nothing more.
    const slow = forkLane(file, 32);
    expect(await askWorker(slow, 3, { grow: true }, 1)).toEqual({ status: 'timeout' });
    await slow.terminate();
  });
});

