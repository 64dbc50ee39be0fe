// Unit tests of src/runtime/codec.ts: how the opt-in representations (`dates: "Date"`, `int64: "bigint"`) turn
// a JSON body's dates and int64s into Dates and bigints (decode), and a Date of a `date` back into its day (encode).
import { describe, expect, it } from 'vitest';
import { bigintCodecs, dateCodecs, decode, encode, type Codec } from '../../src/runtime/codec.js';

const AT = '2024-02-29T12:34:56.789Z';
const DAY = '2024-02-29';

describe('decode', () => {
  it.each<[string, unknown, Codec, unknown]>([
    ['a date-time', AT, 't', new Date(AT)],
    ['a date-time with an offset', '2024-02-29T13:34:56+01:00', 't', new Date('2024-02-29T12:34:56Z')],
    ['a date: UTC midnight', DAY, 'd', new Date('2024-02-29T00:00:00Z')],
    ['an int64', 42, 'i', 42n],
    ['an int64 already a bigint (the lossless reader)', 9007199254740993n, 'i', 9007199254740993n],
    ['text that is no date stays text', 'yesterday', 't', 'yesterday'],
    ['a day of no month stays text', '2024-02-30', 'd', '2024-02-30'],
    ['a date-time is not a date', AT, 'd', AT],
    ['a leap second (valid, but no Date can hold it) stays text', '2016-12-31T23:59:60Z', 't', '2016-12-31T23:59:60Z'],
    ['a fraction is no int64', 1.5, 'i', 1.5],
    ['null stays null', null, 't', null],
    ['a number where a date goes stays', 5, 't', 5],
    ['an object', { a: AT, b: AT, n: 1 }, ['o', [['a', 't'], ['n', 'i']]], { a: new Date(AT), b: AT, n: 1n }],
    ['an object\'s other properties', { a: AT, b: DAY }, ['o', [['a', 't']], 'd'], { a: new Date(AT), b: new Date(DAY) }],
    ['an array', [DAY, 'x', 7], ['a', 'd'], [new Date(DAY), 'x', 7]],
    ['prefix items, then items', [DAY, DAY, 3, 4], ['a', 'i', ['d', 0]], [new Date(DAY), DAY, 3n, 4n]],
    ['members: each where it fits', [AT, 7, 'never'], ['a', ['m', ['t', 'i']]], [new Date(AT), 7n, 'never']],
    // GitHub's owner: anyOf [simple-user (id int64), organization-simple (id integer)]: an organization has no gravatar_id.
    ['a member applies to an object that has every property it requires', [{ id: 1, gravatar_id: '' }, { id: 2, hooks_url: 'h' }], ['a', ['m', [['o', [['id', 'i']]]], [['gravatar_id']]]], [{ id: 1n, gravatar_id: '' }, { id: 2, hooks_url: 'h' }]],
    ['members with and without a list of what they require', [{ a: AT, n: 1 }, { a: AT }], ['a', ['m', [['o', [['a', 't']]], ['o', [['n', 'i']]]], [0, ['n']]]], [{ a: new Date(AT), n: 1n }, { a: new Date(AT) }]],
    [
      'a discriminator\'s tags say which member an object is (an unknown tag: none; no tag: each)',
      [{ kind: 'a', at: AT }, { kind: 'b', at: AT }, { kind: 'c', at: AT }, { at: AT }],
      ['a', ['m', [['o', [['at', 't']]], ['o', [['at', 'd']]]], [[0, 'kind', ['a']], [0, 'kind', ['b', 'bb']]]]],
      [{ kind: 'a', at: new Date(AT) }, { kind: 'b', at: AT }, { kind: 'c', at: AT }, { at: new Date(AT) }],
    ],
    ['what a member requires says nothing of a value that is no object', [AT, 3], ['a', ['m', ['t', 'i'], [['x'], ['y']]]], [new Date(AT), 3n]],
    ['not an object where one goes', [AT], ['o', [['0', 't']]], [AT]],
    ['not an array where one goes', { 0: AT }, ['a', 't'], { 0: AT }],
  ])('%s', (_, value, codec, expected) => {
    expect(decode(structuredClone(value), codec)).toEqual(expected);
  });

  it('a "__proto__" key of parsed JSON stays an own key, the prototype untouched', () => {
    const value = JSON.parse(`{"__proto__": "${AT}", "m": {"__proto__": "${DAY}"}}`);
    const out = decode(value, ['o', [['__proto__', 't'], ['m', ['o', [], 'd']]]]) as Record<string, any>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual(new Date(AT));
    expect(Object.getPrototypeOf(out.m)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out.m, '__proto__')?.value).toEqual(new Date(DAY));
  });

  it('a recursive schema: the codec is a function, followed as deep as the value goes', () => {
    const node: Codec = ['o', [['at', 't'], ['child', () => node]]];
    const value = { at: AT, child: { at: AT, child: { at: AT } } };
    expect(decode(value, node)).toEqual({ at: new Date(AT), child: { at: new Date(AT), child: { at: new Date(AT) } } });
  });

  it('changes the value in place (it is the reader\'s own)', () => {
    const value = { a: AT };
    expect(decode(value, ['o', [['a', 't']]])).toBe(value);
    expect(value.a).toEqual(new Date(AT));
  });
});

