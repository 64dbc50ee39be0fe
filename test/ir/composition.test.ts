import { describe, expect, it } from 'vitest';
import { component, docWith, irOf, shape } from '../helpers/spec.js';

const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
const base = { Cat: { type: 'object', properties: { kind: { type: 'string' }, meows: { type: 'boolean' } } }, Dog: { type: 'object', properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } } };
const r = (n: string) => ({ kind: 'ref', target: `/components/schemas/${n}` });

const cases: Array<[string, { schema: unknown; want: unknown }]> = [
  ['allOf → intersection', { schema: { allOf: [ref('Cat'), ref('Dog')] }, want: { kind: 'intersection', members: [r('Cat'), r('Dog')] } }],
  ['single-member allOf → the member', { schema: { allOf: [ref('Cat')] }, want: r('Cat') }],
  ['oneOf → union (oneOf)', { schema: { oneOf: [ref('Cat'), ref('Dog')] }, want: { kind: 'union', mode: 'oneOf', members: [r('Cat'), r('Dog')] } }],
  ['anyOf → union (anyOf)', { schema: { anyOf: [ref('Cat'), ref('Dog')] }, want: { kind: 'union', mode: 'anyOf', members: [r('Cat'), r('Dog')] } }],
  [
    'oneOf with discriminator and mapping',
    {
      schema: { oneOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } } },
      want: {
        kind: 'union', mode: 'oneOf', members: [r('Cat'), r('Dog')],
        discriminator: { propertyName: 'kind', mapping: [{ value: 'cat', target: '/components/schemas/Cat' }, { value: 'Dog', target: '/components/schemas/Dog' }] },
      },
    },
  ],
  [
    'anyOf with discriminator, implicit mapping',
    {
      schema: { anyOf: [ref('Cat'), ref('Dog')], discriminator: { propertyName: 'kind' } },
      want: {
        kind: 'union', mode: 'anyOf', members: [r('Cat'), r('Dog')],
        discriminator: { propertyName: 'kind', mapping: [{ value: 'Cat', target: '/components/schemas/Cat' }, { value: 'Dog', target: '/components/schemas/Dog' }] },
      },
    },
  ],
  [
    'own properties beside allOf → intersection with them',
    {
      schema: { allOf: [ref('Cat')], properties: { name: { type: 'string' } }, required: ['name'] },
      want: { kind: 'intersection', members: [{ kind: 'object', typeImplied: true, properties: [{ name: 'name', required: true, schema: { kind: 'string' } }] }, r('Cat')] },
    },
  ],
  ['type: object beside oneOf adds nothing', { schema: { type: 'object', oneOf: [ref('Cat'), ref('Dog')] }, want: { kind: 'union', mode: 'oneOf', members: [r('Cat'), r('Dog')] } }],
  ['several types → anyOf union', { schema: { type: ['string', 'integer'] }, want: { kind: 'union', mode: 'anyOf', members: [{ kind: 'string' }, { kind: 'number', integer: true }] } }],
  ['const → one-member enum', { schema: { const: 'x' }, want: { kind: 'enum', isConst: true, members: [{ name: 'X', value: 'x' }] } }],
];

describe('composition', () => {
  it.each(cases)('%s', async (_name, { schema, want }) => {
    const ir = await irOf(docWith({ ...base, S: schema }));
    expect(shape(component(ir, 'S'))).toEqual(want);
  });
});

describe('additionalProperties', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['true', true, true],
    ['false', false, false],
    ['schema', { type: 'integer' }, { kind: 'number', integer: true }],
    ['absent', undefined, undefined],
  ];
  it.each(cases)('%s', async (_name, ap, want) => {
    const schema: Record<string, unknown> = { type: 'object', properties: { a: { type: 'string' } } };
    if (ap !== undefined) schema.additionalProperties = ap;
    const ir = await irOf(docWith({ S: schema }));
    const node = component(ir, 'S');
    expect(node.kind).toBe('object');
    expect(shape((node as { additionalProperties?: unknown }).additionalProperties)).toEqual(want);
  });
});

describe('recursion', () => {
  it('a recursive schema keeps refs (no expansion, no loop)', async () => {
    const ir = await irOf(docWith({ Node: { type: 'object', properties: { children: { type: 'array', items: ref('Node') }, parent: ref('Node') } } }));
    expect(shape(component(ir, 'Node'))).toEqual({
      kind: 'object',
      properties: [
        { name: 'children', required: false, schema: { kind: 'array', items: r('Node') } },
        { name: 'parent', required: false, schema: r('Node') },
      ],
    });
  });
  it('mutual recursion through allOf', async () => {
    const ir = await irOf(docWith({ A: { allOf: [ref('B')], properties: { a: { type: 'string' } } }, B: { properties: { next: ref('A') } } }));
    expect(component(ir, 'A').kind).toBe('intersection');
    expect(shape(component(ir, 'B'))).toEqual({ kind: 'object', typeImplied: true, properties: [{ name: 'next', required: false, schema: r('A') }] });
  });
});

describe('a schema without type', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['string keywords imply a string', { maxLength: 2 }, { kind: 'string', maxLength: 2, typeImplied: true }],
    ['a string format implies a string', { format: 'date-time' }, { kind: 'string', format: 'date-time', typeImplied: true }],
    ['a numeric format implies a number', { format: 'int32' }, { kind: 'number', integer: false, format: 'int32', typeImplied: true }],
    ['several families: an intersection', { minLength: 1, minimum: 0 }, { kind: 'intersection', members: [{ kind: 'string', minLength: 1, typeImplied: true }, { kind: 'number', integer: false, minimum: 0, typeImplied: true }] }],
    ['no keywords: anything', { description: 'x' }, { kind: 'unknown', description: 'x' }],
  ];
  it.each(cases)('%s', async (_name, schema, want) => {
    const ir = await irOf(docWith({ S: schema }));
    expect(shape(component(ir, 'S'))).toEqual(want);
  });
});
