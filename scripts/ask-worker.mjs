// One request to a worker thread, answered by the message that carries its id, with a timeout. Shared by the
// long runners (test/fuzz/run.mjs, bench/corpus.mjs), which replace a worker that timed out or died.

/**
 * Posts `{ id, ...message }` and resolves with the worker's answer for that id, `{ status: 'timeout' }` after
 * `timeoutMs`, or `{ status: 'died', detail }` when the worker fails.
 */
export function askWorker(worker, id, message, timeoutMs) {
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
    const onError = (e) => done({ status: 'died', detail: String(e?.stack ?? e).slice(0, 400) });
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ id, ...message });
  });
}
