// One request to a worker thread, answered by the message that carries its id, with a timeout. Shared by the
// long runners (test/fuzz/run.mjs, bench/corpus.mjs), which replace a worker that timed out or died.

const QUIET = Symbol('late errors ignored');

/**
 * Posts `{ id, ...message }` and resolves with the worker's answer for that id, `{ status: 'timeout' }` after
 * `timeoutMs`, or `{ status: 'died', detail }` when the worker fails.
 */
export function askWorker(worker, id, message, timeoutMs) {
  // A worker can still fail after its answer or timeout (say, out of memory while it is being terminated); the
  // caller replaces it then, so that late error must not become an uncaught exception of the runner.
  if (!worker[QUIET]) {
    worker[QUIET] = true;
    worker.on('error', () => {});
  }
  return new Promise((resolve) => {
    const done = (answer) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      resolve(answer);
    };
    const timer = setTimeout(() => done({ status: 'timeout' }), timeoutMs);
    const onMessage = (m) => {
      if (m.id === id) done(m);
    };
    // The code first (ERR_WORKER_OUT_OF_MEMORY: the runners retry those with a bigger heap); a stack lacks it.
    const onError = (e) => done({ status: 'died', detail: `${e?.code ? `${e.code}: ` : ''}${String(e?.stack ?? e)}`.slice(0, 400) });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, ...message });
  });
}
