// A child process for test/write/crash.test.ts: runs one commit (writeAtomically of the built package) and kills
// itself with SIGKILL just before its n-th call of one file-system operation, so that a test can stop a real
// process at every step of a commit (staging each file, the journal, each rename, the removals, the journal's
// removal) rather than hoping a timer lands there. Nothing in specforge is changed: only node:fs/promises is
// wrapped, before the module that imports it is loaded.
// Usage: node kill-child.mjs <out dir> <job.json: { files, remove }> <open|rename|rm> <n>
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const [out, job, op, nth] = process.argv.slice(2);
const { files, remove } = JSON.parse(fs.readFileSync(job, 'utf8'));
const real = fs.promises[op];
let calls = 0;
fs.promises[op] = (...args) => {
  if (++calls === Number(nth)) process.kill(process.pid, 'SIGKILL');
  return real(...args);
};
syncBuiltinESMExports();
const { writeAtomically } = await import(new URL('../../dist/write/atomic.js', import.meta.url).href);
await writeAtomically(out, files, remove);
// Fewer calls than n: the commit ran to its end. The test tells this from a kill by the exit code.
process.stdout.write(JSON.stringify({ calls }));
