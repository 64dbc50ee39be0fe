#!/usr/bin/env node
// Turns the JSON written by `CONFORMANCE_REPORT=<base> npx vitest run test/conformance` into the markdown
// table in README ("Validator conformance"). Usage: node scripts/conformance-table.mjs <base>.<draft>.json …
import { readFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const { draft, skippedFiles, results } = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`\n#### ${draft}\n`);
  console.log('| file | passed | failed | skipped tests (reason) |');
  console.log('| --- | ---: | ---: | --- |');
  let p = 0;
  let f = 0;
  let s = 0;
  for (const r of [...results].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const skipped = r.skipped.reduce((n, x) => n + x.tests, 0);
    const reasons = [...new Set(r.skipped.map((x) => x.reason))].join('; ');
    p += r.passed;
    f += r.failed.length;
    s += skipped;
    const rate = r.passed + r.failed.length === 0 ? '' : ` (${Math.round((100 * r.passed) / (r.passed + r.failed.length))}%)`;
    console.log(`| ${r.file} | ${r.passed}${rate} | ${r.failed.length} | ${skipped}${reasons ? ` (${reasons})` : ''} |`);
  }
  for (const [name, reason] of Object.entries(skippedFiles)) console.log(`| ${name} | – | – | whole file (${reason}) |`);
  console.log(`| **total run** | **${p}** | **${f}** | **${s}** |`);
}
