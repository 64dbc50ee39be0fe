import { afterEach, describe, expect, it } from 'vitest';
import { clientOf, clientWithValidatorsOf } from '../helpers/generated.js';
import { json, serve } from '../helpers/server.js';

const member = { id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'accepted', last_viewed_at: null, notification_preference: 'all' };
const SID = (p: string) => p + 'a'.repeat(32);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('client on the wire (a real HTTP server on 127.0.0.1)', () => {
  it('Whop: bearer auth, JSON body, path encoding, typed response', async () => {
    const s = await serve((req, res) => json(res, 200, member));
    close = s.close;
    const { createClient } = await clientOf('specs/whop-dm-members.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 'tok_123' } });

    const created = await client.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'user_1' } });
    expect(created).toEqual(member);
    const [post] = s.requests;
    expect(post).toMatchObject({ method: 'POST', url: '/dm_members', body: '{"channel_id":"ch_1","user_id":"user_1"}' });
    expect(post!.headers).toMatchObject({ authorization: 'Bearer tok_123', 'content-type': 'application/json', accept: 'application/json' });

    await client.dmMembers.update('a/b c?d', { body: { status: 'closed', notification_preference: null } });
    expect(s.requests[1]).toMatchObject({ method: 'PATCH', url: '/dm_members/a%2Fb%20c%3Fd', body: '{"status":"closed","notification_preference":null}' });
  });

  it('Whop: error statuses decode into the typed ApiError', async () => {
    const envelope = { error: { type: 'not_found', message: 'Resource not found', code: null, param: null } };
    const s = await serve((req, res) => json(res, req.url!.includes('missing') ? 404 : 422, envelope));
    close = s.close;
    const { createClient, ApiError } = await clientOf('specs/whop-dm-members.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' } });
    const e404 = await client.dmMembers.update('missing', { body: {} }).catch((e: unknown) => e);
    expect(e404).toBeInstanceOf(ApiError);
    expect(e404).toMatchObject({ status: 404, body: envelope, operation: 'PATCH /dm_members/{id}' });
    expect(e404.headers.get('content-type')).toBe('application/json');
    expect(e404.response.status).toBe(404);
    const e422 = await client.dmMembers.update('x', { body: {} }).catch((e: unknown) => e);
    expect(e422).toMatchObject({ status: 422, body: envelope });
  });

  it("Whop: each operation's guard says yes to its declared statuses only, and to no other operation's errors", async () => {
    const envelope = { error: { type: 'x', message: 'm', code: null, param: null } };
    const s = await serve((req, res) => json(res, req.url!.includes('teapot') ? 418 : 404, envelope));
    close = s.close;
    const { createClient, ApiError, isUpdateDmMemberError, isCreateDmMemberError } = await clientOf('specs/whop-dm-members.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' } });
    const e404 = await client.dmMembers.update('missing', { body: {} }).catch((e: unknown) => e);
    expect(isUpdateDmMemberError(e404)).toBe(true);
    expect(isCreateDmMemberError(e404)).toBe(false); // another operation's 404
    const e418 = await client.dmMembers.update('teapot', { body: {} }).catch((e: unknown) => e);
    expect(e418).toBeInstanceOf(ApiError);
    expect(isUpdateDmMemberError(e418)).toBe(false); // not a status the spec declares: its body is unknown
    for (const x of [undefined, null, new Error('x'), { status: 404, operation: 'PATCH /dm_members/{id}' }]) expect(isUpdateDmMemberError(x)).toBe(false);
  });

  it('Twilio: basic auth, form body byte for byte, SID path', async () => {
    const body = { account_sid: SID('AC'), service_sid: SID('IS'), channel_sid: SID('CH'), user_sid: SID('US'), member_sid: SID('MB'), status: 'joined', notification_level: 'muted', unread_messages_count: 5, last_consumed_message_index: 10, links: {}, url: 'https://chat.twilio.com/v2/x' };
    const s = await serve((req, res) => json(res, 200, body));
    close = s.close;
    const { createClient } = await clientOf('specs/twilio-chat-user-channels.yaml');
    const client = createClient({ baseUrl: s.url, auth: { basicAuth: { username: SID('AC'), password: 'sécret' } } });
    const out = await client.chatV2UserChannel.update(SID('IS'), 'user identity', SID('CH'), { body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10 } });
    expect(out).toEqual(body);
    const [req] = s.requests;
    expect(req).toMatchObject({
      method: 'POST',
      url: `/v2/Services/${SID('IS')}/Users/user%20identity/Channels/${SID('CH')}`,
      body: 'NotificationLevel=muted&LastConsumedMessageIndex=10',
    });
    expect(req!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req!.headers.authorization).toBe('Basic ' + Buffer.from(`${SID('AC')}:sécret`).toString('base64'));
  });

  it('Alo: pagination iterates 121 users over 2 pages; query serialization', async () => {
    const users = Array.from({ length: 121 }, (_, i) => ({ id: `u${i}` }));
    const s = await serve((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const page = Number(url.searchParams.get('page') ?? 1);
      const per = Number(url.searchParams.get('per_page') ?? 100);
      const slice = users.slice((page - 1) * per, page * per);
      json(res, 200, { page, per_page: per, total_pages: Math.ceil(users.length / per), response_count: slice.length, total_count: users.length, channel: { id: 'chan', name: 'Buddies' }, users: slice });
    });
    close = s.close;
    const { createClient } = await clientOf('specs/alo-dm-channel-users.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' } });
    const seen: string[] = [];
    for await (const user of client.directMessageChannelUsers.listAll('chan')) seen.push(user.id);
    expect(seen).toHaveLength(121);
    expect(seen[120]).toBe('u120');
    expect(s.requests.map((r) => r.url)).toEqual(['/direct_message_channels/chan/users', '/direct_message_channels/chan/users?page=2']);

    const one = await client.directMessageChannelUsers.list('chan', { query: { page: 2, per_page: 100 } });
    expect(one.users).toHaveLength(21);
    expect(s.requests[2]!.url).toBe('/direct_message_channels/chan/users?page=2&per_page=100');
  });

  it('retries a 429 after its Retry-After; a timeout aborts; a POST is not retried by default', async () => {
    let calls = 0;
    const s = await serve(async (req, res) => {
      calls++;
      if (req.url!.startsWith('/slow')) return;
      if (req.method === 'GET' && calls === 1) return json(res, 429, { status: 429, message: { error: 'slow down' } }, { 'retry-after': '1' });
      if (req.method === 'PUT') return json(res, 503, { status: 503, message: { error: 'busy' } });
      json(res, 200, { page: 1, per_page: 100, total_pages: 1, response_count: 0, total_count: 0, channel: { id: 'c', name: 'n' }, users: [] });
    });
    close = s.close;
    const { createClient, ApiError, TimeoutError, NetworkError } = await clientOf('specs/alo-dm-channel-users.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' } });

    const t0 = Date.now();
    await client.directMessageChannelUsers.list('c');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(calls).toBe(2);

    calls = 0;
    const put = await client.directMessageChannelUsers.add('c', { body: { id: 'u' } }).catch((e: unknown) => e);
    expect(put).toBeInstanceOf(ApiError);
    expect(put.status).toBe(503);
    expect(calls).toBe(3); // PUT is idempotent: retried twice

    const slow = createClient({ baseUrl: `${s.url}/slow`, auth: { bearerAuth: 't' }, timeoutMs: 100, retry: { maxRetries: 0 } });
    const t1 = Date.now();
    await expect(slow.directMessageChannelUsers.list('c')).rejects.toBeInstanceOf(TimeoutError);
    expect(Date.now() - t1).toBeLessThan(2000);

    const abort = new AbortController();
    const pending = slow.directMessageChannelUsers.list('c', undefined, { signal: abort.signal, timeoutMs: 5000 });
    abort.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');

    const closed = createClient({ baseUrl: 'http://127.0.0.1:9', retry: { maxRetries: 0 } });
    await expect(closed.directMessageChannelUsers.list('c')).rejects.toBeInstanceOf(NetworkError);
  });

  it('a non-idempotent POST is not retried unless asked', async () => {
    let calls = 0;
    const s = await serve((_req, res) => {
      calls++;
      json(res, 503, { error: { type: 'busy', message: 'busy' } });
    });
    close = s.close;
    const { createClient } = await clientOf('specs/whop-dm-members.yaml');
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' }, retry: { baseDelayMs: 1 } });
    await expect(client.dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } })).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(1);
    await expect(client.dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }, { retry: { retryNonIdempotent: true, maxRetries: 2 } })).rejects.toMatchObject({ status: 503 });
    expect(calls).toBe(4);
  });

  it('credentials: passed to fetch when given, left to fetch otherwise', async () => {
    const { createClient } = await clientOf('specs/whop-dm-members.yaml');
    const seen: (RequestInit | undefined)[] = [];
    const fetch = async (_url: unknown, init?: RequestInit) => {
      seen.push(init);
      return new Response(JSON.stringify(member), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    await createClient({ baseUrl: 'http://x.test', fetch, credentials: 'omit' }).dmMembers.update('dmm_1', { body: {} });
    await createClient({ baseUrl: 'http://x.test', fetch }).dmMembers.update('dmm_1', { body: {} });
    expect(seen[0]!.credentials).toBe('omit');
    expect(seen[1]!).not.toHaveProperty('credentials');
  });

  it('validateResponses: a body that breaks the spec throws ResponseValidationError with the issues', async () => {
    const s = await serve((_req, res) => json(res, 200, { ...member, status: 'bogus' }));
    close = s.close;
    const { client: generatedClient, validators } = await clientWithValidatorsOf('specs/whop-dm-members.yaml');
    const { createClient, createCore, updateDmMember, ResponseValidationError } = generatedClient;
    const client = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' }, validateResponses: validators });
    const e = await client.dmMembers.update('x', { body: {} }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.issues).toEqual([expect.objectContaining({ path: '/status', keyword: 'enum' })]);
    const lax = createClient({ baseUrl: s.url, auth: { bearerAuth: 't' } });
    expect((await lax.dmMembers.update('x', { body: {} })).status).toBe('bogus');

    // The lean entry: the operation function with a core that holds only this operation's validators.
    const checked = createCore({ baseUrl: s.url, auth: { bearerAuth: 't' }, validateResponses: { updateDmMember: validators.updateDmMember } });
    const lean = await updateDmMember(checked, 'x', { body: {} }).catch((x: unknown) => x);
    expect(lean).toBeInstanceOf(ResponseValidationError);
    expect(lean.issues).toEqual([expect.objectContaining({ path: '/status', keyword: 'enum', schemaPointer: expect.stringContaining('/enum') })]);
    // A core holding other operations' validators does not check this one; `true` is refused, naming the fix.
    const other = createCore({ baseUrl: s.url, auth: { bearerAuth: 't' }, validateResponses: { createDmMember: validators.createDmMember } });
    expect((await updateDmMember(other, 'x', { body: {} })).status).toBe('bogus');
    expect(() => createCore({ validateResponses: true })).toThrow(/validateResponses takes validators/);
  });
});
