#!/usr/bin/env node
// npm run bench:tsc: how long `tsc --noEmit` takes over specforge's types.ts for GitHub's spec, beside
// openapi-typescript's output for the same spec (both strict, skipLibCheck), interleaved, median of N.
// Usage: node bench/tsc.mjs [--runs N] [--no-write]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : 3);
const spec = require.resolve('@octokit/openapi/generated/api.github.com.json');
const work = mkdtempSync(join(tmpdir(), 'specforge-tsc-'));
const run = (cmd, argv) => {
  const r = spawnSync(process.execPath, [cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} failed:\n${r.stdout}\n${r.stderr}`);
};
run(join(root, 'dist/cli/main.js'), ['generate', spec, '-o', join(work, 'specforge'), '-t', 'types', '-q']);
run(join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js'), [spec, '-o', join(work, 'oapi/types.ts')]);
for (const d of ['specforge', 'oapi']) writeFileSync(join(work, d, 'package.json'), '{ "type": "module" }\n');

const tsc = require.resolve('typescript/bin/tsc');
const flags = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--extendedDiagnostics'];
const once = (d) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [tsc, ...flags, join(work, d, 'types.ts')], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`tsc over ${d} failed:\n${r.stdout.slice(0, 2000)}`);
  const check = Number(/Check time:\s+([\d.]+)s/.exec(r.stdout)?.[1] ?? NaN) * 1000;
  const mem = Number(/Memory used:\s+(\d+)K/.exec(r.stdout)?.[1] ?? NaN) / 1024;
  return { ms, check, mem };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const samples = { specforge: [], oapi: [] };
for (let i = 0; i < runs; i++) for (const d of ['specforge', 'oapi']) samples[d].push(once(d));
// The machine's speed drifts between rounds: the ratio within each round (the two runs side by side) is steadier
// than the ratio of the medians.
const paired = median(samples.specforge.map((s, i) => s.ms / samples.oapi[i].ms));

// Warm, in one process (as in an editor's language service or `tsc --watch`): each file's program made and
// checked again and again, the lib files parsed once; parse, bind and check timed apart, medians after a warm-up.
const ts = require('typescript');
const warmOptions = { noEmit: true, strict: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] };
const host = ts.createCompilerHost(warmOptions);
host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors; // what the tsc command line does
const libs = new Map();
const read = host.getSourceFile.bind(host);
host.getSourceFile = (file, ...rest) => (file.includes('/typescript/lib/') ? (libs.get(file) ?? libs.set(file, read(file, ...rest)).get(file)) : read(file, ...rest));
const warm = { specforge: [], oapi: [] };
for (let i = 0; i < runs + 1; i++) {
  for (const d of ['specforge', 'oapi']) {
    const t0 = performance.now();
    const program = ts.createProgram([join(work, d, 'types.ts')], warmOptions, host);
    const t1 = performance.now();
    program.getTypeChecker();
    const t2 = performance.now();
    const errors = program.getSemanticDiagnostics().length;
    const t3 = performance.now();
    if (errors > 0) throw new Error(`${d}: ${errors} errors in the warm check`);
    if (i > 0) warm[d].push({ parse: t1 - t0, bind: t2 - t1, check: t3 - t2, total: t3 - t0 });
  }
}
const warmRow = (d) => Object.fromEntries(['parse', 'bind', 'check', 'total'].map((k) => [k, median(warm[d].map((x) => x[k]))]));
const warmRows = { specforge: warmRow('specforge'), oapi: warmRow('oapi') };
const row = (d, label) => {
  const s = samples[d];
  return { label, ms: median(s.map((x) => x.ms)), check: median(s.map((x) => x.check)), mem: median(s.map((x) => x.mem)), size: statSync(join(work, d, 'types.ts')).size / 1e6 };
};
const rows = [row('specforge', 'specforge types.ts'), row('oapi', 'openapi-typescript 7 types.ts')];
const table = [
  `GitHub's spec; \`tsc --noEmit --strict --skipLibCheck\` over the one generated file; ${runs} interleaved runs, median; Node ${process.version}, ${cpus().length} cores.`,
  '',
  '| output | size (MB) | tsc wall (ms) | check time (ms) | memory used (MB) |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.label} | ${r.size.toFixed(1)} | ${Math.round(r.ms)} | ${Math.round(r.check)} | ${Math.round(r.mem)} |`),
  '',
  `specforge / openapi-typescript: **${(rows[0].ms / rows[1].ms).toFixed(2)}×** tsc wall time (target ≤ 1×; within each round side by side: ${paired.toFixed(2)}×), ${(rows[0].check / rows[1].check).toFixed(2)}× check time.`,
  '',
  `Warm, in one process (an editor's language service, \`tsc --watch\`): the same file's program made and checked ${runs} times after a warm-up, lib files parsed once; medians (ms).`,
  '',
  '| output | parse | bind | check | total |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...[['specforge', 'specforge types.ts'], ['oapi', 'openapi-typescript 7 types.ts']].map(([d, label]) => `| ${label} | ${['parse', 'bind', 'check', 'total'].map((k) => Math.round(warmRows[d][k])).join(' | ')} |`),
  '',
  `specforge / openapi-typescript, warm: **${(warmRows.specforge.total / warmRows.oapi.total).toFixed(2)}×** (check alone ${(warmRows.specforge.check / warmRows.oapi.check).toFixed(2)}×).`,
].join('\n');
rmSync(work, { recursive: true, force: true });
console.log(table);
if (!args.includes('--no-write')) {
  writeResults('tsc', table, { heading: 'Type-checking the generated types', reproduce: '`npm run bench:tsc` (`node bench/tsc.mjs`; `--runs N`, `--no-write`).' });
}
