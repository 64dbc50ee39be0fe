import { beforeAll, describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';

// specs/features/client-features.yaml over real HTTP (127.0.0.1): the generated client against the generated
// server, for server-sent events (a reconnect with Last-Event-ID, a text stream, an abort), OAuth2 client
// credentials (a token endpoint beside the API, its requests counted), middleware and the result mode.

const start = generatedServers();

type Stack = Awaited<ReturnType<typeof stackOf>>;
let stack: Stack;
beforeAll(async () => {
  stack = await stackOf('specs/features/client-features.yaml');
}, 60_000);

const ITEMS: Record<string, { id: string; name: string }> = { a: { id: 'a', name: 'Apple' }, b: { id: 'b', name: 'Banana' } };

/** The API, with a token endpoint at /oauth/token beside it; every request is recorded. */
function service(options: { expiresIn?: number } = {}) {
  const seen = { tokens: [] as Array<{ authorization: string | null; body: string }>, lastEventIds: [] as Array<string | null>, chats: 0, items: [] as Array<string | null>, until: [] as string[] };
  const issued = new Set<string>();
  let n = 0;
  const handlers = {
    getItem: (ctx: any) => {
      seen.items.push(ctx.request.headers.get('x-trace'));
      if (ctx.params.id === 'bad') return { status: 422, body: { issues: ['id: refused'] } };
      if (ctx.params.id === 'boom') return stack.server.undeclared(500, { oops: true });
      const item = ITEMS[ctx.params.id];
      return item ? { status: 200, body: item } : { status: 404, body: { message: `no item ${ctx.params.id}` } };
    },
    // Ticks 1..total, three per connection; a reconnection resumes after its Last-Event-ID; past the end, 204.
    streamTicks: (ctx: any) => {
      const last = ctx.request.headers.get('last-event-id');
      seen.lastEventIds.push(last);
      const total = ctx.query.count ?? 5;
      const from = last === null ? 1 : Number(last) + 1;
      if (from > total) return { status: 204 };
      return {
        status: 200,
        body: (async function* () {
          for (let i = from; i < from + 3 && i <= total; i++) yield { id: String(i), data: { n: i, note: i === 1 ? 'first\nof all' : undefined }, ...(i === 1 ? { retry: 20 } : {}) };
        })(),
      };
    },
    chat: (ctx: any) => {
      seen.chats++;
      return {
        status: 200,
        body: (async function* () {
          for (const word of ctx.body.prompt.split(' ')) yield { event: 'word', data: word.toUpperCase() };
        })(),
      };
    },
    getReport: (ctx: any) => ({ status: 200, body: { day: ctx.query.day, since: ctx.query.since } }),
    createReport: (ctx: any) => ({ status: 200, body: ctx.body }),
    putDay: (ctx: any) => {
      seen.until.push(ctx.body.until);
      return { status: 200, body: { day: ctx.params.day, since: ctx.body.since } };
    },
  };
  const api = stack.server.createHandler(handlers, {
    validateResponses: true,
    authenticate: ({ credentials }: any) => (issued.has(credentials) ? { client: 'c1' } : undefined),
  });
  // The token endpoint (RFC 6749 §4.4), in front of the API's handler.
  const handler = async (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname !== '/oauth/token') return api(request);
    const body = await request.text();
    seen.tokens.push({ authorization: request.headers.get('authorization'), body });
    if (request.headers.get('authorization') !== `Basic ${btoa('client-1:s3cret')}`) return Response.json({ error: 'invalid_client' }, { status: 401 });
    const token = `t${++n}`;
    issued.add(token);
    return Response.json({ access_token: token, token_type: 'Bearer', ...(options.expiresIn !== undefined ? { expires_in: options.expiresIn } : {}) });
  };
  return { handler, seen, revoke: () => issued.clear() };
}

