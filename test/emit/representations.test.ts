// Table tests of the opt-in representations (`dates: "Date"`, `int64: "bigint"`, src/emit/representation.ts) on
// the emit side: the type each node prints as, the codec the client and server get for it (src/emit/codecs.ts),
// and the shape its parameter or form field is read by (src/emit/validators/params.ts). The runtime's side is in
// test/runtime/codec.test.ts and test/runtime/params.test.ts; the whole way, over HTTP, in
// test/roundtrip/representations.test.ts.
import { describe, expect, it } from 'vitest';
import { Codecs } from '../../dist/emit/codecs.js';
import { TypePrinter } from '../../dist/emit/printers/type-expr.js';
import { shapeCode, shapeOf } from '../../dist/emit/validators/params.js';
import type { Representation } from '../../dist/emit/representation.js';
import type { IrDocument, NamedSchema, SchemaNode } from '../../dist/ir/types.js';

const p = '';
const dateTime: SchemaNode = { kind: 'string', format: 'date-time', pointer: p };
const date: SchemaNode = { kind: 'string', format: 'date', pointer: p };
const int64: SchemaNode = { kind: 'number', integer: true, format: 'int64', pointer: p };
const int32: SchemaNode = { kind: 'number', integer: true, format: 'int32', pointer: p };
const str: SchemaNode = { kind: 'string', pointer: p };
const arr = (items: SchemaNode, prefixItems?: SchemaNode[]): SchemaNode => ({ kind: 'array', items, pointer: p, ...(prefixItems ? { prefixItems } : {}) });
const obj = (props: Record<string, SchemaNode>, additionalProperties?: SchemaNode): SchemaNode => ({
  kind: 'object',
  pointer: p,
  properties: Object.entries(props).map(([name, schema]) => ({ name, schema, required: true })),
  ...(additionalProperties !== undefined ? { additionalProperties } : {}),
});
const union = (...members: SchemaNode[]): SchemaNode => ({ kind: 'union', mode: 'anyOf', members, pointer: p });
const ref = (target: string): SchemaNode => ({ kind: 'ref', target, pointer: p });

const schemas: NamedSchema[] = [
  { kind: 'named-schema', id: '#/Stamp', origin: 'component', nameHint: ['Stamp'], name: 'Stamp', schema: obj({ at: dateTime }) },
  { kind: 'named-schema', id: '#/Plain', origin: 'component', nameHint: ['Plain'], name: 'Plain', schema: obj({ note: str, Stamp: ref('#/Stamp') }) },
  { kind: 'named-schema', id: '#/Bare', origin: 'component', nameHint: ['Bare'], name: 'Bare', schema: obj({ note: str }) },
  { kind: 'named-schema', id: '#/Tree', origin: 'component', nameHint: ['Tree'], name: 'Tree', schema: obj({ id: int64, kids: arr(ref('#/Tree')) }) },
];
const ir = { schemas, operations: [] } as unknown as IrDocument;
const named = new Map(schemas.map((s) => [s.id, s.schema]));

const BOTH: Representation = { dates: 'Date', int64: 'bigint' };
const DEFAULT: Representation = { dates: 'string', int64: 'number' };

describe('types', () => {
  it.each<[string, SchemaNode, Representation, string]>([
    ['a date-time by default', dateTime, DEFAULT, 'string'],
    ['a date-time as a Date', dateTime, BOTH, 'Date'],
    ['a date as a Date', date, BOTH, 'Date'],
    ['a nullable date', { ...date, nullable: true }, BOTH, 'Date | null'],
    ['an int64 by default', int64, DEFAULT, 'number'],
    ['an int64 as a bigint', int64, BOTH, 'bigint'],
    ['an int32 stays a number', int32, BOTH, 'number'],
    ['dates only: an int64 stays a number', int64, { dates: 'Date', int64: 'number' }, 'number'],
    ['a schema without type (keywords only) stays as it is', { ...dateTime, typeImplied: true }, BOTH, 'string'],
    ['another format stays a string', { kind: 'string', format: 'time', pointer: p }, BOTH, 'string'],
  ])('%s', (_, node, representation, expected) => {
    const printer = new TypePrinter({ names: new Map(), representation });
    expect(printer.expr(node, 'read', '')).toBe(expected);
  });
});

