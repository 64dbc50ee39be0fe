// A lane of a long runner as a child process instead of a worker thread: the same face as a Worker to
// askWorker (on/off 'message' and 'error', postMessage, terminate). A worker thread that runs out of its heap
// is supposed to be stopped with ERR_WORKER_OUT_OF_MEMORY, but V8 can also abort the whole process instead
// (it did, in a full corpus run: Microsoft Graph beta's type-check, 2026-12-02), which loses the run. A child
// that runs out of its heap only ends itself; its end is reported as that same error code.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

/** Forks `file` (which answers `process.on('message')` with `process.send`) with an old-space limit of `heapMb`. */
export function forkLane(file, heapMb) {
  const lane = new EventEmitter();
  const child = fork(file, [], { execArgv: [`--max-old-space-size=${heapMb}`], stdio: ['ignore', 'inherit', 'pipe', 'ipc'], serialization: 'advanced' });
  let tail = '';
  child.stderr.on('data', (chunk) => {
    tail = (tail + chunk.toString('utf8')).slice(-4096);
  });
  let ended = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.on('message', (m) => lane.emit('message', m));
  child.once('exit', (code, signal) => {
    ended = true;
    if (lane.stopping) return;
    const oom = /heap out of memory|Reached heap limit/.test(tail);
    const e = new Error(`lane exited (${signal ?? `code ${code}`}): ${tail.trim().split('\n').filter((l) => !/^\s*\d+: 0x/.test(l)).slice(-3).join(' ')}`);
    e.code = oom ? 'ERR_WORKER_OUT_OF_MEMORY' : 'ERR_LANE_EXITED';
    lane.emit('error', e);
  });
  lane.postMessage = (m) => child.send(m);
  lane.terminate = async () => {
    lane.stopping = true;
    if (!ended) child.kill('SIGKILL');
    await exited;
  };
  return lane;
}
