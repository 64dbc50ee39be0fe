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

// A parent listing its subtypes in a discriminated oneOf/anyOf while each subtype inherits it through allOf: the
// subtypes inherit the parent's own keywords (a schema `<Parent>Base`), not the union that lists them.
describe('polymorphic parents (a discriminated oneOf of subtypes that allOf the parent)', () => {
  const tag = { type: 'object', required: ['petType'], properties: { petType: { type: 'string' } } };
  const sub = (parent: string, own: string) => ({ allOf: [ref(parent), { type: 'object', properties: { [own]: { type: 'boolean' } } }] });
  const names = (ir: Awaited<ReturnType<typeof irOf>>) => Object.fromEntries(ir.schemas.map((s) => [s.id, s.name]));
  const BASE = '/components/schemas/Pet/discriminator/base';

  it('a subtype inherits the parent base: the own keywords, named <Parent>Base; the parent keeps its union', async () => {
    const ir = await irOf(docWith({ Pet: { ...tag, discriminator: { propertyName: 'petType' }, oneOf: [ref('Cat'), ref('Dog')] }, Cat: sub('Pet', 'meows'), Dog: sub('Pet', 'barks') }));
    expect(shape(component(ir, 'Cat'))).toEqual({ kind: 'intersection', members: [{ kind: 'ref', target: BASE }, { kind: 'object', properties: [{ name: 'meows', required: false, schema: { kind: 'boolean' } }] }] });
    const base = ir.schemas.find((s) => s.id === BASE)!;
    expect(base.name).toBe('PetBase');
    expect(base.origin).toBe('hoisted');
    expect(shape(base.schema)).toEqual({ kind: 'object', properties: [{ name: 'petType', required: true, schema: { kind: 'string' } }] });
    const pet = component(ir, 'Pet');
    expect(pet.kind === 'intersection' && pet.members.map((m) => m.kind)).toEqual(['object', 'union']);
    expect(names(ir)['/components/schemas/Dog']).toBe('Dog');
  });

  it('an inline enum of the own keywords, which parent and base share, is one schema named after the parent', async () => {
    const petType = { type: 'string', enum: ['Cat', 'Dog'] };
    const ir = await irOf(docWith({ Pet: { ...tag, properties: { petType }, discriminator: { propertyName: 'petType' }, oneOf: [ref('Cat'), ref('Dog')] }, Cat: sub('Pet', 'meows'), Dog: sub('Pet', 'barks') }));
    expect(ir.schemas.filter((s) => s.origin === 'hoisted').map((s) => s.name).sort()).toEqual(['PetBase', 'PetPetType']);
  });

  it('a parent that is only the union: the subtypes drop the ref', async () => {
    const ir = await irOf(docWith({ Pet: { discriminator: { propertyName: 'petType' }, anyOf: [ref('Cat'), ref('Dog')] }, Cat: sub('Pet', 'meows'), Dog: sub('Pet', 'barks') }));
    expect(shape(component(ir, 'Cat'))).toEqual({ kind: 'object', properties: [{ name: 'meows', required: false, schema: { kind: 'boolean' } }] });
    expect(ir.schemas.some((s) => s.id === BASE)).toBe(false);
  });

  it('through a middle schema the subtype inherits (Cat → Mammal → Pet): the middle one inherits the base', async () => {
    const ir = await irOf(docWith({ Pet: { ...tag, discriminator: { propertyName: 'petType' }, oneOf: [ref('Cat')] }, Cat: sub('Mammal', 'meows'), Mammal: sub('Pet', 'warm') }));
    const mammal = component(ir, 'Mammal');
    expect(mammal.kind === 'intersection' && mammal.members[0]).toMatchObject({ kind: 'ref', target: BASE });
    const cat = component(ir, 'Cat');
    expect(cat.kind === 'intersection' && cat.members[0]).toMatchObject({ kind: 'ref', target: '/components/schemas/Mammal' });
  });

  it('a ref to the parent in a property, or from a schema the union does not list, still means the parent', async () => {
    const ir = await irOf(
      docWith({
        Pet: { ...tag, discriminator: { propertyName: 'petType' }, oneOf: [ref('Cat')] },
        Cat: { allOf: [ref('Pet'), { type: 'object', properties: { friend: ref('Pet') } }] },
        Other: { allOf: [ref('Pet'), { type: 'object', properties: { x: { type: 'string' } } }] },
      }),
    );
    const cat = component(ir, 'Cat');
    const friend = cat.kind === 'intersection' && cat.members[1]!.kind === 'object' ? cat.members[1]!.properties[0]!.schema : undefined;
    expect(friend).toMatchObject({ kind: 'ref', target: '/components/schemas/Pet' });
    const other = component(ir, 'Other');
    expect(other.kind === 'intersection' && other.members[0]).toMatchObject({ kind: 'ref', target: '/components/schemas/Pet' });
  });

  it('a cycle with no object or array in between that is not the pattern is SF2007, at the first schema by id', async () => {
    const { buildIr } = await import('../../dist/index.js');
    const { ir, diagnostics } = await buildIr(docWith({ B: { oneOf: [ref('A'), { type: 'string' }] }, A: { allOf: [ref('B'), { type: 'object' }] }, Self: ref('Self'), Tree: { type: 'object', properties: { kids: { type: 'array', items: ref('Tree') } } } }));
    expect(ir).toBeUndefined();
    expect(diagnostics.filter((d) => d.code === 'SF2007').map((d) => [d.pointer, d.severity])).toEqual([
      ['/components/schemas/A/allOf/0/$ref', 'error'],
      ['/components/schemas/Self/$ref', 'error'],
    ]);
    expect(diagnostics.find((d) => d.pointer === '/components/schemas/A/allOf/0/$ref')!.message).toContain('#/components/schemas/A → #/components/schemas/B → #/components/schemas/A');
  });
});