describe('codecs', () => {
  it.each<[string, SchemaNode, Representation, string | undefined]>([
    ['nothing by default', obj({ at: dateTime, id: int64 }), DEFAULT, undefined],
    ['a date-time, a date, an int64', obj({ at: dateTime, day: date, id: int64, n: int32, s: str }), BOTH, '["o", [["at", "t"], ["day", "d"], ["id", "i"]]]'],
    ['dates only', obj({ at: dateTime, id: int64 }), { dates: 'Date', int64: 'number' }, '["o", [["at", "t"]]]'],
    ['an array, a map', obj({ days: arr(date), seen: obj({}, dateTime) }), BOTH, '["o", [["days", ["a", "d"]], ["seen", ["o", [], "t"]]]]'],
    ['prefix items', arr(str, [date, str]), BOTH, '["a", 0, ["d", 0]]'],
    ['a union: its members that hold something', union(dateTime, str, int64), BOTH, '["m", ["t", "i"]]'],
    ['a union with one such member is that member', union(dateTime, str), BOTH, '"t"'],
    // Each member's codec applies to an object only when it has the properties that member requires and not every member does.
    ['a union of objects: a member with what it requires (not what all require)', union(obj({ id: int64, login: str }), obj({ id: int32, slug: str })), BOTH, '["m", [["o", [["id", "i"]]]], [["login"]]]'],
    ['a union of named schemas: what each requires, through the ref', union(ref('#/Stamp'), ref('#/Bare')), BOTH, '["m", [() => $k_Stamp], [["at"]]]'],
    ['a union whose members require the same: nothing tells them apart, no list', union(obj({ id: int64 }), obj({ id: int32 })), BOTH, '["o", [["id", "i"]]]'],
    // With a discriminator, its tags say which member an object is.
    [
      'a discriminated union: each member by its tags',
      {
        kind: 'union',
        mode: 'oneOf',
        members: [ref('#/Stamp'), ref('#/Tree'), ref('#/Bare')],
        pointer: p,
        discriminator: { propertyName: 'kind', mapping: [{ value: 'stamp', target: '#/Stamp' }, { value: 'tree', target: '#/Tree' }, { value: 'oak', target: '#/Tree' }, { value: 'bare', target: '#/Bare' }] },
      },
      BOTH,
      '["m", [() => $k_Stamp, () => $k_Tree], [[0, "kind", ["stamp"]], [0, "kind", ["tree", "oak"]]]]',
    ],
    ['an intersection: every member applies', { kind: 'intersection', members: [obj({ at: dateTime }), obj({ id: int64 })], pointer: p }, BOTH, '["m", [["o", [["at", "t"]]], ["o", [["id", "i"]]]]]'],
    ['a ref to a schema that holds one: a function of its constant', ref('#/Stamp'), BOTH, '() => $k_Stamp'],
    ['a ref to a schema that holds one through another', ref('#/Plain'), BOTH, '() => $k_Plain'],
    ['a ref to a schema that holds none: nothing', ref('#/Bare'), BOTH, undefined],
    ['a property named __proto__ is a pair, its name a string literal', obj({ ['__proto__']: date }), BOTH, '["o", [["__proto__", "d"]]]'],
  ])('%s', (_, node, representation, expected) => {
    expect(new Codecs(ir, representation).of(node)).toBe(expected);
  });

  it('declares the constants used, each once, a recursive schema through its own function', () => {
    const codecs = new Codecs(ir, BOTH);
    codecs.of(ref('#/Plain'));
    codecs.of(ref('#/Tree'));
    expect(codecs.declarations()).toEqual([
      'const $k_Stamp: $.Codec = ["o", [["at", "t"]]];',
      'const $k_Plain: $.Codec = ["o", [["Stamp", () => $k_Stamp]]];',
      'const $k_Tree: $.Codec = ["o", [["id", "i"], ["kids", ["a", () => $k_Tree]]]];',
    ]);
    // Unused constants are not declared.
    expect(new Codecs(ir, BOTH).declarations()).toEqual([]);
  });
});

describe('parameter and form shapes', () => {
  it.each<[string, SchemaNode, Representation, string]>([
    ['a date-time by default is a string', dateTime, DEFAULT, '"s"'],
    ['a date-time', dateTime, BOTH, '"t"'],
    ['a date, nullable', { ...date, nullable: true }, BOTH, '"d?"'],
    ['an int64', int64, BOTH, '"L"'],
    ['an int64 by default is an integer', int64, DEFAULT, '"i"'],
    ['a form object', obj({ at: dateTime, n: int64, s: str }), BOTH, '["o", [["at", "t"], ["n", "L"], ["s", "s"]]]'],
    ['a union of an int64 and a date', union(int64, date), BOTH, '["u", ["L", "d"]]'],
  ])('%s', (_, node, representation, code) => {
    expect(shapeCode(shapeOf((id) => named.get(id), node, new Set(), representation))).toBe(code);
  });
});
