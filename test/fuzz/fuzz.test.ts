import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the fuzzer (npm run fuzz runs it with node)
import { fuzz } from './run.mjs';

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
