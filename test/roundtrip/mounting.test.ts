import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';

// What the README says about mounting, run for real: the generated fetch handler inside Hono (app.mount) and,
// through the node:http adapter, inside Express (app.use), both under /api, with the generated client.

let stack: Awaited<ReturnType<typeof stackOf>>;
const servers: Server[] = [];
const users = Array.from({ length: 3 }, (_, i) => ({ id: `user-${i}`, username: `u${i}`, first_name: null, last_name: null }));

beforeAll(async () => {
  stack = await stackOf('specs/alo-dm-channel-users.yaml');
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

function aloHandler(): (request: Request) => Promise<Response> {
  return stack.server.createHandler({
    listDirectMessageChannelUsers: ({ params, query }: any) => ({
      status: 200,
      body: { page: query.page ?? 1, per_page: query.per_page ?? 100, total_pages: 1, response_count: users.length, total_count: users.length, channel: { id: params.channel_id, name: 'Buddies' }, users },
    }),
    addDirectMessageChannelUser: ({ body }: any) => ({ status: 200, body: { id: body.id } }),
    removeDirectMessageChannelUser: ({ params }: any) => ({ status: 200, body: { id: params.user_id } }),
  });
}

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Every operation through the client under /api, and the framework's own routes and 404s still its own. */
async function exercise(origin: string): Promise<void> {
  const api = stack.client.createClient({ baseUrl: `${origin}/api`, auth: { bearerAuth: 't' } });
  const page = await api.directMessageChannelUsers.list('chan', { query: { per_page: 2 } });
  expect(page).toMatchObject({ per_page: 2, channel: { id: 'chan' } });
  expect(await api.directMessageChannelUsers.add('chan', { body: { id: 'new' } })).toEqual({ id: 'new' });
  expect(await api.directMessageChannelUsers.remove('chan', 'user-1')).toEqual({ id: 'user-1' });
  const invalid = await fetch(`${origin}/api/direct_message_channels/chan/users?per_page=101`, { headers: { authorization: 'Bearer t' } });
  // Alo declares 422 (and not 400) for invalid input: the server's own answer uses it. This handler has no
  // errorBody (TypeScript would insist on one), so the body stays a problem document.
  expect(invalid.status).toBe(422);
  expect(((await invalid.json()) as { issues: Array<{ path: string }> }).issues.map((i) => i.path)).toEqual(['/query/per_page']);
  expect((await fetch(`${origin}/api/nowhere`)).status).toBe(404);
  expect(await (await fetch(`${origin}/health`)).text()).toBe('ok');
}

describe('mounting the generated server in frameworks (README)', () => {
  it('Hono: app.mount("/api", handler)', async () => {
    const app = new Hono();
    app.get('/health', (c) => c.text('ok'));
    app.mount('/api', aloHandler());
    const origin = await listen(createServer(stack.node.createNodeListener(app.fetch)));
    await exercise(origin);
  });

  it('Express: app.use("/api", createNodeListener(handler))', async () => {
    const app = express();
    app.get('/health', (_req, res) => void res.send('ok'));
    app.use('/api', stack.node.createNodeListener(aloHandler()));
    const origin = await listen(createServer(app));
    await exercise(origin);
  });
});

describe('the node:http adapter with handlers of createHandler and with any other fetch handler', () => {
  /** A node:http server on the generated adapter (of `stack`'s spec unless another is given) around `handler`. */
  const serveVia = (handler: (request: Request) => Promise<Response>, node = stack.node): Promise<string> =>
    listen(createServer(node.createNodeListener(handler)));
  const answer = async (url: string, path: string, init: RequestInit = {}) => {
    const r = await fetch(url + path, init);
    return { status: r.status, type: r.headers.get('content-type'), length: r.headers.get('content-length'), body: await r.text() };
  };

  it('answers alike whether the handler gets the bytes beside the request (its own) or as a body stream (wrapped)', async () => {
    const seen: unknown[] = [];
    const handler = stack.server.createHandler(
      {
        listDirectMessageChannelUsers: ({ params }: any) => ({
          status: 200,
          body: { page: 1, per_page: 100, total_pages: 1, response_count: 0, total_count: 0, channel: { id: params.channel_id, name: 'é ✓' }, users: [] },
        }),
        addDirectMessageChannelUser: ({ body, request }: any) => {
          // Behind the adapter, the handler's own request has no body stream (its bytes came beside it); a
          // wrapped one has a stream, which the pipeline has read.
          seen.push({ body, stream: request.body === null ? 'none' : request.bodyUsed ? 'read' : 'unread' });
          return { status: 200, body: { id: body.id, username: 'ü', first_name: null, last_name: null } };
        },
        removeDirectMessageChannelUser: ({ params }: any) => ({ status: 200, body: { id: params.user_id } }),
      },
      { maxBodyBytes: 64 },
    );
    const own = await serveVia(handler);
    const wrapped = await serveVia((request) => handler(request));
    const auth = { authorization: 'Bearer t' };
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: Array<[string, RequestInit]> = [
      ['/direct_message_channels/c/users', { headers: auth }],
      ['/direct_message_channels/c/users', { method: 'PUT', headers: json, body: JSON.stringify({ id: 'ü' }) }],
      ['/direct_message_channels/c/users', { method: 'PUT', headers: json, body: '{"id": 5}' }],
      ['/direct_message_channels/c/users', { method: 'PUT', headers: json, body: '{not json' }],
      ['/direct_message_channels/c/users', { method: 'PUT', headers: json, body: JSON.stringify({ id: 'x'.repeat(100) }) }],
      ['/direct_message_channels/c/users/u1', { method: 'DELETE', headers: auth }],
      ['/direct_message_channels/c/users', { method: 'PUT' }],
      ['/nowhere', {}],
    ];
    for (const [path, init] of cases) {
      const a = await answer(own, path, init);
      expect(a, `${init.method ?? 'GET'} ${path}`).toEqual(await answer(wrapped, path, init));
    }
    expect(await answer(own, cases[1]![0], cases[1]![1])).toMatchObject({ status: 200, body: '{"id":"ü","username":"ü","first_name":null,"last_name":null}' });
    expect((await answer(own, cases[4]![0], cases[4]![1])).status).toBe(413);
    expect(seen).toEqual([
      { body: { id: 'ü' }, stream: 'none' },
      { body: { id: 'ü' }, stream: 'read' },
      { body: { id: 'ü' }, stream: 'none' },
    ]);
  });

  it('gives any other fetch handler a plain Request with its body, and the handler called without the adapter a plain Response', async () => {
    const echo = await serveVia(async (request) => new Response(`${request.method} ${await request.text()}`, { headers: { 'x-length': String(request.headers.get('content-length')) } }));
    const r = await fetch(`${echo}/anything`, { method: 'POST', body: 'hello ✓' });
    expect(await r.text()).toBe('POST hello ✓');
    const handler = aloHandler();
    const direct = await handler(new Request('http://x/direct_message_channels/c/users', { headers: { authorization: 'Bearer t' } }));
    expect(direct.status).toBe(200);
    expect(await direct.json()).toMatchObject({ channel: { id: 'c', name: 'Buddies' }, response_count: 3 });
    const problem = await handler(new Request('http://x/nowhere'));
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(await problem.json()).toEqual({ type: 'about:blank', title: 'Not found', status: 404 });
  });

  it('HEAD is GET without content, through the adapter and called directly; Allow lists it beside GET', async () => {
    const handler = aloHandler();
    const auth = { authorization: 'Bearer t' };
    for (const url of [await serveVia(handler), await serveVia((request) => handler(request))]) {
      const head = await fetch(`${url}/direct_message_channels/c/users`, { method: 'HEAD', headers: auth });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('application/json');
      expect(await head.text()).toBe('');
      const missing = await fetch(`${url}/nowhere`, { method: 'HEAD' });
      expect([missing.status, await missing.text()]).toEqual([404, '']);
      const other = await fetch(`${url}/direct_message_channels/c/users`, { method: 'DELETE', headers: auth });
      expect([other.status, other.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT']);
    }
    const direct = await handler(new Request('http://x/direct_message_channels/c/users', { method: 'HEAD', headers: auth }));
    expect([direct.status, direct.body, direct.headers.get('content-type')]).toEqual([200, null, 'application/json']);
    // Without credentials, HEAD is refused as GET would be.
    expect((await handler(new Request('http://x/direct_message_channels/c/users', { method: 'HEAD' }))).status).toBe(401);
  });

  it("a JSON body on a status that has none is the server's error on every path (500, onError)", async () => {
    const doc = {
      openapi: '3.1.0',
      info: { title: 'odd', version: '1' },
      paths: { '/x': { get: { operationId: 'odd', responses: { '204': { description: 'none', content: { 'application/json': { schema: { type: 'object' } } } } } } } },
    };
    const odd = await stackOf(doc);
    const errors: unknown[] = [];
    const handler = odd.server.createHandler({ odd: () => ({ status: 204, body: { a: 1 } }) }, { onError: (e: unknown) => errors.push(e) });
    for (const url of [await serveVia(handler, odd.node), await serveVia((request) => handler(request), odd.node)]) expect((await fetch(`${url}/x`)).status).toBe(500);
    expect((await handler(new Request('http://x/x'))).status).toBe(500);
    expect(errors).toHaveLength(3);
  });
});