async function started(options: { expiresIn?: number } = {}) {
  const svc = service(options);
  const url = await start(stack.node, svc.handler);
  return { ...svc, url };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('server-sent events', () => {
  it('a GET stream: JSON data, ids, multi-line data; reconnects with Last-Event-ID until the server answers 204', async () => {
    const { client } = stack;
    const { url, seen } = await started();
    const core = client.createCore({ baseUrl: url });
    const stream = await client.streamTicks(core, { query: { count: 5 } });
    expect(stream.response.headers.get('content-type')).toBe('text/event-stream');
    const events = await collect(stream);
    expect(events.map((e: any) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]).toEqual({ event: 'message', data: { n: 1, note: 'first\nof all' }, id: '1', retry: 20 });
    expect(events.map((e: any) => e.id)).toEqual(['1', '2', '3', '4', '5']);
    // The first connection, a reconnection after the third tick, and one after the fifth that got 204.
    expect(seen.lastEventIds).toEqual([null, '3', '5']);
  });

  it('a POST stream of text: named events, no reconnection; the grouped client alike', async () => {
    const { client } = stack;
    const { url, seen } = await started();
    const api = client.createClient({ baseUrl: url });
    const events = await collect(await api.chat.chat({ body: { prompt: 'hello there world' } }));
    expect(events.map((e: any) => [e.event, e.data])).toEqual([
      ['word', 'HELLO'],
      ['word', 'THERE'],
      ['word', 'WORLD'],
    ]);
    expect(seen.chats).toBe(1);
  });

  it('aborting the signal ends the iteration with its reason; close() ends it quietly; break lets the connection go', async () => {
    const { client } = stack;
    const { url, seen } = await started();
    const core = client.createCore({ baseUrl: url });
    const controller = new AbortController();
    const got: number[] = [];
    const aborted = (async () => {
      for await (const e of await client.streamTicks(core, { query: { count: 100 } }, { signal: controller.signal })) {
        got.push(e.data.n);
        if (got.length === 4) controller.abort(new Error('enough'));
      }
    })();
    await expect(aborted).rejects.toThrow('enough');
    expect(got).toEqual([1, 2, 3, 4]);

    const stream = await client.streamTicks(core, { query: { count: 100 } });
    const closed: number[] = [];
    for await (const e of stream) {
      closed.push(e.data.n);
      if (closed.length === 2) stream.close();
    }
    expect(closed).toEqual([1, 2]);

    const before = seen.lastEventIds.length;
    for await (const e of await client.streamTicks(core, { query: { count: 100 } })) if (e.data.n === 1) break;
    expect(seen.lastEventIds.length).toBe(before + 1);
  });
});

describe('OAuth2 client credentials', () => {
  it('fetches one token from the scheme\'s tokenUrl (HTTP Basic, scopes), reuses it, and fetches another after a 401', async () => {
    const { client } = stack;
    const { url, seen, revoke } = await started();
    const core = client.createCore({ baseUrl: url, auth: { oauth: client.clientCredentials({ clientId: 'client-1', clientSecret: 's3cret', scopes: ['items:read'] }) } });
    // Three calls at once, then two more: one token.
    const items = await Promise.all(['a', 'b', 'a'].map((id) => client.getItem(core, id)));
    expect(items.map((i: any) => i.name)).toEqual(['Apple', 'Banana', 'Apple']);
    expect((await client.getItem(core, 'b')).name).toBe('Banana');
    expect(seen.tokens).toEqual([{ authorization: `Basic ${btoa('client-1:s3cret')}`, body: 'grant_type=client_credentials&scope=items%3Aread' }]);
    // The API forgets its tokens: the next call gets a 401, fetches a new token and is sent again, once.
    revoke();
    expect((await client.getItem(core, 'a')).name).toBe('Apple');
    expect(seen.tokens).toHaveLength(2);
    // The refused request never reached the handler (the server's authenticate said no).
    expect(seen.items).toHaveLength(5);
  });

  it('fetches a new token when the last one expires; a refused client is a TokenError; a static token\'s 401 is not sent again', async () => {
    const { client } = stack;
    const { url, seen, revoke } = await started({ expiresIn: 1 });
    const auth = { oauth: client.clientCredentials({ clientId: 'client-1', clientSecret: 's3cret', earlySeconds: 0 }) };
    const core = client.createCore({ baseUrl: url, auth });
    await client.getItem(core, 'a');
    await client.getItem(core, 'a');
    expect(seen.tokens).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 1100));
    await client.getItem(core, 'a');
    expect(seen.tokens).toHaveLength(2);
    expect(seen.tokens[1]!.body).toBe('grant_type=client_credentials');

    const wrong = client.createCore({ baseUrl: url, auth: { oauth: client.clientCredentials({ clientId: 'client-1', clientSecret: 'nope' }) } });
    await expect(client.getItem(wrong, 'a')).rejects.toMatchObject({ name: 'TokenError', status: 401, body: { error: 'invalid_client' } });

    // A static token: a 401 is not retried (nothing to renew).
    revoke();
    const fixed = client.createCore({ baseUrl: url, auth: { oauth: 't1' } });
    const calls = seen.items.length;
    await expect(client.getItem(fixed, 'a')).rejects.toMatchObject({ name: 'ApiError', status: 401 });
    expect(seen.items.length).toBe(calls);
  });
});

