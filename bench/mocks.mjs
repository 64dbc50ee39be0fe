#!/usr/bin/env node
// Example data for every operation of GitHub's spec (@octokit/openapi, read from node_modules): how long the
// example generator takes, and whether every value passes the generated validator of its schema. Every
// operation's request body and parameters (request direction) and every response (response direction), made
// with and without the spec's own examples; then the mocks target as a whole (mocks.ts, its size).
// Usage: node bench/mocks.mjs [--seed N] [--no-write]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildIr, ExampleGenerator, generate } from '../dist/index.js';
import { transpiledFolder } from './generated.mjs';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 0;
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

const { ir } = await buildIr(GITHUB);
const gen = await generate({ input: GITHUB, targets: ['types', 'validators'], write: false });
const dir = transpiledFolder(gen.files.filter((f) => f.path === 'validators.ts' || f.path.startsWith('runtime/')), 'specforge-mbench-');
const V = await import(join(dir, 'validators.js'));

/** Every value the mocks and a test of every operation would make: [what, node, direction, validator]. */
const cases = [];
for (const op of ir.operations) {
  const ov = V[op.name];
  for (const c of op.requestBody?.content ?? []) if (ov.body[c.mediaType]) cases.push([`${op.name} body`, c.schema, 'request', ov.body[c.mediaType]]);
  for (const r of op.responses) for (const c of r.content) if (ov.responses[r.status]?.[c.mediaType]) cases.push([`${op.name} ${r.status}`, c.schema, 'response', ov.responses[r.status][c.mediaType]]);
}

function run(specExamples) {
  const warnings = new Set();
  const started = performance.now();
  const g = new ExampleGenerator(ir, { seed, specExamples, report: (d) => warnings.add(`${d.code} ${d.pointer}`) });
  const values = cases.map(([, node, dir]) => g.value(node, dir));
  const ms = performance.now() - started;
  let valid = 0;
  const invalid = [];
  const checkStart = performance.now();
  values.forEach((v, i) => (cases[i][3].validate(v).ok ? valid++ : invalid.push(i)));
  const checkMs = performance.now() - checkStart;
  // An invalid value made again by a generator of its own: did it warn (SF41xx) that the value may not fit?
  const unwarned = invalid.filter((i) => {
    let warned = false;
    new ExampleGenerator(ir, { seed, specExamples, report: () => (warned = true) }).value(cases[i][1], cases[i][2]);
    return !warned;
  });
  const bytes = values.reduce((n, v) => n + JSON.stringify(v).length, 0);
  return { ms, checkMs, valid, invalid: invalid.map((i) => cases[i][0]), unwarned: unwarned.map((i) => cases[i][0]), warnings: warnings.size, bytes };
}

const synthetic = run(false);
const withSpec = run(true);
const t0 = performance.now();
const target = await generate({ input: GITHUB, targets: ['mocks'], write: false });
const targetMs = performance.now() - t0;
const mocksTs = target.files.find((f) => f.path === 'mocks.ts');
const mswTs = target.files.find((f) => f.path === 'mocks-msw.ts');
const warned = target.diagnostics.filter((d) => d.code.startsWith('SF41'));

const fmt = (n) => n.toLocaleString('en-US');
const row = (name, r) =>
  `| ${name} | ${fmt(cases.length)} | ${(r.ms / 1000).toFixed(2)} s | ${fmt(r.valid)} | ${fmt(r.invalid.length)} | ${fmt(r.unwarned.length)} | ${fmt(r.warnings)} | ${(r.bytes / 1e6).toFixed(1)} MB | ${(r.checkMs / 1000).toFixed(2)} s |`;
const table = [
  `Node ${process.version}; GitHub's spec (${fmt(ir.operations.length)} operations, ${fmt(ir.schemas.length)} schemas), seed ${seed}.`,
  '',
  '| examples | values | generate | valid | invalid | of which without a warning | warnings | JSON | validate all |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  row('synthesised only', synthetic),
  row("the spec's examples first", withSpec),
  '',
  `Values: every request body and every response of every operation (named schemas' values shared, made once per direction). ` +
    `Synthesised values rejected: ${synthetic.invalid.join(', ') || 'none'}, each after a warning (SF4103: a oneOf whose members overlap). ` +
    `With the spec's examples first, ${withSpec.invalid.length} are rejected, ${withSpec.unwarned.length} of them because an example in the spec does not fit its schema (the generator takes the spec's examples as they are); ` +
    `the mocks send the first example of a response its validator accepts, so those fall back to the synthesised one.`,
  '',
  `The mocks target (\`generate --target mocks\`, types, validators and server included): ${(targetMs / 1000).toFixed(1)} s; ` +
    `mocks.ts ${(mocksTs.content.length / 1e6).toFixed(2)} MB, mocks-msw.ts ${(mswTs.content.length / 1e3).toFixed(0)} kB; ${warned.length} SF41xx warnings.`,
].join('\n');
console.log(table);
if (synthetic.unwarned.length > 0) console.log('\nsynthesised values rejected without a warning:', synthetic.unwarned.slice(0, 20));
if (!args.includes('--no-write')) {
  writeResults('mocks', table, { heading: 'Example data for every GitHub operation', reproduce: '`npm run bench:mocks` (`node bench/mocks.mjs`; `--seed N`, `--no-write`).' });
}
