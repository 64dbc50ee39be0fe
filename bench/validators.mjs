#!/usr/bin/env node
// Validator throughput beside ajv, in one process, interleaved: a Whop DmMember and GitHub's full-repository
// example (91 properties, nested owner/organization/parent/source/license), each against the generated
// validator (is(), the fast path, and validate()) and ajv's compiled validator for the same schema.
// Usage: node bench/validators.mjs [--seconds S] [--no-write]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results.mjs';
import { transpiledFolder } from './generated.mjs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { generate, loadSpec } from '../dist/index.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 2) || 2;
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

async function ours(spec) {
  const r = await generate({ input: spec, targets: ['types', 'validators'], write: false });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  // validators.ts and the runtime modules it imports (runtime/*.ts), as ES modules in a folder of their own.
  const dir = transpiledFolder(r.files.filter((f) => f.path === 'validators.ts' || f.path.startsWith('runtime/')), 'specforge-vbench-');
  return import(join(dir, 'validators.js'));
}

async function ajvFor(spec, key) {
  const { document } = await loadSpec(spec, { validate: false });
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  ajv.addSchema(document, 'doc');
  return ajv.getSchema(`doc#/components/schemas/${key}`);
}

function opsPerSecond(fn, value) {
  // Warm up, then count calls in fixed-size batches until the time is up.
  for (let i = 0; i < 20000; i++) fn(value);
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) if (!fn(value)) throw new Error('value rejected');
    n += 1000;
  }
  return n / ((performance.now() - start) / 1000);
}

const whop = await ours(join(root, 'specs/whop-dm-members.yaml'));
const gh = await ours(GITHUB);
const member = { id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'accepted', last_viewed_at: '123.45', notification_preference: 'mentions' };
// GitHub's own example lacks the required `has_discussions`; both validators reject it as published.
const repo = { ...require(GITHUB).components.examples['full-repository'].value, has_discussions: false };
const cases = [
  { name: 'Whop DmMember', value: member, ours: whop.DmMember, ajv: await ajvFor(join(root, 'specs/whop-dm-members.yaml'), 'DmMember') },
  { name: 'GitHub full-repository', value: repo, ours: gh.FullRepository, ajv: await ajvFor(GITHUB, 'full-repository') },
];

const rows = [];
for (const c of cases) {
  if (!c.ours.is(c.value) || !c.ajv(c.value)) throw new Error(`${c.name}: the example does not validate`);
  // Interleave: ajv, ours.is, ours.validate, three rounds; the median of each.
  const runs = { ajv: [], is: [], validate: [] };
  for (let round = 0; round < 3; round++) {
    runs.ajv.push(opsPerSecond(c.ajv, c.value));
    runs.is.push(opsPerSecond((v) => c.ours.is(v), c.value));
    runs.validate.push(opsPerSecond((v) => c.ours.validate(v).ok, c.value));
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[1];
  rows.push({ name: c.name, ajv: med(runs.ajv), is: med(runs.is), validate: med(runs.validate) });
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const table = [
  `Node ${process.version}; ${seconds} s per measurement, 3 interleaved rounds, median. ajv ${JSON.parse(readFileSync(require.resolve('ajv/package.json'), 'utf8')).version} (Ajv2020, ajv-formats, allErrors: false).`,
  '',
  '| value | ajv (ops/s) | specforge is() (ops/s) | specforge validate() (ops/s) | is() / ajv |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.name} | ${fmt(r.ajv)} | ${fmt(r.is)} | ${fmt(r.validate)} | **${(r.is / r.ajv).toFixed(2)}×** |`),
].join('\n');
console.log(table);
if (!args.includes('--no-write')) writeResults('validators', table, { heading: 'Validators beside ajv', reproduce: '`npm run bench:validators`' });
