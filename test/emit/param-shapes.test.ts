// Table test of the shapes the validators target gives the runtime for coercing parameters and form bodies
// (src/emit/validators/params.ts shapeOf): unions keep their members' shapes, allOf merges objects, maps carry
// their values' shape. What the runtime does with each shape is tested in test/runtime/params.test.ts.
import { describe, expect, it } from 'vitest';
import { shapeCode, shapeOf } from '../../dist/emit/validators/params.js';
import type { SchemaNode } from '../../dist/ir/types.js';

const p = '';
const str: SchemaNode = { kind: 'string', pointer: p };
const int: SchemaNode = { kind: 'number', integer: true, pointer: p };
const bool: SchemaNode = { kind: 'boolean', pointer: p };
const empty: SchemaNode = { kind: 'enum', pointer: p, members: [{ name: '', value: '' }] };
const arr = (items: SchemaNode): SchemaNode => ({ kind: 'array', items, pointer: p });
const obj = (props: Record<string, SchemaNode>, additionalProperties?: boolean | SchemaNode): SchemaNode => ({
  kind: 'object',
  pointer: p,
  properties: Object.entries(props).map(([name, schema]) => ({ name, schema, required: false })),
  ...(additionalProperties !== undefined ? { additionalProperties } : {}),
});
const union = (...members: SchemaNode[]): SchemaNode => ({ kind: 'union', mode: 'anyOf', members, pointer: p });
const ref = (target: string): SchemaNode => ({ kind: 'ref', target, pointer: p });
const named: Record<string, SchemaNode> = { Range: obj({ gt: int }), Loop: obj({ next: ref('Loop') }) };
const lookup = (id: string) => named[id];

describe('shapeOf: how a parameter or form field is read', () => {
  it.each<[string, SchemaNode, string]>([
    ['integer', int, '"i"'],
    ['nullable integer', { ...int, nullable: true }, '"i?"'],
    ['members of one shape stay that shape', union(str, empty), '"s"'],
    ['anyOf [integer, enum [""]] keeps both', union(int, empty), '["u", ["i", "s"]]'],
    ['a nullable union makes its scalar members nullable', { ...union(int, bool), nullable: true }, '["u", ["i?", "b?"]]'],
    ['a string enum beside an array member keeps its values', union(arr(str), empty), '["u", [["a", "s"], ["e", [""]]]]'],
    ['anyOf [object (by ref), integer]', union(ref('Range'), int), '["u", [["o", [["gt", "i"]]], "i"]]'],
    ['nested unions are flattened and each shape kept once', union(int, union(bool, int), str), '["u", ["i", "b", "s"]]'],
    ['additionalProperties gives the other properties a shape', obj({ n: int }, obj({ amount: int })), '["o", [["n", "i"]], ["o", [["amount", "i"]]]]'],
    ['additionalProperties: true adds nothing', obj({ n: int }, true), '["o", [["n", "i"]]]'],
    ['allOf of objects is one object', { kind: 'intersection', members: [obj({ a: int }), obj({ b: bool })], pointer: p }, '["o", [["a", "i"], ["b", "b"]]]'],
    ['a recursive ref is read one level deep, then as a string', ref('Loop'), '["o", [["next", "s"]]]'],
    ['a property named __proto__ is a pair, not an object key', obj({ ['__proto__']: int }), '["o", [["__proto__", "i"]]]'],
  ])('%s', (_, node, code) => {
    expect(shapeCode(shapeOf(lookup, node))).toBe(code);
  });
});
