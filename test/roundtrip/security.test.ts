import { describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';

const doc = {
  openapi: '3.1.0', info: { title: 'sec', version: '1' },
  paths: {
    '/either': { get: { operationId: 'either', security: [{ bearer: [] }, { key: [] }], responses: { '204': { description: 'ok' } } } },
    '/both': { get: { operationId: 'both', security: [{ bearer: ['admin'], key: [] }], responses: { '204': { description: 'ok' } } } },
    '/cookie': { get: { operationId: 'cookie', security: [{ session: [] }], responses: { '204': { description: 'ok' } } } },
    '/open': { get: { operationId: 'open', security: [{}, { bearer: [] }], responses: { '204': { description: 'ok' } } } },
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, key: { type: 'apiKey', in: 'header', name: 'X-Key' }, session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
};

describe('server security: alternatives (OR) and combinations (AND) with scopes', () => {
  it('honours OR, AND and optional auth', async () => {
    const { server } = await stackOf(doc);
    const asked: unknown[] = [];
    const h = server.createHandler(
      { either: ({ auth }: any) => ({ status: 204, headers: { 'x-auth': Object.keys(auth).join(',') } }), both: () => ({ status: 204 }), cookie: ({ auth }: any) => ({ status: 204, headers: { 'x-sid': String(auth.session.credentials) } }), open: () => ({ status: 204 }) },
      {
        authenticate: ({ scheme, credentials, scopes }: any) => {
          asked.push([scheme, scopes]);
          return credentials === 'good' || scheme === 'session' ? { scheme, credentials } : undefined;
        },
      },
    );
    const call = (path: string, headers: Record<string, string> = {}) => h(new Request(`http://x${path}`, { headers }));
    expect((await call('/either', { authorization: 'Bearer good' })).headers.get('x-auth')).toBe('bearer');
    expect((await call('/either', { 'x-key': 'good' })).headers.get('x-auth')).toBe('key');
    expect((await call('/either', { authorization: 'Bearer bad', 'x-key': 'good' })).headers.get('x-auth')).toBe('key');
    const none = await call('/either');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api", ApiKey realm="api"');
    expect((await call('/both', { authorization: 'Bearer good' })).status).toBe(401);
    asked.length = 0;
    expect((await call('/both', { authorization: 'Bearer good', 'x-key': 'good' })).status).toBe(204);
    expect(asked).toEqual([['bearer', ['admin']], ['key', []]]);
    expect((await call('/open')).status).toBe(204);
    // apiKey in a cookie: percent-decoded; malformed percent-encoding is passed through, never a 5xx.
    expect((await call('/cookie', { cookie: 'a=1; sid=s%20id' })).headers.get('x-sid')).toBe('s id');
    expect((await call('/cookie', { cookie: 'sid=%E0%A4%A' })).headers.get('x-sid')).toBe('%E0%A4%A');
    expect((await call('/cookie', { cookie: 'other=1' })).status).toBe(401);
  });

  it('a 401 carries the challenge the challenge option gives, or none', async () => {
    const { server } = await stackOf(doc);
    const handlers = { either: () => ({ status: 204 }), both: () => ({ status: 204 }), cookie: () => ({ status: 204 }), open: () => ({ status: 204 }) };
    const asked: unknown[] = [];
    const custom = server.createHandler(handlers, {
      challenge: ({ operation, schemes, standard, request }: any) => {
        asked.push({ operation, schemes, standard, url: request.url });
        return operation === 'both' ? undefined : 'Bearer realm="sec", error="invalid_token"';
      },
    });
    const either = await custom(new Request('http://x/either', { headers: { authorization: 'Bearer' } }));
    expect(either.status).toBe(401);
    expect(either.headers.get('www-authenticate')).toBe('Bearer realm="sec", error="invalid_token"');
    expect(await either.json()).toMatchObject({ status: 401, title: 'Authentication required' });
    const both = await custom(new Request('http://x/both'));
    expect(both.status).toBe(401);
    expect(both.headers.has('www-authenticate')).toBe(false);
    expect(asked).toEqual([
      { operation: 'either', schemes: ['bearer', 'key'], standard: 'Bearer realm="api", ApiKey realm="api"', url: 'http://x/either' },
      { operation: 'both', schemes: ['bearer', 'key'], standard: 'Bearer realm="api", ApiKey realm="api"', url: 'http://x/both' },
    ]);
    // A challenge that throws, or is not a valid header value, is the server's error: a 500 and onError.
    const errors: unknown[] = [];
    const broken = server.createHandler(handlers, { challenge: () => 'a\r\nset-cookie: x=1', onError: (e: unknown) => errors.push(e) });
    const r = await broken(new Request('http://x/either'));
    expect(r.status).toBe(500);
    expect(r.headers.has('set-cookie')).toBe(false);
    expect(errors).toHaveLength(1);
  });
});
