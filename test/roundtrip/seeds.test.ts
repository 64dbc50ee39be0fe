import { describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';
import { aloService, envelope, SID, twilioService, whopService } from '../helpers/seed-handlers.js';

/** Starts the generated server's node adapter on 127.0.0.1 and returns its URL (closed after each test). */
const start = generatedServers();

describe('round trip: the generated client against the generated server over HTTP', () => {
  it('Whop: happy paths, typed 404 and 422 envelopes, bearer accepted and rejected', async () => {
    const { client, server, node } = await stackOf('specs/whop-dm-members.yaml');
    const whop = whopService();
    const seen = whop.seen;
    const handler = server.createHandler(whop.handlers, whop.options);
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
    const alo = aloService();
    const handler = server.createHandler(alo.handlers, alo.options);
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
    const twilio = twilioService('token');
    const handler = server.createHandler(twilio.handlers, twilio.options);
    const url = await start(node, handler);
    const api = client.createClient({ baseUrl: url, auth: { basicAuth: { username: SID('AC'), password: 'token' } } });
    const out = await api.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' } });
    expect(out).toMatchObject({ notification_level: 'muted', last_consumed_message_index: 10 });
    expect(twilio.received).toEqual([{
      params: { ServiceSid: SID('IS'), UserSid: 'alice', ChannelSid: SID('CH') },
      body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' },
      auth: { basicAuth: { account: SID('AC') } },
    }]);
    const wrong = client.createClient({ baseUrl: url, auth: { basicAuth: { username: SID('AC'), password: 'nope' } } });
    const e = await wrong.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: {} }).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 401, body: { title: 'Invalid credentials' } });
    expect(e.headers.get('www-authenticate')).toBe('Basic realm="api"');
  });
});
