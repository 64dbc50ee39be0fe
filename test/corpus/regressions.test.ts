import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { generated, validatorsOf } from '../helpers/generated.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// One minimal spec per root cause found by `npm run corpus` (bench/CORPUS.md): every target generates and
// type-checks under strict.
const DIR = join(ROOT, 'specs/corpus-regressions');

describe('corpus regressions', () => {
  const specs = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

  // One program for all of them (each spec's output in a folder named after it, which the errors name): the
  // standard library's types are loaded once, not once per spec.
  it(`every target of each of the ${specs.length} specs generates, and all of it type-checks under the strictest flags (nodenext)`, async () => {
    expect(specs.length).toBeGreaterThanOrEqual(7);
    const root = tempDir();
    const paths: string[] = [];
    for (const file of specs) {
      const files = await generated(join('specs/corpus-regressions', file), ['types', 'validators', 'client', 'server']);
      const dir = join(root, file.replace(/\W/g, '_'));
      mkdirSync(dir);
      paths.push(...writeFiles(dir, files.map((f) => ({ path: f.path, content: f.content }))));
    }
    expect(paths.filter((p) => p.endsWith('/types.ts'))).toHaveLength(specs.length);
    expect(typecheck(paths, 'strictest')).toEqual([]);
  }, 120_000);

  it('wide-object.json: the validator split into slices still finds every issue, and stops at the first in is()', async () => {
    const V = await validatorsOf('specs/corpus-regressions/wide-object.json');
    const good = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field${String(i).padStart(3, '0')}`, i % 3 === 0 ? 1 : i % 3 === 1 ? 'abc' : true]));
    expect(V.Settings.is(good)).toBe(true);
    const bad = { ...good, field003: -1, field250: 'too long', field299: undefined };
    expect(V.Settings.is(bad)).toBe(false);
    const r = V.Settings.validate(bad);
    expect(r.issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`)).toEqual(['/field003 minimum', '/field250 maxLength', ' required']);
  });

  it('read-only-parameter.yaml: a readOnly parameter schema is still a required parameter, a writeOnly body still a response', async () => {
    const files = await generated('specs/corpus-regressions/read-only-parameter.yaml', ['types', 'validators']);
    const types = files.find((f) => f.path === 'types.ts')!.content;
    expect(types).toMatch(/export interface GetAlertPathParams \{\n\s+owner: string;\n\s+alert_number: number;\n\}/);
    expect(types).toMatch(/export interface GetAlertQuery \{\n\s+state: string;\n\}/);
    // The body's own writeOnly is dropped; its writeOnly property still is not read.
    expect(types).toMatch(/"200": \{\n\s+number: number;\n\s+\};/);
    const V = await validatorsOf('specs/corpus-regressions/read-only-parameter.yaml');
    const parse = (query: Record<string, string>) => V.getAlert.parseParams({ path: { owner: 'o', alert_number: '7' }, query: new URLSearchParams(query), headers: {}, cookies: {} });
    expect(parse({ state: 'open' })).toEqual({ ok: true, value: { path: { owner: 'o', alert_number: 7 }, query: { state: 'open' }, headers: {}, cookies: {} } });
    const missing = parse({});
    expect(missing.ok).toBe(false);
    expect(missing.issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`)).toEqual(['/query required']);
  });
});
