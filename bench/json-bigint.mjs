#!/usr/bin/env node
// npm run bench:json: runtime/json.ts (the int64: "bigint" output's JSON) beside JSON.parse/JSON.stringify.
//   size: the module bundled as an app would (rolldown, ESM, minified; gzip -9)
//   (a) GitHub Enterprise Server 3.19's spec (11 MB, no run of 16 digits where a number can start: parseJson's fast
//       path, JSON.parse itself after one scan for digit runs)
//   (b) the same document, the same layout, with a 64-bit id in every 50th object (parseJson's own parser)
//   (a') api.github.com's spec (13 MB): no unsafe integer either, but one string holds " 2605736670972794746", which
//       the scan cannot tell from a number: parseJson's own parser
//   (c) an API answer: 1,000 records with 64-bit ids (snowflakes), as a client reads one response
//   and stringifyJson beside JSON.stringify on the values of (a), (b), (c)
// Each case alternates the two functions, `--runs` times (default 7), and reports the medians and their ratio.
// Usage: node bench/json-bigint.mjs [--runs N] [--no-write]
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { flag, option } from './options.mjs';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(option('--runs', 7));
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs takes a positive integer, not ${option('--runs')}`);

// The module as a user's bundler ships it; the same file is what this bench runs.
const out = `${root}bench/.tmp/json-bigint-${process.pid}.mjs`;
mkdirSync(`${root}bench/.tmp`, { recursive: true });
const bundle = await rolldown({ input: `${root}src/runtime/json.ts`, logLevel: 'silent' });
await bundle.write({ file: out, format: 'esm', minify: true });
const code = readFileSync(out, 'utf8');
const { parseJson, stringifyJson } = await import(pathToFileURL(out).href);
rmSync(out);
const size = { min: Buffer.byteLength(code), gz: gzipSync(code, { level: 9 }).length };

const octokit = (file) => readFileSync(require.resolve(`@octokit/openapi/generated/${file}`), 'utf8');
const specVersion = JSON.parse(readFileSync(require.resolve('@octokit/openapi/package.json'), 'utf8')).version;
const ghes = octokit('ghes-3.19.json');
const dotcom = octokit('api.github.com.json');

/** The document as its file lays it out (2 spaces), with `x-int64-id: 2^63 − k` in every 50th object. */
function withIds(text) {
  const doc = JSON.parse(text);
  const MARK = '@@int64@@';
  if (text.includes(MARK)) throw new Error('the marker is in the document');
  let seen = 0;
  const stack = [doc];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (!Array.isArray(v) && ++seen % 50 === 0) v['x-int64-id'] = MARK;
    for (const k in v) stack.push(v[k]);
  }
  let added = 0;
  const out = JSON.stringify(doc, null, 2).replaceAll(`"${MARK}"`, () => String(2n ** 63n - BigInt(++added)));
  if (JSON.stringify(JSON.parse(text), null, 2) !== text) throw new Error('the file is not laid out as JSON.stringify(doc, null, 2)');
  return { text: out, added };
}
const ids = withIds(ghes);
const records = stringifyJson(
  Array.from({ length: 1000 }, (_, i) => ({
    id: 1_200_000_000_000_000_000n + BigInt(i) * 7_919n,
    author_id: 900_000_000_000_000_000n + BigInt(i),
    name: `user ${i}`,
    score: i / 7,
    created: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    tags: ['a', 'b\n"c"'],
  })),
);

/** ms per call of fn on input: the median over `runs` rounds, each of enough calls to take about 100 ms. */
function time(fn, input) {
  const t0 = performance.now();
  fn(input);
  const once = Math.max(performance.now() - t0, 0.001);
  const reps = Math.max(1, Math.round(100 / once));
  const t = performance.now();
  for (let i = 0; i < reps; i++) fn(input);
  return (performance.now() - t) / reps;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Alternates ours and theirs on their inputs, runs times, after one warm-up round. */
function compare(ours, oursInput, theirs, theirsInput) {
  time(ours, oursInput);
  time(theirs, theirsInput);
  const a = [];
  const b = [];
  for (let r = 0; r < runs; r++) {
    a.push(time(ours, oursInput));
    b.push(time(theirs, theirsInput));
  }
  return { ours: median(a), theirs: median(b), ratio: median(a.map((x, i) => x / b[i])) };
}

const ghesValue = JSON.parse(ghes);
const idsValue = parseJson(ids.text);
const recordsValue = parseJson(records);
// JSON.stringify cannot write a bigint: the baseline for a value with bigints writes them through a replacer as
// strings (what an app without this module would do), which costs JSON.stringify its fast path too.
const asString = (_k, v) => (typeof v === 'bigint' ? v.toString() : v);
const stringifyAsString = (v) => JSON.stringify(v, asString);
const mb = (s) => `${(Buffer.byteLength(s) / 1e6).toFixed(1)} MB`;
const kb = (s) => `${(Buffer.byteLength(s) / 1e3).toFixed(0)} kB`;
const rows = [
  ['parse (a) GHES 3.19 spec, no unsafe integer: fast path', mb(ghes), compare(parseJson, ghes, JSON.parse, ghes)],
  [`parse (b) the same + ${ids.added.toLocaleString('en')} int64 ids: parser`, mb(ids.text), compare(parseJson, ids.text, JSON.parse, ids.text)],
  ["parse (a') api.github.com spec, a digit run in a string: parser", mb(dotcom), compare(parseJson, dotcom, JSON.parse, dotcom)],
  ['parse (c) 1,000 records with int64 ids: parser', kb(records), compare(parseJson, records, JSON.parse, records)],
  ['stringify (a), no bigint', mb(JSON.stringify(ghesValue)), compare(stringifyJson, ghesValue, JSON.stringify, ghesValue)],
  ['stringify (b), with int64 ids (JSON.stringify: a replacer writes them as strings)', mb(JSON.stringify(idsValue, asString)), compare(stringifyJson, idsValue, stringifyAsString, idsValue)],
  ['stringify (c), 1,000 records (JSON.stringify: the same replacer)', kb(records), compare(stringifyJson, recordsValue, stringifyAsString, recordsValue)],
];

const f = (ms) => (ms >= 10 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(1) : ms.toFixed(3));
const table = [
  `Specs: @octokit/openapi ${specVersion}, generated/ghes-3.19.json and api.github.com.json. Machine: ${cpus().length} × ${cpus()[0]?.model.split(' ')[0] ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${runs} alternating rounds, medians.`,
  '',
  `Size of runtime/json.ts bundled (rolldown, minified): ${size.min.toLocaleString('en')} B, **${size.gz.toLocaleString('en')} B gzip -9**.`,
  '',
  '| case | input | ours (ms) | JSON.* (ms) | ours / JSON.* |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map(([name, input, r]) => `| ${name} | ${input} | ${f(r.ours)} | ${f(r.theirs)} | **${r.ratio.toFixed(2)}×** |`),
].join('\n');
console.log(table);
if (!flag('--no-write')) {
  writeResults('json', table, {
    heading: 'runtime/json.ts: 64-bit integers in JSON, beside JSON.parse/JSON.stringify',
    reproduce: '`npm run bench:json` (`node bench/json-bigint.mjs`; options `--runs N`, `--no-write`)',
  });
}
