import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../helpers/cli.js';
// @ts-expect-error: a plain ES module of the fuzzer (npm run fuzz runs it with node)
import { mutate } from './mutate.mjs';
// @ts-expect-error: a plain ES module of the fuzzer (npm run fuzz runs it with node)
import { fuzz, groupFailures } from './run.mjs';

describe('fuzzing (a seeded 500-case subset of npm run fuzz)', () => {
  it('every mutated spec ends in generated files or coded diagnostics: no crash, no hang', async () => {
    const r = await fuzz({ cases: 500, seed: 20261125, timeoutMs: 20_000, real: false });
    const report = r.failures.map((f: { i: number; base: string; applied: string[]; outcome: { kind: string; detail?: string } }) => `${f.i} ${f.base} ${f.applied.join('+')}: ${f.outcome.kind} ${f.outcome.detail ?? ''}`);
    expect(report).toEqual([]);
    expect(r.tally.generated + r.tally.diagnosed).toBe(500);
    // The mutations reach both outcomes (a fuzzer whose cases all fail to parse would prove little).
    expect(r.tally.generated).toBeGreaterThan(25);
    expect(Object.keys(r.codes).length).toBeGreaterThan(8);
  }, 120_000);
});

type Failure = { i: number; seed: number; applied: string[]; outcome: { kind: string; errors?: string[]; count?: number } };

describe('fuzzing with --typecheck (the mode itself: emitter bugs the mutations find are npm run fuzz -- --typecheck’s)', () => {
  /** An override folder whose runtime/validation.ts (written to <output>/runtime/) ends with `extra`. */
  const runtimeOverride = (extra: string) => {
    const dir = tempDir('specforge-fuzz-override-');
    mkdirSync(join(dir, 'runtime'));
    const runtime = readFileSync(new URL('../../src/runtime/validation.ts', import.meta.url), 'utf8');
    writeFileSync(join(dir, 'runtime', 'validation.ts'), `${runtime}\n${extra}\n`);
    return dir;
  };

  it('output that type-checks passes: the base specs unmutated, every generated file (runtime/ too) checked', async () => {
    const r = await fuzz({ cases: 6, seed: 1, typecheck: true, real: false, mutations: [], workers: 2 });
    expect(r.failures.map((f: Failure) => `${f.i}: ${f.outcome.errors?.join(' | ')}`)).toEqual([]);
    expect(r.tally).toEqual({ generated: 6, diagnosed: 0, crash: 0, hang: 0, tsc: 0, unsafe: 0 });
    expect(r.tscMs).toBeGreaterThan(0);
  }, 60_000);

  it('output that fails tsc is a failure, with its seed, index, mutations and first errors: strict and strictest flags, in runtime/', async () => {
    // A strict error, an error only the strictest flags report (noUnusedLocals), and the hazards tsc cannot see.
    const dir = runtimeOverride("export const broken: number = 'not a number';\nconst unused = 1;\n/** @ts-ignore */\nexport const hidden = 1; // \u202e");
    const r = await fuzz({ cases: 2, seed: 9, typecheck: true, real: false, mutations: [], templates: [dir], workers: 2 });
    expect(r.tally).toEqual({ generated: 0, diagnosed: 0, crash: 0, hang: 0, tsc: 2, unsafe: 0 });
    expect(r.failures.map((f: Failure) => [f.seed, f.i, f.applied, f.outcome.kind, f.outcome.count])).toEqual([
      [9, 0, [], 'tsc', 4],
      [9, 1, [], 'tsc', 4],
    ]);
    expect(r.failures[0].outcome.errors).toEqual([
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): TS2322 Type 'string' is not assignable to type 'number'/),
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): TS6133 'unused' is declared but its value is never read/),
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): comment directive "\/\*\* @ts-ignore \*\/"/),
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): bidi control U\+202E/),
    ]);
    expect(groupFailures(r.failures).map((g: { key: string; cases: number[] }) => [g.key, g.cases])).toEqual([
      ['tsc runtime/validation.ts: TS2322 Type … is not assignable to type ….', [0, 1]],
    ]);
  }, 60_000);

  it('output that type-checks but holds a comment TypeScript obeys or a bidi control is unsafe', async () => {
    const dir = runtimeOverride('// @ts-expect-error\nexport const fails: number = "x";\n// \u2066');
    const r = await fuzz({ cases: 1, seed: 9, typecheck: true, real: false, mutations: [], templates: [dir], workers: 1 });
    expect(r.tally).toEqual({ generated: 0, diagnosed: 0, crash: 0, hang: 0, tsc: 0, unsafe: 1 });
    expect(r.failures[0].outcome.errors).toEqual([
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): comment directive "\/\/ @ts-expect-error"/),
      expect.stringMatching(/^runtime\/validation\.ts\(\d+\): bidi control U\+2066/),
    ]);
  }, 60_000);

  it('the risky mutations write what they say: YAML-only numbers make the case YAML text', () => {
    const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { A: { type: 'object', properties: { p: { type: 'string' } } } } } };
    const cases = Array.from({ length: 40 }, (_, seed) => mutate(doc, seed, ['riskyNumber']));
    const yaml = cases.filter((c) => c.ext === 'yaml');
    expect(yaml.length).toBeGreaterThan(0);
    for (const c of yaml) expect(c.applied.join()).toMatch(/\.nan|\.inf/);
    for (const c of yaml) {
      const nonFinite: number[] = [];
      JSON.stringify(parse(c.text), (_, v) => (typeof v === 'number' && !Number.isFinite(v) && nonFinite.push(v), v));
      expect(nonFinite.length).toBeGreaterThan(0);
    }
    for (const c of cases.filter((x) => x.ext === 'json')) expect(() => JSON.parse(c.text)).not.toThrow();
  });
});
