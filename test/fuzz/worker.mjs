// Runs fuzz cases in a worker thread: writes the case to a file (the way users give specs), generates every
// target in memory, and classifies the outcome. With `typecheck`, generated files (runtime/ included) are then
// type-checked under strict and the strictest flags (bench/corpus-check.mjs); errors make the case a `tsc` failure,
// and what tsc cannot see (comments it obeys as directives, raw bidi controls: hazards.mjs) an `unsafe` one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { generate } from '../../dist/index.js';

const dir = mkdtempSync(join(tmpdir(), 'specforge-fuzz-'));
let typecheck; // bench/corpus-check.mjs's, loaded (with TypeScript) by the first case that needs it
let outputHazards; // hazards.mjs's, the same

parentPort.on('message', async ({ id, text, ext = 'json', typecheck: check = false, templates }) => {
  let outcome;
  let files;
  try {
    const file = join(dir, `openapi.${ext}`);
    writeFileSync(file, text);
    const r = await generate({ input: file, write: false, ...(templates ? { templates } : {}) });
    const internal = r.diagnostics.find((d) => d.code === 'SF9002');
    if (internal) outcome = { kind: 'crash', detail: internal.message.slice(0, 2000) };
    else if (r.ok) {
      outcome = { kind: 'generated', files: r.files.length };
      files = r.files;
    } else {
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      outcome = errors.length === 0 ? { kind: 'crash', detail: 'not ok without an error' } : { kind: 'diagnosed', code: errors[0].code };
    }
  } catch (e) {
    outcome = { kind: 'crash', detail: `generate threw: ${e?.stack ?? e}`.slice(0, 2000) };
  }
  if (check && files) {
    // The runner hears which phase a case that then times out was in.
    parentPort.postMessage({ phase: 'tsc', of: id });
    const t0 = performance.now();
    try {
      typecheck ??= (await import('../../bench/corpus-check.mjs')).typecheck;
      outputHazards ??= (await import('./hazards.mjs')).outputHazards;
      const given = files.map((f) => ({ path: f.path, content: f.content }));
      const errors = typecheck(given);
      const hazards = outputHazards(given);
      const tscMs = Math.round(performance.now() - t0);
      // tsc's errors first; a case with hazards only is `unsafe`.
      const all = [...errors, ...hazards];
      const kind = errors.length > 0 ? 'tsc' : 'unsafe';
      outcome = all.length === 0 ? { ...outcome, tscMs } : { kind, detail: all.slice(0, 5).join('\n'), errors: all.slice(0, 5), count: all.length, tscMs };
    } catch (e) {
      outcome = { kind: 'tsc', detail: `tsc threw: ${e?.stack ?? e}`.slice(0, 2000), errors: [], count: 0 };
    }
  }
  parentPort.postMessage({ id, ...outcome });
});
