import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inPage, launchChromium, openPage, serveApp, type App } from '../helpers/browser.js';
import { generated, transpiled, type Representation } from '../helpers/generated.js';
import { ALO_TWO_USERS, aloService, envelope, SID, twilioService, whopService } from '../helpers/seed-handlers.js';

// The generated modules, transpiled to JavaScript as they are, run in headless Chromium: the client calls the
// generated server (in Node) over real HTTP from the page, the validators run in the page, and the server's
// fetch handler runs in the page too (no Node API in any of them).

let browser: Browser;
let apps: App[] = [];
// Up to 10 minutes: with no Chromium on the machine, this first installs one (apt-get).
beforeAll(async () => {
  browser = await launchChromium();
}, 600_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const a of apps) await a.close();
  apps = [];
});

/** Generates every target of a spec, transpiles it, and serves it beside the generated server with `handlers`. */
async function appFor(spec: string, handlers: Record<string, unknown>, options: Record<string, unknown> = {}, representation: Representation = {}): Promise<App> {
  const dir = await transpiled(await generated(spec, ['types', 'validators', 'client', 'server'], representation));
  const server = await import(join(dir, 'server.js'));
  const node = await import(join(dir, 'server-node.js'));
  const app = await serveApp(dir, node.createNodeListener(server.createHandler(handlers, options)));
  apps.push(app);
  return app;
}

