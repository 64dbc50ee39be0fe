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
  expect(invalid.status).toBe(400);
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
