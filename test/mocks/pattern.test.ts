import { describe, expect, it } from 'vitest';
import { stringForPattern } from '../../dist/emit/mocks/pattern.js';

// The regex-to-string writer of the example generator (src/emit/mocks/pattern.ts): each string it writes
// matches its pattern (with the u flag, as the validators compile it) within the lengths; what it does not
// support is a reason, not a wrong string.
const SUPPORTED: Array<[pattern: string, min?: number, max?: number]> = [
  ['^[a-z]+$'],
  ['^IS[0-9a-fA-F]{32}$'],
  ['^\\d{3}-\\d{2}-\\d{4}$'],
  ['^(?:[a-z0-9-]+\\.)+[a-z]{2,}$'],
  ['^(?<year>\\d{4})-(?<month>0[1-9]|1[0-2])$'],
  ['^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$'],
  ['^(foo|bar)baz?$'],
  ['^\\w+\\s\\S+\\W$'],
  ['^\\u00e9\\x41\\u{1F600}$'],
  ['^a*?b+?c{2,3}?$'],
  ['[A-Z]{2}', 5, 10],
  ['^x+$', 12, 20],
  ['^[\\-_.]+$'],
  ['^[^]$'],
  ['^v\\d+(\\.\\d+){0,2}$', 4],
  ['abc'],
];
const UNSUPPORTED = ['^(?=a)a$', '(a)\\1', '^\\p{L}+$', '^(?<!a)b$', '/^[a-z]+$/', '^a{2}$'];

describe('pattern writer', () => {
  it.each(SUPPORTED)('%s', (pattern, min = 0, max = Infinity) => {
    for (const pick of [0, 1, 17, 999]) {
      const r = stringForPattern(pattern, min, max, pick);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) continue;
      expect(new RegExp(pattern, 'u').test(r.value), r.value).toBe(true);
      expect([...r.value].length).toBeGreaterThanOrEqual(min);
      expect([...r.value].length).toBeLessThanOrEqual(max);
    }
  });

  it('gives a reason for what it does not write', () => {
    for (const p of UNSUPPORTED.slice(0, 5)) expect(stringForPattern(p), p).toMatchObject({ ok: false });
    // Lengths no string of the pattern has.
    expect(stringForPattern(UNSUPPORTED[5]!, 3)).toMatchObject({ ok: false });
  });
});
