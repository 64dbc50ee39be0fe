import { describe, expect, it } from 'vitest';
import { component, docWith, irOf, shape } from '../helpers/spec.js';

// One canonical nullable form, whatever the spelling.
const cases: Array<[string, { version: string; schema: unknown; want: unknown }]> = [
  ['3.0 nullable', { version: '3.0.3', schema: { type: 'string', nullable: true }, want: { kind: 'string', nullable: true } }],
  ['3.1 type array', { version: '3.1.0', schema: { type: ['string', 'null'] }, want: { kind: 'string', nullable: true } }],
  ['null in enum', { version: '3.1.0', schema: { enum: ['a', 'b', null] }, want: { kind: 'enum', nullable: true, members: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }] } }],
  ['oneOf with null', { version: '3.1.0', schema: { oneOf: [{ type: 'string' }, { type: 'null' }] }, want: { kind: 'string', nullable: true } }],
  ['anyOf with null', { version: '3.1.0', schema: { anyOf: [{ type: 'string' }, { type: 'null' }] }, want: { kind: 'string', nullable: true } }],
  ['3.0 nullable enum', { version: '3.0.3', schema: { type: 'string', enum: ['a'], nullable: true }, want: { kind: 'enum', nullable: true, members: [{ name: 'A', value: 'a' }] } }],
  ['3.0 nullable without type', { version: '3.0.3', schema: { properties: { a: { type: 'string' } }, nullable: true }, want: { kind: 'object', typeImplied: true, nullable: true, properties: [{ name: 'a', required: false, schema: { kind: 'string' } }] } }],
  ['only null', { version: '3.1.0', schema: { type: 'null' }, want: { kind: 'null' } }],
  ['not nullable', { version: '3.0.3', schema: { type: 'integer', nullable: false }, want: { kind: 'number', integer: true } }],
];

describe('nullable: one canonical form', () => {
  it.each(cases)('%s', async (_name, { version, schema, want }) => {
    const ir = await irOf(docWith({ S: schema }, version));
    expect(shape(component(ir, 'S'))).toEqual(want);
  });

  it('a nullable ref keeps the ref and sets the flag', async () => {
    const ir = await irOf(docWith({ A: { type: 'string' }, S: { oneOf: [{ $ref: '#/components/schemas/A' }, { type: 'null' }] } }));
    expect(shape(component(ir, 'S'))).toEqual({ kind: 'ref', target: '/components/schemas/A', nullable: true });
  });

  it('3.0 nullable beside allOf[$ref] becomes a nullable ref', async () => {
    const ir = await irOf(docWith({ A: { type: 'string' }, S: { allOf: [{ $ref: '#/components/schemas/A' }], nullable: true } }, '3.0.3'));
    expect(shape(component(ir, 'S'))).toEqual({ kind: 'ref', target: '/components/schemas/A', nullable: true });
  });
});
