// Lane of npm run corpus (a child process, scripts/child-lane.mjs): for each spec, generate every target in
// memory and type-check the output under strict (corpus-check.mjs).
import { generate } from '../dist/index.js';
import { typecheck } from './corpus-check.mjs';

process.on('message', async ({ id, spec, check, representation = {} }) => {
  const t0 = performance.now();
  let r;
  try {
    const g = await generate({ ...representation, input: spec, write: false, maxDocumentMiB: 128 });
    const genMs = Math.round(performance.now() - t0);
    const internal = g.diagnostics.find((d) => d.code === 'SF9002');
    if (internal) r = { status: 'crash', detail: internal.message.split('\n').slice(0, 3).join(' ').slice(0, 400), genMs };
    else if (!g.ok) {
      const e = g.diagnostics.find((d) => d.severity === 'error');
      r = { status: 'invalid', code: e?.code, detail: `${e?.code} ${e?.message} (#${e?.pointer})`.slice(0, 400), genMs };
    } else if (!check) r = { status: 'pass', genMs, bytes: g.files.reduce((n, f) => n + f.content.length, 0) };
    else {
      const errors = typecheck(g.files);
      const tscMs = Math.round(performance.now() - t0) - genMs;
      r = errors.length === 0 ? { status: 'pass', genMs, tscMs } : { status: 'tsc', detail: errors[0], count: errors.length, genMs, tscMs };
    }
  } catch (e) {
    r = { status: 'crash', detail: `threw: ${e?.stack ?? e}`.slice(0, 400) };
  }
  process.send({ id, ...r });
});
