import { describe, expect, it } from 'vitest';
import { generated, importAll } from '../helpers/generated.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';
import { tempDir } from '../helpers/cli.js';

// The errors the generated server makes itself (invalid input, 401, 413, 415) answer with a status and a body
// the operation declares, when it declares one; application/problem+json otherwise. A handler answers a status
// the spec does not declare only through undeclared(). The client's guard says yes to declared statuses only.

const envelope = { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, detail: { type: 'string' } } } } };
const json = (schema: unknown) => ({ 'application/json': { schema } });
const spec = {
  openapi: '3.1.0',
  info: { title: 'errors', version: '1' },
  components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
  paths: {
    '/validated/{id}': {
      post: {
        operationId: 'validated',
        security: [{ key: [] }],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { required: true, content: json({ type: 'object', required: ['n'], properties: { n: { type: 'integer' } } }) },
        responses: {
          '200': { description: 'ok', content: json({ type: 'object' }) },
          '401': { description: 'who', content: json(envelope) },
          '422': { description: 'invalid', content: json(envelope) },
        },
      },
    },
    '/problems': {
      post: {
        operationId: 'problems',
        requestBody: { required: true, content: json({ type: 'object', required: ['n'] }) },
        responses: {
          '200': { description: 'ok' },
          '400': { description: 'invalid', content: { 'application/problem+json': { schema: { type: 'object' } } } },
        },
      },
    },
    '/plain': {
      get: {
        operationId: 'plain',
        parameters: [{ name: 'q', in: 'query', schema: { type: 'integer' } }],
        responses: { '200': { description: 'ok', content: json({ type: 'object' }) } },
      },
    },
  },
};

async function stack() {
  const files = await generated(spec, ['client', 'server']);
  const load = await importAll(files);
  return { files, client: await load('client.ts'), server: await load('server.ts') };
}

describe("the server's own errors, as the spec declares them", () => {
  it('invalid input is the declared 422 with the declared body (errorBody); 401 too; a problem+json status and an undeclared one stay problems', async () => {
    const { client, server } = await stack();
    const seen: Array<[string, number]> = [];
    const handler = server.createHandler(
      { validated: () => ({ status: 200, body: {} }), problems: () => ({ status: 200 }), plain: () => ({ status: 200, body: {} }) },
      {
        errorBody: (p: { title: string; issues?: Array<{ path: string }> }, info: { operation: string; status: number }) => (
          seen.push([info.operation, info.status]), { error: { code: info.status === 401 ? 'unauthorized' : 'invalid', detail: p.issues?.map((i) => i.path).join(',') ?? p.title } }
        ),
        validateResponses: true,
      },
    );
    const core = client.createCore({ baseUrl: 'http://x.test', fetch: (url: string, init: RequestInit) => handler(new Request(url, init)), auth: { key: 'k' } });

    const invalid = await client.validated(core, 5, { body: { n: 'x' } }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 422, body: { error: { code: 'invalid', detail: '/body/n' } } });
    expect(invalid.headers.get('content-type')).toBe('application/json');
    expect(client.isValidatedError(invalid)).toBe(true);

    const badPath = await handler(new Request('http://x.test/validated/abc', { method: 'POST', headers: { 'x-key': 'k', 'content-type': 'application/json' }, body: '{"n":1}' }));
    expect(badPath.status).toBe(422);
    expect(await badPath.json()).toEqual({ error: { code: 'invalid', detail: '/path/id' } });

    const anonymous = await client.validated(client.createCore({ baseUrl: 'http://x.test', fetch: (url: string, init: RequestInit) => handler(new Request(url, init)) }), 5, { body: { n: 1 } }).catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect(seen).toEqual([['validated', 422], ['validated', 422], ['validated', 401]]);

    // A malformed body is a 400, which the operation does not declare: a problem document.
    const malformed = await handler(new Request('http://x.test/validated/1', { method: 'POST', headers: { 'x-key': 'k', 'content-type': 'application/json' }, body: '{' }));
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toBe('application/problem+json');

    // Declared as a problem document: sent as one, errorBody not asked.
    const p = await client.problems(core, { body: {} as never }).catch((e: unknown) => e);
    expect(p).toMatchObject({ status: 400, body: { title: 'Invalid request body', issues: [expect.objectContaining({ path: '/body' })] } });
    expect(p.headers.get('content-type')).toBe('application/problem+json');

    // Nothing declared for errors: the problem as before, and the guard (any status: the union is unknown) says yes.
    const plain = await client.plain(core, { query: { q: 'x' as never } }).catch((e: unknown) => e);
    expect(plain).toMatchObject({ status: 400, body: { issues: [expect.objectContaining({ path: '/query/q' })] } });
    expect(client.isPlainError(plain)).toBe(true);
    expect(seen).toHaveLength(3);
  });

  it('a handler answers an undeclared status only through undeclared(); the client types its body unknown (the guard says no)', async () => {
    const { files, client, server } = await stack();
    const handler = server.createHandler(
      { validated: () => server.undeclared(404, { gone: true }, { 'x-why': 'missing' }), problems: () => ({ status: 418 }), plain: () => ({ status: 200, body: {} }) },
      { errorBody: () => ({ error: { code: 'x' } }), onError: () => {} },
    );
    const core = client.createCore({ baseUrl: 'http://x.test', fetch: (url: string, init: RequestInit) => handler(new Request(url, init)), auth: { key: 'k' } });
    const gone = await client.validated(core, 1, { body: { n: 1 } }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 404, body: { gone: true } });
    expect(gone.headers.get('x-why')).toBe('missing');
    expect(client.isValidatedError(gone)).toBe(false);
    // A plain object with an undeclared status is the handler's mistake: 500.
    expect((await client.problems(core, { body: { n: 1 } }).catch((e: unknown) => e)).status).toBe(500);

    const probe = `import { createHandler, undeclared, type Handlers } from './server.js';
const h: Handlers = {
  validated: () => undeclared(404),
  problems: () => ({ status: 200 }),
  // @ts-expect-error: 404 is not declared; only undeclared() may answer it
  plain: () => ({ status: 404, body: {} }),
};
export const a: (r: Request) => Promise<Response> = createHandler(h, { errorBody: (p) => ({ error: { code: p.title } }) });
// @ts-expect-error: the spec declares its error bodies: errorBody is required
export const b: (r: Request) => Promise<Response> = createHandler(h, {});
`;
    expect(typecheck(writeFiles(tempDir(), [...files, { path: 'probe.ts', content: probe }]), 'strictest')).toEqual([]);
  });
});
