#!/usr/bin/env node
// npm run bench:profile: where a cold `specforge generate` spends its time, on GitHub's spec by default.
// Runs the CLI once under `node --cpu-prof`, prints its stage timings (--timings), the share of garbage
// collection, and the functions with the most self time and inclusive time (specforge's own code).
// Usage: node bench/profile.mjs [--spec PATH] [--target LIST] [--top N] [--keep DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, option } from './options.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const spec = option('--spec', require.resolve('@octokit/openapi/generated/api.github.com.json'));
const top = Number(option('--top', 25));
const keep = option('--keep', undefined);
const work = mkdtempSync(join(tmpdir(), 'specforge-profile-'));
const profDir = keep ?? join(work, 'prof');

const cli = ['generate', spec, '-o', join(work, 'out'), '--timings'];
const target = option('--target', undefined);
if (target) cli.push('--target', target);
const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, join(root, 'dist/cli/main.js'), ...cli], { encoding: 'utf8' });
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
process.stdout.write(r.stdout);

// The main thread's profile (the validation worker runs without the profiler: it starts with no execArgv).
const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
const profiles = files.map((f) => JSON.parse(readFileSync(join(profDir, f), 'utf8')));
profiles.sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime));
for (const [i, p] of profiles.entries()) summarize(p, i === 0 ? 'main thread' : 'worker thread');
if (!keep) rmSync(work, { recursive: true, force: true });

function summarize(p, label) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (url) => {
    const path = url.replace(/^file:\/\//, '');
    const nm = path.lastIndexOf('/node_modules/');
    if (nm !== -1) return path.slice(nm + 1);
    return path.startsWith(root) ? path.slice(root.length) : path;
  };
  const key = (n) => `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const ticks = new Map();
  let total = 0;
  p.samples.forEach((id, i) => {
    const d = p.timeDeltas[i] ?? 0;
    total += d;
    ticks.set(id, (ticks.get(id) ?? 0) + d);
  });
  const self = new Map();
  const incl = new Map();
  for (const [id, d] of ticks) {
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + d);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + d);
    }
  }
  const ms = (us) => (us / 1000).toFixed(0).padStart(6);
  const gc = [...self].filter(([k]) => k.startsWith('(garbage collector)')).reduce((a, [, v]) => a + v, 0);
  console.log(`\n${label}: ${ms(total).trim()} ms sampled, garbage collection ${ms(gc).trim()} ms (${((100 * gc) / total).toFixed(0)}%)`);
  console.log('self time (ms):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)}  ${k}`);
  console.log("inclusive time of specforge's functions (ms):");
  const ours = [...incl].filter(([k]) => / dist\//.test(k));
  for (const [k, v] of ours.sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)}  ${k}`);
}