describe('encode', () => {
  it('a Date where a date goes becomes its UTC day; date-times and bigints are left to the writer', () => {
    const value = { day: new Date('2024-02-29T23:30:00-05:00'), at: new Date(AT), n: 5n, days: [new Date(DAY), 'x'] };
    const out = encode(value, ['o', [['day', 'd'], ['at', 't'], ['n', 'i'], ['days', ['a', 'd']]]]);
    expect(out).toEqual({ day: '2024-03-01', at: new Date(AT), n: 5n, days: [DAY, 'x'] });
  });

  it('a member writes its days into an object that has every property it requires, not into another', () => {
    const codec: Codec = ['a', ['m', [['o', [['on', 'd']]]], [['kind']]]];
    const out = encode([{ kind: 'day', on: new Date(AT) }, { on: new Date(AT) }], codec) as unknown[];
    expect(out).toEqual([{ kind: 'day', on: DAY }, { on: new Date(AT) }]);
  });

  it('copies what changes and shares the rest: the caller\'s value is not changed', () => {
    const inner = { keep: true };
    const value = { day: new Date(DAY), inner, list: [new Date(DAY)] };
    const out = encode(value, ['o', [['day', 'd'], ['list', ['a', 'd']]]]) as Record<string, unknown>;
    expect(out).not.toBe(value);
    expect(value.day).toBeInstanceOf(Date);
    expect(value.list[0]).toBeInstanceOf(Date);
    expect(out.inner).toBe(inner);
    // Nothing to change: the same value.
    const plain = { at: new Date(AT) };
    expect(encode(plain, ['o', [['at', 't']]])).toBe(plain);
  });

  it('an invalid Date is left as it is (JSON writes null for it); a "__proto__" key stays a key in the copy', () => {
    expect(encode(new Date(NaN), 'd')).toBeInstanceOf(Date);
    const value = JSON.parse('{"__proto__": 1, "day": 0}');
    value.day = new Date(DAY);
    const out = encode(value, ['o', [['day', 'd']]]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe(1);
    expect(out.day).toBe(DAY);
  });
});

describe('read and write: a body\'s text', () => {
  const codec: Codec = ['o', [['id', 'i'], ['at', 't'], ['ids', ['a', 'i']], ['u', ['m', ['i', 't']]]]];

  it('int64s are bigints exactly; an integer too big for a number elsewhere is the number JSON.parse makes', () => {
    const text = '{"id": 9007199254740993, "ratio": 100000000000000000000, "ids": [9007199254740995, 1], "nested": [{"x": 12345678901234567890}], "u": 18014398509481985, "at": "' + AT + '"}';
    expect(bigintCodecs.read(text, codec)).toEqual({
      id: 9007199254740993n,
      ratio: 1e20,
      ids: [9007199254740995n, 1n],
      nested: [{ x: 12345678901234567890 }],
      u: 18014398509481985n,
      at: new Date(AT),
    });
    // No codec: plain JSON, big integers as numbers (as JSON.parse reads them).
    expect(bigintCodecs.read('{"n": 9007199254740993}', undefined)).toEqual({ n: 9007199254740992 });
    expect(() => bigintCodecs.read('{"n": ', codec)).toThrow(SyntaxError);
  });

  it("a union member's int64 is not another's: an object that lacks what the member requires keeps its big integer a number", () => {
    // GitHub's owner: anyOf [simple-user (id int64), organization-simple (id integer)].
    const owner: Codec = ['a', ['m', [['o', [['id', 'i']]]], [['gravatar_id']]]];
    const text = '[{"id": 9007199254740993, "gravatar_id": ""}, {"id": 9007199254740993, "hooks_url": "h"}]';
    expect(bigintCodecs.read(text, owner)).toEqual([{ id: 9007199254740993n, gravatar_id: '' }, { id: 9007199254740992, hooks_url: 'h' }]);
  });

  it('writes days and digits', () => {
    expect(bigintCodecs.write({ id: 9007199254740993n, at: new Date(AT), d: new Date(DAY) }, ['o', [['id', 'i'], ['d', 'd']]])).toBe(`{"id":9007199254740993,"at":"${AT}","d":"${DAY}"}`);
    expect(dateCodecs.write({ d: new Date(DAY) }, ['o', [['d', 'd']]])).toBe(`{"d":"${DAY}"}`);
    expect(dateCodecs.read(`{"d":"${DAY}"}`, ['o', [['d', 'd']]])).toEqual({ d: new Date(DAY) });
  });
});
