import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { spliceJson, type JsonState } from '../../dist/parse/json-splice.js';
import { rng } from '../validators/values.js';

const require = createRequire(import.meta.url);
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

/** Edits of a JSON text that keep it valid JSON: change a string, a number, add or remove members and items. */
function edit(text: string, r: () => number): string {
  const doc = JSON.parse(text);
  const containers: Array<{ parent: any; key: string | number }> = [];
  const walk = (v: any, parent: any, key: string | number, depth: number) => {
    if (parent !== undefined) containers.push({ parent, key });
    if (depth > 8 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, v, i, depth + 1));
    else for (const k of Object.keys(v)) walk(v[k], v, k, depth + 1);
  };
  walk(doc, undefined, '', 0);
  if (containers.length === 0) return JSON.stringify({ ...doc, refilled: { again: [1] } }, null, 2);
  const { parent, key } = containers[Math.floor(r() * containers.length)]!;
  const choice = Math.floor(r() * 5);
  if (choice === 0) parent[key] = `edited ${Math.floor(r() * 1000)} "quoted" \\ \u00e9 \u2028`;
  else if (choice === 1) parent[key] = Math.floor(r() * 100);
  else if (choice === 2 && !Array.isArray(parent)) parent[`new-${Math.floor(r() * 1000)}`] = { a: [1, { b: 'c' }] };
  else if (choice === 3 && Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (choice === 3) delete parent[key];
  else parent[key] = { nested: [parent[key] ?? null] };
  // Indentation like the input's (GitHub's is indented with 2 spaces), so that edits stay local in the text.
  return JSON.stringify(doc, null, 2);
}

describe('JSON splice', () => {
  it('gives the same document as a full parse over a sequence of random edits, and reuses what did not change', () => {
    const r = rng(42);
    let text = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok' } } } }, '/b': { post: { tags: ['x', 'y'] } } }, components: { schemas: { A: { type: 'object', properties: { id: { type: 'string' } } }, B: { enum: [1, 2, 3] } } } }, null, 2);
    let state: JsonState = { bytes: Buffer.from(text), value: JSON.parse(text) };
    let spliced = 0;
    for (let i = 0; i < 400; i++) {
      const next = edit(text, r);
      const s = spliceJson(state, Buffer.from(next));
      if (s) {
        expect(s.value, `edit ${i}`).toEqual(JSON.parse(next));
        expect(JSON.parse(s.valueText)).toEqual(s.path.reduce((v: any, k) => v[k], s.value));
        state = s.state;
        spliced++;
      } else state = { bytes: Buffer.from(next), value: JSON.parse(next) };
      text = next;
    }
    expect(spliced).toBeGreaterThan(200);
  });

  it('keys with escapes and non-ASCII text, "__proto__", arrays at the top of the change', () => {
    // JSON text, not an object literal: "__proto__" is a key here.
    const text = JSON.stringify(JSON.parse('{"we\\"ird\\\\key": {"__proto__": {"x": [1, 2, 3]}, "list": [[1], [2, [3]]]}, "ünï €": {"deep": [["ü"]]}, "other": {"keep": true}}'), null, 2);
    const state: JsonState = { bytes: Buffer.from(text), value: JSON.parse(text) };
    const next = text.replace('"x": [\n        1,', '"x": [\n        7,');
    const s = spliceJson(state, Buffer.from(next))!;
    expect(s).toBeDefined();
    expect(s.value).toEqual(JSON.parse(next));
    expect(Object.getPrototypeOf((s.value as any)['we"ird\\key'])).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call((s.value as any)['we"ird\\key'], '__proto__')).toBe(true);
    expect(s.path).toEqual(['we"ird\\key', '__proto__', 'x']);
    // What did not change is the same object.
    expect((s.value as any).other).toBe((state.value as any).other);
  });

  it('an edit that breaks the JSON, or changes a key of the root, is not spliced', () => {
    const text = JSON.stringify({ a: { b: 1 }, c: 2 }, null, 2);
    const state: JsonState = { bytes: Buffer.from(text), value: JSON.parse(text) };
    expect(spliceJson(state, Buffer.from(text.replace('"b": 1', '"b": 1,')))).toBeUndefined();
    expect(spliceJson(state, Buffer.from(text.replace('"c"', '"d"')))).toBeUndefined();
  });

  it("one operation's summary in GitHub's spec: only that operation is parsed again", () => {
    const text = readFileSync(GITHUB, 'utf8');
    const state: JsonState = { bytes: Buffer.from(text), value: JSON.parse(text) };
    const at = text.indexOf('"summary": "', 100000);
    const next = text.slice(0, at) + '"summary": "Edited' + text.slice(at + '"summary": "'.length);
    const s = spliceJson(state, Buffer.from(next))!;
    expect(s.path.slice(0, 1)).toEqual(['paths']);
    expect(s.path.length).toBeGreaterThanOrEqual(3);
    expect(s.valueText.length).toBeLessThan(200_000);
    expect(s.value).toEqual(JSON.parse(next));
    expect((s.value as any).components).toBe((state.value as any).components);
    // A second edit uses the updated index.
    const at2 = next.indexOf('"description": "', 5_000_000);
    const next2 = next.slice(0, at2) + '"description": "Again ' + next.slice(at2 + '"description": "'.length);
    const s2 = spliceJson(s.state, Buffer.from(next2))!;
    expect(s2.value).toEqual(JSON.parse(next2));
  });
});
