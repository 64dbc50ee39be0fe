#!/usr/bin/env node
// What sharing repeated schemas could save at most: an upper bound for a location-independent IR.
// GitHub's spec writes many schemas out again in full wherever they are used. This script rewrites the spec so
// that every schema subtree written out more than once (of at least --min-size objects) is one component and
// each place a `$ref` to it (a copy of a component's schema, to that component), then runs the CLI (all targets) on the spec as published and on the rewritten one,
// alternating cold processes. A generator that built, checked and printed each repeated schema once would do
// about the rewritten spec's work (plus printing each place's text, and minus nothing), so the paired ratio of
// wall times is a floor for what such an IR could reach. The rewritten spec's output is not the same: it names
// the shared schemas; it is for the measurement only.
// Usage: node bench/sharing.mjs [--runs N] [--min-size K] [--spec PATH]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './options.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(option('--runs', 10));
const minSize = Number(option('--min-size', 3));
const spec = resolve(option('--spec', require.resolve('@octokit/openapi/generated/api.github.com.json')));
const work = mkdtempSync(join(tmpdir(), 'specforge-sharing-'));

const text = readFileSync(spec, 'utf8');
const doc = JSON.parse(text);
const stats = shareRepeats(doc, minSize);
const shared = join(work, 'shared.json');
// Written with the published file's indentation, so that reading and parsing it is not cheaper for that alone.
const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '';
writeFileSync(shared, JSON.stringify(doc, null, indent));
stats.fileBefore = Buffer.byteLength(text);
stats.fileAfter = Buffer.byteLength(readFileSync(shared));

const cli = join(root, 'dist/cli/main.js');
function once(path, label) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'generate', path, '-o', join(work, label), '-q'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${label}: exit ${r.status}\n${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
once(spec, 'published');
once(shared, 'shared');
const published = [];
const rewritten = [];
const ratios = [];
for (let i = 0; i < runs; i++) {
  // Alternate which goes first, so that a slow spell of this shared machine falls on both.
  if (i % 2 === 0) {
    published.push(once(spec, 'published'));
    rewritten.push(once(shared, 'shared'));
  } else {
    rewritten.push(once(shared, 'shared'));
    published.push(once(spec, 'published'));
  }
  ratios.push(rewritten[i] / published[i]);
}
rmSync(work, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (n) => (n / 1e6).toFixed(1);
console.log(`spec: ${spec}`);
console.log(`repeated schema subtrees of >= ${minSize} objects: ${stats.places} places now $refs to ${stats.components} new components; compact JSON ${mb(stats.bytesBefore)} -> ${mb(stats.bytesAfter)} MB, file ${mb(stats.fileBefore)} -> ${mb(stats.fileAfter)} MB`);
console.log(`all targets, ${runs} alternating cold runs: published ${median(published).toFixed(0)} ms, shared ${median(rewritten).toFixed(0)} ms (medians)`);
console.log(`paired ratio shared/published: ${median(ratios).toFixed(2)}x (runs: ${ratios.map((r) => r.toFixed(2)).join(', ')})`);

/**
 * Rewrites `doc` in place: each schema (at a schema position, not a component's own root) whose whole subtree is
 * written out again elsewhere, and has at least `min` objects, becomes a `$ref` to one new component holding it.
 * Subtrees are recognised by a structural id: primitives by value, an object by its keys and its values' ids.
 */
function shareRepeats(doc, min) {
  const bytesBefore = JSON.stringify(doc).length;
  const valueIds = new Map();
  const shapeIds = new Map();
  const idOf = new Map();
  const sizeOf = new Map();
  let next = 1;
  const id = (v) => {
    if (v === null || typeof v !== 'object') {
      const key = typeof v === 'string' ? `s${v}` : `${typeof v}${String(v)}`;
      let i = valueIds.get(key);
      if (i === undefined) valueIds.set(key, (i = next++));
      return i;
    }
    let key = Array.isArray(v) ? '[' : '{';
    let size = 1;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      key += `${Array.isArray(v) ? '' : `${k}\u0000`}${id(v[k])},`;
      size += sizeOf.get(v[k]) ?? 0;
    }
    let i = shapeIds.get(key);
    if (i === undefined) shapeIds.set(key, (i = next++));
    idOf.set(v, i);
    sizeOf.set(v, size);
    return i;
  };
  id(doc);

  // Schema positions, in document order: [container, key] of every schema below a root.
  const places = [];
  const uses = new Map();
  const visit = (container, key, isRoot) => {
    const s = container[key];
    if (s === null || typeof s !== 'object' || Array.isArray(s) || typeof s.$ref === 'string') return;
    if (!isRoot) {
      places.push([container, key]);
      uses.set(idOf.get(s), (uses.get(idOf.get(s)) ?? 0) + 1);
    }
    if (s.properties && typeof s.properties === 'object') for (const k of Object.keys(s.properties)) visit(s.properties, k, false);
    for (const k of ['items', 'additionalProperties', 'not']) if (s[k] && typeof s[k] === 'object') visit(s, k, false);
    for (const k of ['allOf', 'oneOf', 'anyOf']) if (Array.isArray(s[k])) s[k].forEach((_, i) => visit(s[k], i, false));
  };
  const media = (content) => {
    for (const m of Object.values(content ?? {})) if (m && typeof m === 'object' && m.schema) visit(m, 'schema', false);
  };
  const components = doc.components ?? {};
  for (const k of Object.keys(components.schemas ?? {})) visit(components.schemas, k, true);
  for (const p of Object.values(components.parameters ?? {})) if (p.schema) visit(p, 'schema', false);
  for (const r of Object.values(components.responses ?? {})) media(r.content);
  for (const b of Object.values(components.requestBodies ?? {})) media(b.content);
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      if (!op || typeof op !== 'object' || Array.isArray(op)) continue;
      for (const p of op.parameters ?? []) if (p.schema) visit(p, 'schema', false);
      if (op.requestBody) media(op.requestBody.content);
      for (const r of Object.values(op.responses ?? {})) media(r?.content);
    }
  }

  // A copy of a component's schema points at that component; other repeats at a new one.
  components.schemas ??= {};
  const named = new Map();
  for (const [k, s] of Object.entries(components.schemas)) if (idOf.has(s) && !named.has(idOf.get(s))) named.set(idOf.get(s), k);
  const made = new Set();
  let replaced = 0;
  for (const [container, key] of places) {
    const s = container[key];
    if (typeof s?.$ref === 'string') continue;
    const i = idOf.get(s);
    if (sizeOf.get(s) < min) continue;
    let name = named.get(i);
    if (name === undefined) {
      if ((uses.get(i) ?? 0) < 2) continue;
      name = `SharedSchema${i}`;
      named.set(i, name);
      components.schemas[name] = s;
      made.add(name);
    }
    container[key] = { $ref: `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}` };
    replaced++;
  }
  return { places: replaced, components: made.size, bytesBefore, bytesAfter: JSON.stringify(doc).length };
}