describe('generated code in a browser (headless Chromium)', () => {
  it('Whop: the client over HTTP to the generated server (bearer, JSON, typed errors), validators with JSON pointers, globals untouched', async () => {
    const whop = whopService();
    const app = await appFor('specs/whop-dm-members.yaml', whop.handlers, whop.options);
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const before = Object.getOwnPropertyNames(globalThis).sort().join();
      const { createClient, ApiError } = await import('/_app/client.js');
      const v = await import('/_app/validators.js');
      await import('/_app/types.js');
      const after = Object.getOwnPropertyNames(globalThis).sort().join();
      const api = createClient({ baseUrl: location.origin, auth: { bearerAuth: 'good' }, validateResponses: v });
      const created = await api.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'user_1' } });
      const updated = await api.dmMembers.update(created.id, { body: { status: 'accepted' } });
      const caught = (e) => ({ isApiError: e instanceof ApiError, status: e.status, body: e.body, www: e.headers?.get('www-authenticate') ?? null });
      const notFound = await api.dmMembers.update('nope', { body: {} }).then(() => 'resolved', caught);
      const rejected = await createClient({ baseUrl: location.origin, auth: { bearerAuth: 'bad' } })
        .dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).then(() => 'resolved', caught);
      return {
        globalsUnchanged: before === after,
        created, updated, notFound, rejected,
        valid: v.DmMember.validate(created),
        isValid: v.DmMember.is(created),
        invalid: v.DmMember.validate({ ...created, id: 5, status: 'nope' }),
        isInvalid: v.DmMember.is({ ...created, id: 5 }),
      };
      `,
    );
    expect(errors).toEqual([]);
    expect(out.globalsUnchanged).toBe(true);
    expect(out.created).toEqual({ id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'requested', last_viewed_at: null, notification_preference: 'all' });
    expect(out.updated).toMatchObject({ id: 'dmm_1', status: 'accepted' });
    expect(out.notFound).toEqual({ isApiError: true, status: 404, body: envelope('not_found', 'Resource not found'), www: null });
    expect(out.rejected).toMatchObject({ isApiError: true, status: 401, www: 'Bearer realm="api"' });
    expect(out.valid).toEqual({ ok: true, value: out.created });
    expect(out.isValid).toBe(true);
    expect(out.isInvalid).toBe(false);
    expect(out.invalid.ok).toBe(false);
    expect(out.invalid.issues.map((i: any) => i.path).sort()).toEqual(['/id', '/status']);
    for (const i of out.invalid.issues) expect(i.schemaPointer).toMatch(/^\/components\/schemas\//);
  });

  it('dates: "Date" and int64: "bigint": the page sends and gets Dates and bigints, exactly; its validators check them', async () => {
    const handlers = {
      createEvent: ({ body }: any) => ({ status: 201, body: { ...body, id: body.id + 1n, day: new Date(body.at.getTime() + 86_400_000) } }),
    };
    const app = await appFor('specs/features/dates.yaml', handlers, { errorBody: () => ({ at: new Date(0) }) }, { dates: 'Date', int64: 'bigint' });
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createCore, createEvent } = await import('/_app/client.js');
      const v = await import('/_app/validators.js');
      const made = await createEvent(createCore({ baseUrl: location.origin, validateResponses: v }), { body: { id: 9007199254740993n, at: new Date('2024-02-29T12:00:00Z'), tags: [new Date('2024-01-01')] } });
      return {
        id: typeof made.id + ' ' + String(made.id),
        at: made.at instanceof Date ? made.at.toISOString() : String(made.at),
        day: made.day instanceof Date ? made.day.toISOString() : String(made.day),
        tags: made.tags.map((d) => d instanceof Date ? d.toISOString() : String(d)),
        refused: v.EventModel.validate({ id: 1, at: '2024-02-29T12:00:00Z' }).issues.map((i) => i.path).sort(),
      };
      `,
    );
    expect(errors).toEqual([]);
    expect(out).toEqual({
      id: 'bigint 9007199254740994',
      at: '2024-02-29T12:00:00.000Z',
      // A date goes as its day: read back as UTC midnight.
      day: '2024-03-01T00:00:00.000Z',
      tags: ['2024-01-01T00:00:00.000Z'],
      refused: ['/at', '/id'],
    });
  });

  it('Alo: the pagination iterator, PUT and DELETE from the page, and a typed 422', async () => {
    const alo = aloService();
    const app = await appFor('specs/alo-dm-channel-users.yaml', alo.handlers, alo.options);
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createClient, ApiError } = await import('/_app/client.js');
      const api = createClient({ baseUrl: location.origin, auth: { bearerAuth: 't' } });
      const ids = [];
      for await (const u of api.directMessageChannelUsers.listAll('chan')) ids.push(u.id);
      const added = await api.directMessageChannelUsers.add('chan', { body: { id: 'new' } });
      const removed = await api.directMessageChannelUsers.remove('chan', 'user-3');
      const refused = await api.directMessageChannelUsers.remove('small', 'a').then(() => 'resolved', (e) => ({ isApiError: e instanceof ApiError, status: e.status, body: e.body }));
      return { count: ids.length, last: ids[120], added, removed, refused };
      `,
    );
    expect(errors).toEqual([]);
    expect(out).toEqual({
      count: 121,
      last: 'user-120',
      added: { id: 'new' },
      removed: { id: 'user-3' },
      refused: { isApiError: true, status: 422, body: ALO_TWO_USERS },
    });
  });

  it('Twilio: a form-urlencoded body and HTTP basic auth (UTF-8 password) from the page; a refused password is a 401 with credentials omitted', async () => {
    const twilio = twilioService('tökén');
    const app = await appFor('specs/twilio-chat-user-channels.yaml', twilio.handlers, twilio.options);
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createClient } = await import('/_app/client.js');
      const SID = (p) => p + 'a'.repeat(32);
      const api = createClient({ baseUrl: location.origin, auth: { basicAuth: { username: SID('AC'), password: 'tökén' } } });
      const ok = await api.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), {
        body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' },
      });
      // A 401 with a Basic challenge to a request with credentials opens the browser's own login dialog, and
      // the call would wait for it: credentials "omit" lets the client see the 401.
      const wrong = createClient({ baseUrl: location.origin, credentials: 'omit', auth: { basicAuth: { username: SID('AC'), password: 'nope' } } });
      const refused = await wrong.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: {} })
        .then(() => 'resolved', (e) => ({ status: e.status, www: e.headers.get('www-authenticate') }));
      return { ok, refused };
      `,
    );
    expect(errors).toEqual([]);
    expect(out.ok).toMatchObject({ notification_level: 'muted', last_consumed_message_index: 10 });
    expect(twilio.received).toEqual([{
      params: { ServiceSid: SID('IS'), UserSid: 'alice', ChannelSid: SID('CH') },
      body: { NotificationLevel: 'muted', LastConsumedMessageIndex: 10, LastConsumptionTimestamp: '2026-11-24T10:00:00Z' },
      auth: { basicAuth: { account: SID('AC') } },
    }]);
    expect(out.refused).toEqual({ status: 401, www: 'Basic realm="api"' });
  });

  it('Twilio: a server without the Basic challenge lets a same-origin client that sends credentials see its 401', async () => {
    const twilio = twilioService('tökén');
    const app = await appFor('specs/twilio-chat-user-channels.yaml', twilio.handlers, { ...twilio.options, challenge: () => undefined });
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createClient } = await import('/_app/client.js');
      const SID = (p) => p + 'a'.repeat(32);
      // The fetch default, credentials "same-origin": with a Basic challenge this call would wait on the login dialog.
      const wrong = createClient({ baseUrl: location.origin, auth: { basicAuth: { username: SID('AC'), password: 'nope' } } });
      const call = wrong.chatV2UserChannel.update(SID('IS'), 'alice', SID('CH'), { body: {} })
        .then(() => 'resolved', (e) => ({ status: e.status, www: e.headers.get('www-authenticate') }));
      return await Promise.race([call, new Promise((r) => setTimeout(() => r('still waiting after 10 s'), 10000))]);
      `,
    );
    expect(errors).toEqual([]);
    expect(out).toEqual({ status: 401, www: null });
  });

  it('Whop from another origin: with cors the page calls the generated server (preflight, bearer, errors readable); an origin not allowed is refused', async () => {
    const whop = whopService();
    const dir = await transpiled(await generated('specs/whop-dm-members.yaml', ['types', 'validators', 'client', 'server']));
    const server = await import(join(dir, 'server.js'));
    const node = await import(join(dir, 'server-node.js'));
    // The page's origin serves only the modules; the API is on other ports (other origins).
    const page0 = await serveApp(dir, (_req, res) => res.writeHead(404).end());
    const api = await serveApp(dir, node.createNodeListener(server.createHandler(whop.handlers, { ...whop.options, cors: { origins: [page0.url], exposeHeaders: ['X-Request-Id'] } })));
    const closed = await serveApp(dir, node.createNodeListener(server.createHandler(whop.handlers, { ...whop.options, cors: { origins: ['http://elsewhere.example'] } })));
    apps.push(page0, api, closed);
    const { page, errors } = await openPage(browser, page0);
    const out = await inPage<any>(
      page,
      `
      const { createClient, ApiError, NetworkError } = await import('/_app/client.js');
      const api = createClient({ baseUrl: ${JSON.stringify(api.url)}, auth: { bearerAuth: 'good' } });
      const created = await api.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'user_1' } });
      const missing = await api.dmMembers.update('nope', { body: {} }).then(() => 'resolved', (e) => ({ isApiError: e instanceof ApiError, status: e.status, type: e.body?.error?.type }));
      const refused = await createClient({ baseUrl: ${JSON.stringify(closed.url)}, auth: { bearerAuth: 'good' } })
        .dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).then(() => 'resolved', (e) => ({ network: e instanceof NetworkError }));
      return { created: created.user_id, missing, refused };
      `,
    );
    expect(out).toEqual({ created: 'user_1', missing: { isApiError: true, status: 404, type: 'not_found' }, refused: { network: true } });
    // The browser reports the refused origin's call as blocked by CORS, and nothing else.
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => /CORS/.test(e))).toBe(true);
  });

  it("binary and multipart bodies, text, query styles; a cookie API key comes from the browser's cookie jar", async () => {
    const seen: Record<string, unknown> = {};
    const bytes = async (b: Blob) => [...new Uint8Array(await b.arrayBuffer())];
    const app = await appFor(
      'specs/features/client-wire.yaml',
      {
        uploadFile: async ({ body }: any) => {
          seen.upload = { isBlob: body.file instanceof Blob, text: await body.file.text(), tags: body.tags };
          return { status: 201, body: { id: 'f1' } };
        },
        putContent: async ({ body, auth }: any) => {
          seen.put = { bytes: await bytes(body), auth };
          return { status: 204 };
        },
        getContent: () => ({ status: 200, body: new Blob([new Uint8Array([0, 1, 2, 255])]) }),
        addNote: ({ body }: any) => ({ status: 200, body: `echo: ${body}` }),
        listFiles: ({ query, auth }: any) => {
          seen.list = { query, auth };
          return { status: 200, body: { data: [], has_more: false } };
        },
      },
      { authenticate: ({ credentials }: any) => (['hk', 'qk', 'jar'].includes(credentials) ? { key: credentials } : undefined) },
    );
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createClient } = await import('/_app/client.js');
      document.cookie = 'session=jar; path=/';
      // The cookie credential given here never leaves the page: a browser drops a Cookie header set by code.
      const api = createClient({ baseUrl: location.origin, auth: { apiKeyHeader: 'hk', apiKeyQuery: 'qk', apiKeyCookie: 'given' } });
      const uploaded = await api.files.upload({ body: { file: new File(['hello'], 'h.txt', { type: 'text/plain' }), tags: ['a', 'b'] } });
      const put = await api.files.putContent('f1', { body: new Blob([new Uint8Array([9, 8])]) });
      const blob = await api.files.getContent('f1');
      const note = await api.notes.add({ body: 'hi there' });
      const listed = await api.files.list({ query: { ids: [1, 2], kinds: ['a', 'b c'], filter: { owner: 'ada', big: true } } });
      return { uploaded, put: put === undefined, isBlob: blob instanceof Blob, bytes: [...new Uint8Array(await blob.arrayBuffer())], note, listed };
      `,
    );
    expect(errors).toEqual([]);
    expect(out).toEqual({ uploaded: { id: 'f1' }, put: true, isBlob: true, bytes: [0, 1, 2, 255], note: 'echo: hi there', listed: { data: [], has_more: false } });
    expect(seen.upload).toEqual({ isBlob: true, text: 'hello', tags: ['a', 'b'] });
    expect(seen.put).toEqual({ bytes: [9, 8], auth: { apiKeyCookie: { key: 'jar' } } });
    expect(seen.list).toEqual({ query: { ids: [1, 2], kinds: ['a', 'b c'], filter: { owner: 'ada', big: true } }, auth: { apiKeyQuery: { key: 'qk' } } });
  });

  it("the generated server's fetch handler runs in the page, and the page's client reaches it through its fetch option", async () => {
    const app = await appFor('specs/whop-dm-members.yaml', {});
    const { page, errors } = await openPage(browser, app);
    const out = await inPage<any>(
      page,
      `
      const { createClient, ApiError } = await import('/_app/client.js');
      const { createHandler } = await import('/_app/server.js');
      const handler = createHandler(
        {
          createDmMember: ({ body, auth }) => ({
            status: 200,
            body: { id: 'dmm_local', user_id: body.user_id, channel_id: body.channel_id, status: 'requested', last_viewed_at: null, notification_preference: 'all' },
          }),
        },
        { authenticate: ({ credentials }) => (credentials === 'good' ? { user: 'u1' } : undefined) },
      );
      let seen = 0;
      const local = (input, init) => { seen++; return handler(new Request(input, init)); };
      const api = createClient({ baseUrl: 'https://api.example.test', fetch: local, auth: { bearerAuth: 'good' } });
      const created = await api.dmMembers.create({ body: { channel_id: 'ch_9', user_id: 'user_9' } });
      const invalid = await api.dmMembers.create({ body: { channel_id: 5 } })
        .then(() => 'resolved', (e) => ({ isApiError: e instanceof ApiError, status: e.status, body: e.body }));
      const missing = await api.dmMembers.update('dmm_1', { body: {} }).then(() => 'resolved', (e) => ({ status: e.status }));
      return { created, invalid, missing, seen };
      `,
    );
    expect(errors).toEqual([]);
    expect(out.created).toMatchObject({ id: 'dmm_local', user_id: 'user_9', channel_id: 'ch_9' });
    expect(out.invalid.isApiError).toBe(true);
    expect(out.invalid.status).toBe(400);
    // A missing property is the object's `required` issue; a wrong type is the property's own.
    expect(out.invalid.body.issues.map((i: any) => [i.path, i.keyword]).sort()).toEqual([
      ['/body', 'required'],
      ['/body/channel_id', 'type'],
    ]);
    expect(out.missing).toEqual({ status: 501 });
    expect(out.seen).toBe(3);
  });
});
