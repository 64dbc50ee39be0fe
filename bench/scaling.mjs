#!/usr/bin/env node
// npm run bench:scaling: does each stage's time grow linearly with the size of a spec, whatever its shape?
// For each synthetic shape (bench/shapes.mjs) at sizes n and 4n, cold CLI runs of all targets with --timings;
// per stage, the median time at each size and the growth exponent log4(t(4n) / t(n)) (1 is linear, 2 quadratic).
// A stage whose exponent is above 1.3 while it takes at least 100 ms at 4n is marked: that is how the quadratic
// paths fixed on 2026-12-01 showed (a oneOf of 16,000 refs took 4.5 s to print, 8,000 colliding operation names
// over two minutes).
// Usage: node bench/scaling.mjs [--n N] [--runs R] [--shape NAME,...]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './options.mjs';
import { SHAPES } from './shapes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const n = Number(option('--n', 1000));
const runs = Number(option('--runs', 3));
const only = option('--shape', undefined)?.split(',');
const work = mkdtempSync(join(tmpdir(), 'specforge-scaling-'));
const STAGES = ['parse', 'ir', 'emit types', 'emit validators', 'emit client', 'emit server', 'write'];

/** Stage timings (ms) of one cold run. */
function once(spec, out) {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli/main.js'), 'generate', spec, '-o', out, '--timings'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${spec}: exit ${r.status}\n${r.stderr}`);
  const line = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => l.includes(' ms, '));
  if (!line) throw new Error(`${spec}: no --timings line in\n${r.stdout}${r.stderr}`);
  return Object.fromEntries(
    STAGES.map((s) => {
      const ms = new RegExp(`${s} (\\d+) ms`).exec(line)?.[1];
      if (ms === undefined) throw new Error(`${spec}: no time for ${s} in: ${line}`);
      return [s, Number(ms)];
    }),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
let marked = 0;
for (const [name, make] of Object.entries(SHAPES)) {
  if (only && !only.includes(name)) continue;
  const at = {};
  for (const size of [n, 4 * n]) {
    const spec = join(work, `${name}-${size}.json`);
    writeFileSync(spec, JSON.stringify(make(size)));
    const samples = Array.from({ length: runs }, (_, i) => once(spec, join(work, `out-${name}-${size}-${i}`)));
    at[size] = Object.fromEntries(STAGES.map((s) => [s, median(samples.map((x) => x[s]))]));
  }
  const cells = STAGES.map((s) => {
    const a = at[n][s];
    const b = at[4 * n][s];
    const exponent = Math.log(Math.max(b, 1) / Math.max(a, 1)) / Math.log(4);
    const flag = exponent > 1.3 && b >= 100;
    if (flag) marked++;
    return `${a} → ${b} (${exponent.toFixed(2)})${flag ? ' **superlinear**' : ''}`;
  });
  rows.push(`| ${name} | ${cells.join(' | ')} |`);
  console.error(`${name}: done`);
}
rmSync(work, { recursive: true, force: true });

console.log(`Node ${process.version}; sizes n = ${n} and 4n = ${4 * n}; median of ${runs} cold runs each; ms at n → ms at 4n (growth exponent).\n`);
console.log(`| shape | ${STAGES.join(' | ')} |`);
console.log(`| --- | ${STAGES.map(() => '---').join(' | ')} |`);
for (const r of rows) console.log(r);
console.log(`\n${marked === 0 ? 'No stage grows faster than about linearly.' : `${marked} stage(s) marked superlinear.`}`);
process.exitCode = marked === 0 ? 0 : 1;
