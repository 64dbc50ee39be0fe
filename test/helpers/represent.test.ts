import { describe, expect, it } from 'vitest';
import { Holds, isRfc3339Date, isRfc3339DateTime, represent } from './represent.js';
import type { Schema } from './synth.js';

// The test helper behind the `+rep` runs of test/roundtrip/whole-api.test.ts: JSON values as the opt-in
// representations hold them, read from raw schemas, and which schemas can hold one.

const AT = '2024-01-02T03:04:05Z';
const DAY = '2024-02-29';
const doc = {
  components: {
    schemas: {
      user: { type: 'object', required: ['id', 'gravatar_id'], properties: { id: { type: 'integer', format: 'int64' }, gravatar_id: { type: 'string' }, at: { type: 'string', format: 'date-time' } } },
      org: { type: 'object', required: ['id', 'hooks_url'], properties: { id: { type: 'integer' }, hooks_url: { type: 'string' } } },
      tree: { type: 'object', properties: { id: { type: 'integer', format: 'int64' }, kids: { type: 'array', items: { $ref: '#/components/schemas/tree' } } } },
      loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/loop' }, name: { type: 'string' } } },
      viaLoop: { type: 'object', properties: { a: { $ref: '#/components/schemas/loop' }, b: { $ref: '#/components/schemas/tree' } } },
    },
  },
};
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

describe('represent', () => {
  it.each<[string, Schema, unknown, unknown, number, number]>([
    ['a date-time', { type: 'string', format: 'date-time' }, AT, new Date(AT), 1, 0],
    ['a date', { type: 'string', format: 'date' }, DAY, new Date(`${DAY}T00:00:00Z`), 1, 0],
    ['a nullable date-time (3.1 type list)', { type: ['string', 'null'], format: 'date-time' }, AT, new Date(AT), 1, 0],
    ['null stays null', { type: ['string', 'null'], format: 'date-time' }, null, null, 0, 0],
    ['an int64', { type: 'integer', format: 'int64' }, 7, 7n, 0, 1],
    ['an int32 stays a number', { type: 'integer', format: 'int32' }, 7, 7, 0, 0],
    ['a format without a type stays text', { format: 'date-time' }, AT, AT, 0, 0],
    ['text that is no date stays text', { type: 'string', format: 'date-time' }, 'soon', 'soon', 0, 0],
    ['a leap second stays text', { type: 'string', format: 'date-time' }, '2016-12-31T23:59:60Z', '2016-12-31T23:59:60Z', 0, 0],
    ['nested: properties, items, additionalProperties', { type: 'object', properties: { days: { type: 'array', items: { type: 'string', format: 'date' } } }, additionalProperties: { type: 'integer', format: 'int64' } }, { days: [DAY], n: 3, s: 'x' }, { days: [new Date(DAY)], n: 3n, s: 'x' }, 1, 1],
    ['allOf: every member', { allOf: [{ type: 'object', properties: { at: { type: 'string', format: 'date-time' } } }, { type: 'object', properties: { id: { type: 'integer', format: 'int64' } } }] }, { at: AT, id: 1 }, { at: new Date(AT), id: 1n }, 1, 1],
    ['anyOf: a user (it has what user requires)', { anyOf: [ref('user'), ref('org')] }, { id: 1, gravatar_id: '', at: AT }, { id: 1n, gravatar_id: '', at: new Date(AT) }, 1, 1],
    ['anyOf: an organization is no user, its id stays a number', { anyOf: [ref('user'), ref('org')] }, { id: 1, hooks_url: 'h' }, { id: 1, hooks_url: 'h' }, 0, 0],
    ['a union whose members disagree: a valid date is a Date', { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }] }, AT, new Date(AT), 1, 0],
    ['recursion', ref('tree'), { id: 1, kids: [{ id: 2, kids: [] }] }, { id: 1n, kids: [{ id: 2n, kids: [] }] }, 0, 2],
  ])('%s', (_, schema, value, expected, dates, bigints) => {
    const before = structuredClone(value);
    const r = represent(doc, schema, value);
    expect(r.value).toStrictEqual(expected);
    expect([r.dates, r.bigints, r.wide]).toEqual([dates, bigints, 0]);
    // The input is shared with the default runs: never changed.
    expect(value).toStrictEqual(before);
  });

  it('widen: an int64 without bounds moves past 2^53 to an odd integer no number holds; a bounded one stays', () => {
    const int64 = { type: 'integer', format: 'int64' };
    const r = represent(doc, { type: 'array', items: int64 }, [7, -7, 0], { widen: true });
    expect(r.value).toStrictEqual([9007199254741007n, -9007199254741007n, 9007199254740993n]);
    for (const n of r.value as bigint[]) expect(BigInt(Number(n))).not.toBe(n);
    expect([r.bigints, r.wide]).toEqual([3, 3]);
    const bounded = represent(doc, { ...int64, minimum: 1 }, 7, { widen: true });
    expect([bounded.value, bounded.wide]).toEqual([7n, 0]);
  });

  it('widen: a date-time on a whole second gets 123 ms; one with a fraction, and a date, stay', () => {
    const dt = { type: 'string', format: 'date-time' };
    const r = represent(doc, { type: 'array', items: dt }, [AT, '2024-01-02T03:04:05.5Z'], { widen: true });
    expect(r.value).toStrictEqual([new Date('2024-01-02T03:04:05.123Z'), new Date('2024-01-02T03:04:05.500Z')]);
    expect(represent(doc, { type: 'string', format: 'date' }, DAY, { widen: true }).value).toStrictEqual(new Date(DAY));
  });

  it('a "__proto__" key stays an own key', () => {
    const value = JSON.parse(`{"__proto__": "${AT}"}`);
    const out = represent(doc, { type: 'object', additionalProperties: { type: 'string', format: 'date-time' } }, value).value as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toStrictEqual(new Date(AT));
  });
});

describe('RFC 3339', () => {
  it.each([
    [DAY, true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
  ])('date %s', (s, ok) => expect(isRfc3339Date(s)).toBe(ok));
  it.each([
    [AT, true],
    ['2024-01-02t03:04:05.123456z', true],
    ['2024-01-02 03:04:05+05:30', true],
    ['2024-01-02T24:00:00Z', false],
    ['2024-01-02T03:04:05', false],
    ['2024-01-02T03:04:05+24:00', false],
  ])('date-time %s', (s, ok) => expect(isRfc3339DateTime(s)).toBe(ok));
});

describe('Holds', () => {
  it('finds a date or int64 through refs and recursion, and none where there is none', () => {
    const h = new Holds(doc);
    expect(h.of(ref('tree'))).toBe(true);
    expect(h.of(ref('loop'))).toBe(false);
    // Asked after loop was answered: the answer about loop is not taken for viaLoop's.
    expect(h.of(ref('viaLoop'))).toBe(true);
    expect(h.of({ type: 'array', items: ref('org') })).toBe(false);
    expect(h.of({ oneOf: [ref('org'), ref('user')] })).toBe(true);
    expect(h.of(undefined)).toBe(false);
  });
});
