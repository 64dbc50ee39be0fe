import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

/** Starts the generated server's node adapter on 127.0.0.1 and returns its URL. */
async function start(node: Record<string, any>, handler: unknown): Promise<string> {
  const server: Server = await node.serve(handler, { port: 0, host: '127.0.0.1' });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const envelope = (type: string, message: string) => ({ error: { type, message, code: null, param: null } });

describe('round trip: the generated client against the generated server over HTTP', () => {
  it('Whop: happy paths, typed 404 and 422 envelopes, bearer accepted and rejected', async () => {
    const { client, server, node } = await stackOf('specs/whop-dm-members.yaml');
    const members = new Map<string, Record<string, unknown>>();
    const seen: unknown[] = [];
    const handler = server.createHandler(
      {
        createDmMember: ({ body, auth }: any) => {
          seen.push(auth);
          const m = { id: `dmm_${members.size + 1}`, user_id: body.user_id, channel_id: body.channel_id, status: 'requested', last_viewed_at: null, notification_preference: 'all' };
          members.set(m.id, m);
          return { status: 200, body: m };
        },
        updateDmMember: ({ params, body }: any) => {
          const m = members.get(params.id);
          if (!m) return { status: 404, body: envelope('not_found', 'Resource not found') };
          if (body.status === 'archived') return { status: 422, body: envelope('invalid_request_error', 'Cannot archive yet') };
          for (const k of ['status', 'notification_preference']) if (body[k] != null) m[k] = body[k];
          return { status: 200, body: m };
        },
      },
      { authenticate: ({ credentials, scopes }: any) => (credentials === 'good' ? { user: 'u1', scopes } : undefined) },
    );
    const url = await start(node, handler);
    const api = client.createClient({ baseUrl: url, auth: { bearerAuth: 'good' } });

    const created = await api.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'user_1' } });
    expect(created).toMatchObject({ id: 'dmm_1', status: 'requested' });
    expect(seen[0]).toEqual({ bearerAuth: { user: 'u1', scopes: ['dms:channel:manage'] } });
    expect(await api.dmMembers.update('dmm_1', { body: { status: 'accepted', notification_preference: 'mentions' } })).toMatchObject({ status: 'accepted', notification_preference: 'mentions' });

    const notFound = await api.dmMembers.update('nope', { body: {} }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(client.ApiError);
    expect(notFound).toMatchObject({ status: 404, body: envelope('not_found', 'Resource not found') });
    const unprocessable = await api.dmMembers.update('dmm_1', { body: { status: 'archived' } }).catch((e: unknown) => e);
    expect(unprocessable).toMatchObject({ status: 422, body: { error: { message: 'Cannot archive yet' } } });

    const bad = client.createClient({ baseUrl: url, auth: { bearerAuth: 'wrong' } });
    const rejected = await bad.dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).catch((e: unknown) => e);
    expect(rejected).toMatchObject({ status: 401 });
    expect(rejected.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    const anonymous = await client.createClient({ baseUrl: url }).dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).catch((e: unknown) => e);
    expect(anonymous).toMatchObject({ status: 401, body: { title: 'Authentication required' } });
  });

  it('Alo: pagination across pages through the iterator; the 2-user rule as a typed 422', async () => {
    const { client, server, node } = await stackOf('specs/alo-dm-channel-users.yaml');
    const users = Array.from({ length: 121 }, (_, i) => ({ id: `user-${i}`, username: `u${i}`, first_name: null, last_name: null }));
    const small = [{ id: 'a' }, { id: 'b' }];
    const handler = server.createHandler({
      listDirectMessageChannelUsers: ({ params, query }: any) => {
        const list = params.channel_id === 'small' ? small : users;
        const page = query.page ?? 1;
        const per = query.per_page ?? 100;
        const slice = list.slice((page - 1) * per, page * per);
        return { status: 200, body: { page, per_page: per, total_pages: Math.ceil(list.length / per), response_count: slice.length, total_count: list.length, channel: { id: params.channel_id, name: 'Buddies' }, users: slice } };
      },
      addDirectMessageChannelUser: ({ body }: any) => ({ status: 200, body: { id: body.id } }),
      removeDirectMessageChannelUser: ({ params }: any) =>
        params.channel_id === 'small'
          ? { status: 422, body: { status: 422, message: { error: 'Direct Message Channel must contain at least 2 users.  Use DELETE if this channel is no longer needed.' } } }
          : { status: 200, body: { id: params.user_id } },
    });
    const url = await start(node, handler);
    const api = client.createClient({ baseUrl: url, auth: { bearerAuth: 't' } });
    const ids: string[] = [];
    for await (const u of api.directMessageChannelUsers.listAll('chan')) ids.push(u.id);
    expect(ids).toHaveLength(121);
    expect(ids[100]).toBe('user-100');
    expect((await api.directMessageChannelUsers.list('chan', { query: { page: 2 } })).users).toHaveLength(21);
    expect(await api.directMessageChannelUsers.add('chan', { body: { id: 'new' } })).toEqual({ id: 'new' });
    expect(await api.directMessageChannelUsers.remove('chan', 'user-3')).toEqual({ id: 'user-3' });
    const e = await api.directMessageChannelUsers.remove('small', 'a').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(client.ApiError);
    expect(e.status).toBe(422);
    expect(e.body.message.error).toMatch(/at least 2 users/);
  });

  it('Twilio: the form body arrives decoded and typed; basic auth accepted and rejected', async () => {
    const { client, server, node } = await stackOf('specs/twilio-chat-user-channels.yaml');
    const SID = (p: string) => p + 'a'.repeat(32);
    let received: unknown;
    const handler = server.createHandler(
      {
        updateUserChannel: ({ params, body, auth }: any) => {
          received = { params, body, auth };
          return {
            status: 200,
            body: { account_sid: SID('AC'), service_sid: params.ServiceSid, channel_sid: params.ChannelSid, user_sid: SID('US'), member_sid: SID('MB'), status: 'joined', notification_level: body.NotificationLevel, last_consumed_message_index: body.LastConsumedMessageIndex ?? null, unread_messages_count: 0, links: {}, url: null },
          };
        },
      },
      { authenticate: ({ credentials }: any) => credentials.password === 'token' && { account: credentials.username } },
    );
    const url = await start(node, handler);
    const api = client.createClient({ baseUrl: url, auth: { basicAuth: { username: SID('AC'), password: 'token' } } });
    const out = await api.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' } });
    expect(out).toMatchObject({ notification_level: 'muted', last_consumed_message_index: 10 });
    expect(received).toEqual({
      params: { ServiceSid: SID('IS'), UserSid: 'alice', ChannelSid: SID('CH') },
      body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' },
      auth: { basicAuth: { account: SID('AC') } },
    });
    const wrong = client.createClient({ baseUrl: url, auth: { basicAuth: { username: SID('AC'), password: 'nope' } } });
    const e = await wrong.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: {} }).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 401, body: { title: 'Invalid credentials' } });
    expect(e.headers.get('www-authenticate')).toBe('Basic realm="api"');
  });
});
