import { describe, expect, it } from 'vitest';
import { buildIr } from '../../dist/index.js';
import { component, docWith, irOf, shape } from '../helpers/spec.js';

const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const r = (n: string) => ({ kind: 'ref', target: `/components/schemas/${n}` });
const Base = { type: 'object', properties: { id: { type: 'string' } } };

/**
 * [case, schema S, its IR shape]: the JSON Schema keywords only the validators check (conditionals, `contains`,
 * `propertyNames`, the dependent keywords), in their one IR form each.
 */
const CASES: Array<[string, unknown, unknown]> = [
  [
    'if/then/else on a typed node',
    { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } },
    {
      kind: 'object', properties: [],
      conditional: {
        if: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['a'] },
        then: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['b'] },
        else: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['c'] },
      },
    },
  ],
  ['if with only then, on a schema without type', { if: { const: 1 }, then: { const: 1 } }, { kind: 'unknown', conditional: { if: { kind: 'enum', isConst: true, members: [{ name: '', value: 1 }] }, then: { kind: 'enum', isConst: true, members: [{ name: '', value: 1 }] } } }],
  // An `if` alone checks nothing, but what it evaluates counts for `unevaluated*`.
  ['if alone is kept, without branches', { type: 'string', if: { maxLength: 2 } }, { kind: 'string', conditional: { if: { kind: 'string', typeImplied: true, maxLength: 2 } } }],
  ['then and else without if constrain nothing', { type: 'string', then: { maxLength: 2 }, else: { minLength: 9 } }, { kind: 'string' }],
  [
    'if beside $ref: one more member of the intersection',
    { $ref: '#/components/schemas/Base', if: { required: ['id'] }, then: { required: ['name'] } },
    { kind: 'intersection', members: [r('Base'), { kind: 'unknown', conditional: { if: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['id'] }, then: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['name'] } } }] },
  ],
  ['not beside $ref is kept (was dropped)', { $ref: '#/components/schemas/Base', not: { required: ['x'] } }, { kind: 'intersection', members: [r('Base'), { kind: 'unknown', not: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['x'] } }] }],
  ['not beside allOf: once, in the own member (was also on the intersection)', { allOf: [ref('Base')], not: { required: ['x'] } }, { kind: 'intersection', members: [{ kind: 'unknown', not: { kind: 'object', typeImplied: true, properties: [], extraRequired: ['x'] } }, r('Base')] }],
  [
    'contains with both bounds',
    { type: 'array', items: { type: 'integer' }, contains: { minimum: 5 }, minContains: 2, maxContains: 3 },
    { kind: 'array', items: { kind: 'number', integer: true }, contains: { kind: 'number', integer: false, typeImplied: true, minimum: 5 }, minContains: 2, maxContains: 3 },
  ],
  ['contains implies an array', { contains: { type: 'string' } }, { kind: 'array', typeImplied: true, items: { kind: 'unknown' }, itemsUnset: true, contains: { kind: 'string' } }],
  ['minContains/maxContains without contains: nothing (not even an implied array)', { minContains: 1, maxContains: 2 }, { kind: 'unknown' }],
  [
    'propertyNames, dependentRequired and dependentSchemas, in the spec order',
    { type: 'object', propertyNames: { pattern: '^[a-z]+$' }, dependentRequired: { b: ['c', 'd'], a: [] }, dependentSchemas: { z: ref('Base'), y: false } },
    {
      kind: 'object', properties: [],
      propertyNames: { kind: 'string', typeImplied: true, pattern: '^[a-z]+$' },
      dependentRequired: [{ property: 'b', required: ['c', 'd'] }, { property: 'a', required: [] }],
      dependentSchemas: [{ property: 'z', schema: r('Base') }, { property: 'y', schema: { kind: 'never' } }],
    },
  ],
  // unevaluated*: on the node of the whole schema, never on a part of it.
  ['unevaluatedProperties on a typed object', { type: 'object', properties: { a: {} }, unevaluatedProperties: false }, { kind: 'object', properties: [{ name: 'a', required: false, schema: { kind: 'unknown' } }], unevaluatedProperties: { kind: 'never' } }],
  [
    'unevaluatedProperties beside allOf: on the intersection, not in the own member',
    { properties: { a: {} }, allOf: [ref('Base')], unevaluatedProperties: { type: 'string' } },
    { kind: 'intersection', members: [{ kind: 'object', typeImplied: true, properties: [{ name: 'a', required: false, schema: { kind: 'unknown' } }] }, r('Base')], unevaluatedProperties: { kind: 'string' } },
  ],
  ['unevaluatedProperties beside $ref (3.1): on the ref', { $ref: '#/components/schemas/Base', unevaluatedProperties: false }, { ...r('Base'), unevaluatedProperties: { kind: 'never' } }],
  [
    'a lone allOf member with its own: wrapped, each keeps its scope',
    { allOf: [{ type: 'object', unevaluatedProperties: false }], unevaluatedProperties: true },
    { kind: 'intersection', members: [{ kind: 'object', properties: [], unevaluatedProperties: { kind: 'never' } }], unevaluatedProperties: { kind: 'unknown' } },
  ],
  ['unevaluatedItems, and an array without items says so', { type: 'array', prefixItems: [{ type: 'string' }], unevaluatedItems: false }, { kind: 'array', items: { kind: 'unknown' }, itemsUnset: true, prefixItems: [{ kind: 'string' }], unevaluatedItems: { kind: 'never' } }],
  ['unevaluatedProperties alone: any value, with the keyword', { unevaluatedProperties: false }, { kind: 'unknown', unevaluatedProperties: { kind: 'never' } }],
  ['propertyNames implies an object', { propertyNames: { maxLength: 3 } }, { kind: 'object', typeImplied: true, properties: [], propertyNames: { kind: 'string', typeImplied: true, maxLength: 3 } }],
];

