#!/usr/bin/env node
// npm run bench:watch: how long `specforge generate --watch` takes to regenerate after a one-operation edit of
// GitHub's 13 MB spec (the time from the edit's write to the summary line), median of N edits, for the types
// target and for all targets; beside a cold `specforge generate` of the same spec in the same run.
// Usage: node bench/watch.mjs [--edits N] [--no-write]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const edits = Number(args.includes('--edits') ? args[args.indexOf('--edits') + 1] : 5);
const cli = join(root, 'dist/cli/main.js');
const original = readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'specforge-watch-'));
const spec = join(work, 'api.github.com.json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The edit: one operation's summary (the first "summary" of the document), a new text each time.
const first = original.indexOf('"summary": "');
const end = original.indexOf('"', first + 12);
const edit = (n) => original.slice(0, first) + `"summary": "Edited ${n}` + original.slice(end);

async function watchRun(targetArgs) {
  writeFileSync(spec, original);
  const out = join(work, 'out');
  rmSync(out, { recursive: true, force: true });
  const child = spawn(process.execPath, [cli, 'generate', spec, '-o', out, ...targetArgs, '--watch'], { env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let waiting;
  child.stdout.on('data', (d) => {
    stdout += d;
    waiting?.();
  });
  child.stderr.on('data', (d) => process.stderr.write(d));
  const summaries = () => (stdout.match(/^specforge: \d+ written/gm) ?? []).length;
  const until = async (pred) => {
    while (!pred()) await new Promise((r) => (waiting = r));
  };
  await until(() => /watching/.test(stdout));
  // What the next edit needs (the spec's index) is prepared while the user would be typing.
  await new Promise((r) => setTimeout(r, 1000));
  const times = [];
  const writes = [];
  for (let i = 1; i <= edits; i++) {
    const before = summaries();
    const t0 = performance.now();
    writeFileSync(spec, edit(i));
    const written = performance.now();
    await until(() => summaries() > before);
    times.push(performance.now() - written);
    writes.push(written - t0);
    // An edit every half second, as someone typing and saving would not go faster.
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  return { times, writes };
}

function cold(targetArgs) {
  writeFileSync(spec, original);
  const out = join(work, 'cold');
  const times = [];
  for (let i = 0; i < 3; i++) {
    rmSync(out, { recursive: true, force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [cli, 'generate', spec, '-o', out, ...targetArgs], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    times.push(performance.now() - t0);
  }
  return median(times);
}

const rows = [];
for (const [label, targetArgs] of [['types', ['-t', 'types']], ['all targets', []]]) {
  const { times, writes } = await watchRun(targetArgs);
  const coldMs = cold(targetArgs);
  rows.push({ label, watch: median(times), all: times, write: median(writes), cold: coldMs });
}
rmSync(work, { recursive: true, force: true });

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const table = [
  `GitHub's spec (13 MB JSON), one operation's summary edited ${edits} times per row; Node ${process.version}, ${cpus().length} cores.`,
  'Watch time: from the end of the write of the edited spec (13 MB, `writeFileSync`; its own time in the next column) to the',
  "summary line of the regeneration, the 30 ms debounce included. The first edit includes compiling the validator of an",
  "operation's part of the OpenAPI schema (the worker's check of an edit).",
  '',
  '| target | watch regeneration, median ms (each) | the write of the spec, median ms | cold `generate`, median of 3, ms | watch / cold | target ≤ 200 ms |',
  '| --- | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.label} | ${fmt(r.watch)} (${r.all.map(fmt).join(', ')}) | ${fmt(r.write)} | ${fmt(r.cold)} | ${(r.watch / r.cold).toFixed(2)}× | ${r.watch <= 200 ? 'met' : 'not met'} |`),
].join('\n');
console.log(table);
if (!args.includes('--no-write')) {
  writeResults('watch', table, { heading: 'Watch regeneration', reproduce: '`npm run bench:watch` (`node bench/watch.mjs`; `--edits N`, `--no-write`).' });
}
