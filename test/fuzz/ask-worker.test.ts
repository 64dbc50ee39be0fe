import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared by the long runners (npm run fuzz, npm run corpus)
import { askWorker } from '../../scripts/ask-worker.mjs';

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
