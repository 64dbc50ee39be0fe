#!/usr/bin/env node
// npm run bench:bodies: what the generated server spends on the worst request bodies under its own 1 MiB limit,
// beside a plain body of the same size: a form of distinct keys (decodeForm once called getAll per key:
// quadratic), and a JSON array under `uniqueItems` (once compared every pair). In process, through the fetch
// handler, median of N requests each.
// Usage: node bench/hostile-bodies.mjs [--runs N] [--no-write]
import { join } from 'node:path';
import { generate } from '../dist/index.js';
import { transpiledFolder } from './generated.mjs';
import { flag, option } from './options.mjs';
import { writeResults } from './results.mjs';

const runs = Number(option('--runs', 5));
const LIMIT = 1024 * 1024;
const spec = {
  openapi: '3.1.0',
  info: { title: 'bodies', version: '1' },
  paths: {
    '/form': {
      post: {
        operationId: 'postForm',
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', additionalProperties: { type: 'string' } } } } },
        responses: { '204': { description: 'done' } },
      },
    },
    '/items': {
      post: {
        operationId: 'postItems',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'array', uniqueItems: true, items: { type: 'object', properties: { id: { type: 'integer' } } } } } } },
        responses: { '204': { description: 'done' } },
      },
    },
  },
};

const r = await generate({ input: spec, targets: ['server'], write: false });
if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
const dir = transpiledFolder(r.files, 'specforge-bodies-');
const { createHandler } = await import(join(dir, 'server.js'));
const handler = createHandler({ postForm: () => ({ status: 204 }), postItems: () => ({ status: 204 }) });

/** The largest body of `piece(i)` parts joined by `sep` that stays under the limit (with room for `end`). */
function fill(piece, sep, start = '', end = '') {
  const parts = [];
  let size = start.length + end.length;
  for (let i = 0; ; i++) {
    const p = piece(i);
    if (size + p.length + sep.length > LIMIT - 16) break;
    parts.push(p);
    size += p.length + sep.length;
  }
  return start + parts.join(sep) + end;
}

const bodies = [
  { name: 'form: distinct keys (`k0=1&k1=1&…`)', path: '/form', type: 'application/x-www-form-urlencoded', body: fill((i) => `k${i}=1`, '&') },
  { name: 'form: one key, one long value', path: '/form', type: 'application/x-www-form-urlencoded', body: 'k=' + 'x'.repeat(LIMIT - 32) },
  { name: 'JSON: distinct items under `uniqueItems` (`[{"id":0},…]`)', path: '/items', type: 'application/json', body: fill((i) => `{"id":${i}}`, ',', '[', ']') },
  { name: 'JSON: one item with a long string', path: '/items', type: 'application/json', body: '[{"id":1,"s":"' + 'x'.repeat(LIMIT - 48) + '"}]' },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const b of bodies) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await handler(new Request(`http://x${b.path}`, { method: 'POST', headers: { 'content-type': b.type }, body: b.body }));
    times.push(performance.now() - t0);
    if (res.status !== 204) throw new Error(`${b.name}: status ${res.status}: ${await res.text()}`);
  }
  rows.push({ ...b, size: Buffer.byteLength(b.body), ms: median(times) });
}

const table = [
  `Node ${process.version}; the generated server's fetch handler in process, ${runs} requests per body, median; each body just under the 1 MiB limit.`,
  '',
  '| body | size | ms per request |',
  '| --- | ---: | ---: |',
  ...rows.map((x) => `| ${x.name} | ${(x.size / 1024).toFixed(0)} KiB | ${x.ms.toFixed(1)} |`),
  '',
  `Worst / plain: form ${(rows[0].ms / rows[1].ms).toFixed(1)}×, JSON ${(rows[2].ms / rows[3].ms).toFixed(1)}×.`,
].join('\n');
console.log(table);
if (!flag('--no-write')) {
  writeResults('bodies', table, { heading: 'Hostile request bodies under the limit', reproduce: '`npm run bench:bodies` (`node bench/hostile-bodies.mjs`; `--runs N`, `--no-write`).' });
}