describe('middleware', () => {
  it('runs in order (the core\'s, then the call\'s) on every attempt, retries included; onError replaces the error', async () => {
    const { client } = stack;
    const { url, seen } = await started();
    const log: string[] = [];
    let failures = 1;
    const core = client.createCore({
      baseUrl: url,
      auth: { oauth: client.clientCredentials({ clientId: 'client-1', clientSecret: 's3cret' }) },
      retry: { baseDelayMs: 1 },
      middleware: [
        {
          onRequest: (request: Request) => {
            log.push(`core request ${new URL(request.url).pathname}`);
            const headers = new Headers(request.headers);
            headers.set('x-trace', 'from-core');
            return new Request(request, { headers });
          },
          // The first answer becomes a 503 (a retried status): the attempt after it runs the middleware again.
          onResponse: (response: Response) => {
            log.push(`core response ${response.status}`);
            if (failures-- > 0) return new Response('busy', { status: 503 });
            return undefined;
          },
          onError: (error: any) => (log.push(`core error ${error.status}`), undefined),
        },
      ],
    });
    const logging = { onRequest: () => void log.push('call request'), onResponse: (r: Response) => void log.push(`call response ${r.status}`) };
    expect((await client.getItem(core, 'a', { middleware: [logging] })).name).toBe('Apple');
    expect(log).toEqual(['core request /items/a', 'call request', 'core response 200', 'call response 503', 'core request /items/a', 'call request', 'core response 200', 'call response 200']);
    expect(seen.items).toEqual(['from-core', 'from-core']);

    log.length = 0;
    class NotFound extends Error {}
    const replaced = client.getItem(core, 'zzz', { middleware: [{ onError: (e: any) => new NotFound(e.body.message) }] });
    await expect(replaced).rejects.toThrow(NotFound);
    await expect(replaced).rejects.toThrow('no item zzz');
    expect(log).toEqual(['core request /items/a'.replace('/a', '/zzz'), 'core response 404', 'core error 404']);
  });

  it('the README\'s auth refresh: onResponse sends the request again with a new token after a 401', async () => {
    const { client } = stack;
    const { url, seen, revoke } = await started();
    const token = { value: 'none' };
    const login = async () => {
      const r = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { authorization: `Basic ${btoa('client-1:s3cret')}` }, body: 'grant_type=client_credentials' });
      token.value = ((await r.json()) as { access_token: string }).access_token;
    };
    const refresh = {
      async onResponse(response: Response, request: Request) {
        if (response.status !== 401) return response;
        await login();
        const headers = new Headers(request.headers);
        headers.set('authorization', `Bearer ${token.value}`);
        return fetch(new Request(request, { headers }));
      },
    };
    const core = client.createCore({ baseUrl: url, auth: { oauth: () => token.value }, middleware: [refresh] });
    expect((await client.getItem(core, 'b')).name).toBe('Banana');
    expect((await client.getItem(core, 'a')).name).toBe('Apple');
    revoke();
    expect((await client.getItem(core, 'a')).name).toBe('Apple');
    expect(seen.tokens).toHaveLength(2);
  });
});

describe('result mode', () => {
  it('throwOnError: false returns { data, error, response }: a declared status is an error narrowed by status; anything else throws', async () => {
    const { client } = stack;
    const { url } = await started();
    const auth = { oauth: client.clientCredentials({ clientId: 'client-1', clientSecret: 's3cret' }) };
    const core = client.createCore({ baseUrl: url, auth, throwOnError: false, retry: { maxRetries: 0 } });
    const ok = await client.getItem(core, 'a');
    expect([ok.data, ok.error, ok.response.status]).toEqual([{ id: 'a', name: 'Apple' }, undefined, 200]);
    const missing = await client.getItem(core, 'zzz');
    expect([missing.data, missing.error.status, missing.error.body, missing.response.status]).toEqual([undefined, 404, { message: 'no item zzz' }, 404]);
    expect(client.isGetItemError(missing.error)).toBe(true);
    const refused = await client.getItem(core, 'bad');
    expect(refused.error.body).toEqual({ issues: ['id: refused'] });
    // A status the operation does not declare is no answer of its: it throws.
    await expect(client.getItem(core, 'boom')).rejects.toMatchObject({ name: 'ApiError', status: 500 });
    // Per call, either way.
    await expect(client.getItem(core, 'zzz', { throwOnError: true })).rejects.toMatchObject({ status: 404 });
    const throwing = client.createCore({ baseUrl: url, auth });
    expect((await client.getItem(throwing, 'zzz', { throwOnError: false })).error.status).toBe(404);
    // The grouped client, and an event stream, alike.
    const api = client.createClient({ baseUrl: url, auth, throwOnError: false });
    expect((await api.items.get('b')).data.name).toBe('Banana');
    const { data: stream } = await client.streamTicks(core, { query: { count: 2 } });
    expect((await collect(stream)).map((e: any) => e.data.n)).toEqual([1, 2]);
  });
});

describe('dates', () => {
  it('a Date goes as its ISO date-time, or as its day (UTC) where the format is date: query, path, JSON and form bodies', async () => {
    const { client } = stack;
    const { url, seen } = await started();
    const core = client.createCore({ baseUrl: url });
    const late = new Date(Date.UTC(2024, 1, 29, 23, 30));
    const since = new Date(Date.UTC(2024, 0, 1, 8));
    // The server validates each as its format: a date-time where a date belongs would be a 400.
    expect(await client.getReport(core, { query: { day: late, since } })).toEqual({ day: '2024-02-29', since: '2024-01-01T08:00:00.000Z' });
    expect(await client.createReport(core, { body: { day: late, since } })).toEqual({ day: '2024-02-29', since: '2024-01-01T08:00:00.000Z' });
    expect(await client.putDay(core, late, { body: { since, until: new Date(Date.UTC(2024, 2, 1)) } })).toEqual({ day: '2024-02-29', since: '2024-01-01T08:00:00.000Z' });
    expect(seen.until).toEqual(['2024-03-01']);
    // Strings still go as they are.
    expect(await client.getReport(core, { query: { day: '2025-01-02', since: '2025-01-02T03:04:05Z' } })).toEqual({ day: '2025-01-02', since: '2025-01-02T03:04:05Z' });
  });
});
