import { describe, expect, it } from 'vitest';
import { component, docWith, irOf, schemaById, shape } from '../helpers/spec.js';
import { generated, validatorsOf } from '../helpers/generated.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const target = (name: string) => `/components/schemas/${name}`;

// A property whose schema is a $ref to a readOnly/writeOnly schema is itself readOnly/writeOnly: the flag is
// written on the ref node (the ref stays a ref), and the holder then differs by direction.
const cases: Array<[string, { schemas: Record<string, unknown>; version?: string; want: unknown; differs: boolean }]> = [
  ['a ref to a readOnly schema', { schemas: { Id: { type: 'integer', readOnly: true } }, want: { kind: 'ref', target: target('Id'), readOnly: true }, differs: true }],
  ['a ref to a writeOnly schema', { schemas: { Id: { type: 'string', writeOnly: true } }, want: { kind: 'ref', target: target('Id'), writeOnly: true }, differs: true }],
  [
    'through an alias (a ref to a ref)',
    { schemas: { Id: ref('Raw'), Raw: { type: 'integer', readOnly: true } }, want: { kind: 'ref', target: target('Id'), readOnly: true }, differs: true },
  ],
  ['a readOnly enum component (3.0)', { version: '3.0.3', schemas: { Id: { type: 'string', enum: ['a', 'b'], readOnly: true } }, want: { kind: 'ref', target: target('Id'), readOnly: true }, differs: true }],
  ['a ref to a plain schema stays as it is', { schemas: { Id: { type: 'integer' } }, want: { kind: 'ref', target: target('Id') }, differs: false }],
];

describe('ref-directions: readOnly and writeOnly through $ref', () => {
  it.each(cases)('%s', async (_name, { schemas, version, want, differs }) => {
    const ir = await irOf(docWith({ ...schemas, Pet: { type: 'object', required: ['id'], properties: { id: ref('Id'), name: { type: 'string' } } } }, version));
    const pet = component(ir, 'Pet');
    expect(pet.kind === 'object' && shape(pet.properties[0]!.schema)).toEqual(want);
    expect(schemaById(ir, target('Pet')).differsByDirection === true).toBe(differs);
  });

  it('a flag written beside the $ref (3.1) wins over the target\'s', async () => {
    const ir = await irOf(docWith({ Id: { type: 'integer', readOnly: true }, Pet: { type: 'object', properties: { id: { ...ref('Id'), writeOnly: true } } } }));
    const pet = component(ir, 'Pet');
    expect(pet.kind === 'object' && shape(pet.properties[0]!.schema)).toEqual({ kind: 'ref', target: target('Id'), writeOnly: true });
  });

  it('only properties: array items, a parameter\'s schema and a body\'s schema keep the plain ref', async () => {
    const ir = await irOf(
      docWith(
        { Id: { type: 'integer', readOnly: true }, Ids: { type: 'array', items: ref('Id') } },
        '3.1.0',
        {
          paths: {
            '/pets/{id}': {
              put: {
                operationId: 'putPet',
                parameters: [{ name: 'id', in: 'path', required: true, schema: ref('Id') }],
                requestBody: { content: { 'application/json': { schema: ref('Id') } } },
                responses: { '204': { description: 'done' } },
              },
            },
          },
        },
      ),
    );
    const ids = component(ir, 'Ids');
    expect(ids.kind === 'array' && shape(ids.items)).toEqual({ kind: 'ref', target: target('Id') });
    const op = ir.operations[0]!;
    expect(shape(op.parameters[0]!.schema)).toEqual({ kind: 'ref', target: target('Id') });
    expect(shape(op.requestBody!.content[0]!.schema)).toEqual({ kind: 'ref', target: target('Id') });
  });

  it('a property inside an operation\'s inline body is flagged too', async () => {
    const ir = await irOf(
      docWith({ Id: { type: 'integer', readOnly: true } }, '3.1.0', {
        paths: {
          '/pets': {
            post: {
              operationId: 'addPet',
              requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['id'], properties: { id: ref('Id') } } } } },
              responses: { '204': { description: 'done' } },
            },
          },
        },
      }),
    );
    const body = ir.operations[0]!.requestBody!.content[0]!.schema;
    expect(body.kind === 'object' && shape(body.properties[0]!.schema)).toEqual({ kind: 'ref', target: target('Id'), readOnly: true });
  });
});

describe('ref-directions in the generated code: types and validators agree', () => {
  const spec = docWith({ Id: { type: 'integer', readOnly: true }, Pet: { type: 'object', required: ['id', 'name'], properties: { id: ref('Id'), name: { type: 'string' } } } }, '3.1.0', {
    paths: {
      '/pets': {
        post: {
          operationId: 'addPet',
          requestBody: { required: true, content: { 'application/json': { schema: ref('Pet') } } },
          responses: { '201': { description: 'added', content: { 'application/json': { schema: ref('Pet') } } } },
        },
      },
    },
  });

  it('a request may leave the readOnly id out (and its type has none); a response must have it', async () => {
    const files = await generated(spec, ['types', 'validators']);
    const types = files.find((f) => f.path === 'types.ts')!.content;
    expect(types).toMatch(/export interface PetWritable \{\n\s+name: string;\n\}/);
    expect(types).toMatch(/export interface Pet \{\n\s+id: Id;\n\s+name: string;\n\}/);
    const V = await validatorsOf(spec);
    expect(V.addPet.body['application/json'].validate({ name: 'Rex' })).toEqual({ ok: true, value: { name: 'Rex' } });
    const response = V.addPet.responses['201']['application/json'].validate({ name: 'Rex' });
    expect(response.ok).toBe(false);
    expect(response.issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`)).toEqual([' required']);
  });
});
