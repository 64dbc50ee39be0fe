// Runs fuzz cases in a worker thread: writes the case to a file (the way users give specs), generates every
// target in memory, and classifies the outcome.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { generate } from '../../dist/index.js';

const dir = mkdtempSync(join(tmpdir(), 'specforge-fuzz-'));
const file = join(dir, 'openapi.json');

parentPort.on('message', async ({ id, text }) => {
  let outcome;
  try {
    writeFileSync(file, text);
    const r = await generate({ input: file, write: false });
    const internal = r.diagnostics.find((d) => d.code === 'SF9002');
    if (internal) outcome = { kind: 'crash', detail: internal.message.slice(0, 2000) };
    else if (r.ok) outcome = { kind: 'generated', files: r.files.length };
    else {
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      outcome = errors.length === 0 ? { kind: 'crash', detail: 'not ok without an error' } : { kind: 'diagnosed', code: errors[0].code };
    }
  } catch (e) {
    outcome = { kind: 'crash', detail: `generate threw: ${e?.stack ?? e}`.slice(0, 2000) };
  }
  parentPort.postMessage({ id, ...outcome });
});