describe('IR: the validators-only applicators', () => {
  it.each(CASES)('%s', async (_name, schema, want) => {
    const ir = await irOf(docWith({ Base, S: schema }));
    expect(shape(component(ir, 'S'))).toEqual(want);
  });

  it('an enum inside them is hoisted as any inline enum is, and the IR stays JSON', async () => {
    const ir = await irOf(docWith({ S: { type: 'array', contains: { enum: ['a', 'b'] } } }));
    const s = component(ir, 'S');
    expect(s.kind === 'array' && s.contains?.kind).toBe('ref');
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  it('a dependentRequired value that is not an array of strings is SF3002 at it', async () => {
    const { diagnostics } = await buildIr(docWith({ S: { type: 'object', dependentRequired: { a: ['b'], c: 'd' } } }));
    expect(diagnostics.map((d) => [d.code, d.severity, d.pointer])).toEqual([['SF3002', 'error', '/components/schemas/S/dependentRequired/c']]);
  });

  it.each([
    ['then', { A: { if: true, then: ref('A') } }, '/components/schemas/A/then/$ref'],
    ['dependentSchemas', { A: { type: 'object', dependentSchemas: { x: ref('A') } } }, '/components/schemas/A/dependentSchemas/x/$ref'],
  ])('a schema that checks the same value against itself again through %s is SF2007', async (_k, schemas, pointer) => {
    const { diagnostics } = await buildIr(docWith(schemas));
    expect(diagnostics.filter((d) => d.code === 'SF2007').map((d) => d.pointer)).toEqual([pointer]);
  });

  it('recursion through contains or propertyNames goes into the value: no SF2007', async () => {
    const { ir, diagnostics } = await buildIr(docWith({ A: { type: 'array', contains: ref('A') }, B: { type: 'object', propertyNames: ref('B') } }));
    expect(ir).toBeDefined();
    expect(diagnostics.filter((d) => d.code === 'SF2007')).toEqual([]);
  });
});
