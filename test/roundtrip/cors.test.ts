import { describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 'cors', version: '1' },
  paths: {
    '/things': {
      get: { operationId: 'listThings', security: [{ bearer: [] }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array' } } } } } },
      post: { operationId: 'addThing', security: [{ bearer: [] }], requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: { '204': { description: 'ok' } } },
    },
  },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
};
const APP = 'https://app.example';

async function handlerWith(options: Record<string, unknown>) {
  const { server } = await stackOf(doc);
  return server.createHandler(
    { listThings: () => ({ status: 200, body: [], headers: { 'x-total': '0' } }), addThing: () => ({ status: 204 }) },
    { authenticate: ({ credentials }: any) => (credentials === 'good' ? {} : undefined), ...options },
  ) as (request: Request) => Promise<Response>;
}
const preflight = (origin: string, headers = 'authorization, content-type') =>
  new Request('http://api/things', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers } });

describe('server CORS (HandlerOptions.cors)', () => {
  it('answers a preflight from an allowed origin without credentials, with the route methods, the headers asked for, max-age', async () => {
    const h = await handlerWith({ cors: { origins: [APP], credentials: true, maxAge: 60, exposeHeaders: ['X-Total'] } });
    const r = await h(preflight(APP));
    expect(r.status).toBe(204);
    expect(Object.fromEntries(r.headers)).toMatchObject({
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET, HEAD, POST',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-max-age': '60',
    });
    expect(r.headers.get('vary')).toBe('Access-Control-Request-Method, Access-Control-Request-Headers, Origin');
    // A header list that is not plain header names is not echoed.
    expect((await h(preflight(APP, 'x-a; x-b'))).headers.has('access-control-allow-headers')).toBe(false);
    // Another origin: 403, and nothing that lets its page go on.
    const other = await h(preflight('https://evil.example'));
    expect(other.status).toBe(403);
    expect(other.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('marks every answer to an allowed origin, errors included; others get none, and Vary: Origin', async () => {
    const h = await handlerWith({ cors: { origins: (o: string) => o.endsWith('.app.example') || o === APP, credentials: true, exposeHeaders: ['X-Total'] } });
    const ok = await h(new Request('http://api/things', { headers: { origin: APP, authorization: 'Bearer good' } }));
    expect(ok.status).toBe(200);
    expect(Object.fromEntries(ok.headers)).toMatchObject({ 'access-control-allow-origin': APP, 'access-control-allow-credentials': 'true', 'access-control-expose-headers': 'X-Total', vary: 'Origin' });
    const refused = await h(new Request('http://api/things', { headers: { origin: 'https://a.app.example' } }));
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).toEqual([401, 'https://a.app.example']);
    const stranger = await h(new Request('http://api/things', { headers: { origin: 'https://evil.example', authorization: 'Bearer good' } }));
    expect([stranger.status, stranger.headers.get('access-control-allow-origin'), stranger.headers.get('vary')]).toEqual([200, null, 'Origin']);
    const sameOrigin = await h(new Request('http://api/things', { headers: { authorization: 'Bearer good' } }));
    expect(sameOrigin.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('"*" allows any origin without credentials; without the option there is no CORS at all', async () => {
    const any = await handlerWith({ cors: { origins: '*', credentials: true } });
    const r = await any(new Request('http://api/things', { headers: { origin: 'https://x.example', authorization: 'Bearer good' } }));
    expect([r.headers.get('access-control-allow-origin'), r.headers.has('access-control-allow-credentials'), r.headers.has('vary')]).toEqual(['*', false, false]);
    expect((await any(preflight('https://x.example'))).status).toBe(204);
    const none = await handlerWith({});
    const p = await none(preflight(APP));
    expect([p.status, p.headers.get('allow'), p.headers.has('access-control-allow-origin')]).toEqual([405, 'GET, HEAD, POST', false]);
  });
});
