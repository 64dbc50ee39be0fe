import { beforeAll, describe, expect, it } from 'vitest';
import { generated, importAll, stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';

// The opt-in representations over real HTTP (127.0.0.1), specs/features/dates.yaml generated with
// `dates: "Date"` and `int64: "bigint"`: the generated client against the generated server. Dates and int64s in
// a path, a query (one and an array), a JSON body (nested, in an array, a map, a union, prefix items, a
// recursive schema), a form body and an error body arrive as `Date`s and `bigint`s on both sides, exactly; on
// the wire they are JSON's text (a `date` as its day); the validators check `Date`s and `bigint`s.

const start = generatedServers();

type Stack = Awaited<ReturnType<typeof stackOf>>;
let stack: Stack;
beforeAll(async () => {
  stack = await stackOf('specs/features/dates.yaml', { dates: 'Date', int64: 'bigint' });
}, 60_000);

/** 2^53 + 1: a number cannot hold it. */
const BIG = 9007199254740993n;
const AT = new Date('2024-02-29T12:34:56.789Z');
const DAY = new Date('2024-03-01T00:00:00.000Z');

function event(extra: Record<string, unknown> = {}) {
  return {
    id: BIG,
    at: AT,
    day: DAY,
    note: '2024-01-01T00:00:00Z',
    tags: [DAY, new Date('2023-12-31T00:00:00.000Z')],
    seen: { alice: AT, ['__proto__']: new Date('2020-01-01T00:00:00.000Z') },
    when: -BIG,
    window: [DAY, '2024-01-01'],
    parent: { id: 1n, at: new Date('2000-01-01T00:00:00.000Z'), parent: { id: 2n, at: AT, day: DAY } },
    size: 9223372036854775806n,
    // A number that JSON writes as a long integer: it stays a number (only an int64 is a bigint).
    ratio: 1e20,
    // A discriminated union: the tag says a square's `at` is text, though it reads as a date-time.
    shapes: [{ kind: 'circle', at: AT }, { kind: 'square', at: '2024-01-01T00:00:00Z' }],
    ...extra,
  };
}

/** The handlers: each records what it was given and answers it back. */
function service() {
  const seen: any[] = [];
  const handlers = {
    listEvents: (ctx: any) => {
      seen.push({ params: ctx.params, query: ctx.query });
      return { status: 200, body: { day: ctx.params.day, since: ctx.query.since ?? null, after: ctx.query.after, ids: ctx.query.ids, days: ctx.query.days, events: [event()] } };
    },
    createEvent: (ctx: any) => {
      seen.push(ctx.body);
      if (ctx.body.note === 'refuse') return { status: 422, body: { at: AT } };
      return { status: 201, body: ctx.body };
    },
    // A reconnection (after the last event) is told there is nothing more: 204.
    streamEvents: (ctx: any) => ctx.request.headers.get('last-event-id') !== null ? { status: 204 } : ({
      status: 200,
      body: (async function* () {
        yield { id: '1', data: event(), retry: 10 };
        yield { id: '2', data: { id: -1n, at: AT, day: DAY } };
      })(),
    }),
    submitForm: (ctx: any) => {
      seen.push(ctx.body);
      return { status: 200, body: ctx.body };
    },
  };
  return { handler: stack.server.createHandler(handlers, { validateResponses: true }), seen };
}

/** A fetch that records what the client sent and what it got, as text. */
function recording() {
  const wire: Array<{ url: string; body: string | undefined; answer: string }> = [];
  const f = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await fetch(input, init);
    const answer = await res.clone().text();
    wire.push({ url: String(input), body: init?.body === undefined ? undefined : String(init.body), answer });
    return res;
  };
  return { fetch: f as typeof fetch, wire };
}

async function started() {
  const svc = service();
  const url = await start(stack.node, svc.handler);
  const rec = recording();
  const core = stack.client.createCore({ baseUrl: url, fetch: rec.fetch, validateResponses: stack.validators });
  return { ...svc, url, core, wire: rec.wire };
}

describe('dates: "Date" and int64: "bigint" through client and server', () => {
  it('path and query: a date, a date-time, an int64 and an array of them arrive as Date and bigint, exactly', async () => {
    const { core, seen, wire } = await started();
    const got = await stack.client.listEvents(core, DAY, { query: { since: AT, after: BIG, ids: [BIG, -BIG, 0n], days: [DAY, AT] } });
    expect(seen[0].params.day).toEqual(DAY);
    expect(seen[0].params.day).toBeInstanceOf(Date);
    expect(seen[0].query.since).toEqual(AT);
    expect(seen[0].query.after).toBe(BIG);
    expect(seen[0].query.ids).toEqual([BIG, -BIG, 0n]);
    // An array of a $ref'd date: each Date sent as its day (AT's day is 2024-02-29), read back as UTC midnight.
    expect(seen[0].query.days).toEqual([DAY, new Date('2024-02-29T00:00:00Z')]);
    // On the wire: the day, the ISO date-time, the digits.
    expect(wire[0]!.url).toContain('/days/2024-03-01/events?since=2024-02-29T12%3A34%3A56.789Z&after=9007199254740993&ids=9007199254740993&ids=-9007199254740993&ids=0&days=2024-03-01&days=2024-02-29');
    expect(got.day).toEqual(DAY);
    expect(got.since).toEqual(AT);
    expect(got.after).toBe(BIG);
    expect(got.ids).toEqual([BIG, -BIG, 0n]);
    expect(got.days).toEqual([DAY, new Date('2024-02-29T00:00:00Z')]);
    expect(got.events[0]).toEqual(event());
    expect(wire[0]!.answer).toContain('"day":"2024-03-01"');
    expect(wire[0]!.answer).toContain('"id":9007199254740993');
  });

  it('a JSON body: nested, arrays, maps (a "__proto__" key stays a key), unions, prefix items, recursion, both ways', async () => {
    const { core, seen, wire } = await started();
    const sent = event();
    const got = await stack.client.createEvent(core, { body: sent });
    const received = seen[0];
    expect(received).toEqual(sent);
    expect(Object.getPrototypeOf(received.seen)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(received.seen, '__proto__')).toBe(true);
    expect(received.seen['__proto__']).toBeInstanceOf(Date);
    expect(received.parent.parent.day).toEqual(DAY);
    // Text that merely looks like a date stays text where the schema says string.
    expect(received.note).toBe('2024-01-01T00:00:00Z');
    expect(received.window).toEqual([DAY, '2024-01-01']);
    expect(got).toEqual(sent);
    // The caller's object is not changed by sending it (its dates are copied as days into the request).
    expect(sent.day).toBeInstanceOf(Date);
    const body = wire[0]!.body!;
    expect(body).toContain('"day":"2024-03-01"');
    expect(body).toContain('"tags":["2024-03-01","2023-12-31"]');
    expect(body).toContain('"at":"2024-02-29T12:34:56.789Z"');
    expect(body).toContain('"id":9007199254740993');
    expect(body).toContain('"when":-9007199254740993');
    expect(body).toContain('"size":9223372036854775806');
  });

  it('an error body is revived too', async () => {
    const { core } = await started();
    const err = await stack.client.createEvent(core, { body: event({ note: 'refuse' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(stack.client.ApiError);
    expect((err as any).status).toBe(422);
    expect((err as any).body.at).toEqual(AT);
  });

  it('event-stream data: written with its days and digits, read back as Dates and bigints', async () => {
    const { core } = await started();
    const got: unknown[] = [];
    for await (const e of await stack.client.streamEvents(core)) got.push(e.data);
    expect(got).toEqual([event(), { id: -1n, at: AT, day: DAY }]);
  });

  it('a form body: its date, date-time and int64 fields are read as Date and bigint, an empty nullable date as null', async () => {
    const { core, seen, wire } = await started();
    const got = await stack.client.submitForm(core, { body: { at: AT, day: DAY, count: BIG, maybe: null } });
    expect(wire[0]!.body).toBe('at=2024-02-29T12%3A34%3A56.789Z&day=2024-03-01&count=9007199254740993&maybe=');
    expect(seen[0]).toEqual({ at: AT, day: DAY, count: BIG, maybe: null });
    expect(got).toEqual({ at: AT, day: DAY, count: BIG, maybe: null });
  });

  it('the server refuses text that is no date, and an int64 out of range, with a pointer to it', async () => {
    const { url } = await started();
    const post = (text: string) => fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    // createEvent declares 422 for a body it refuses: the server's own refusals of its body take that status.
    const bad = await post('{"id": 1, "at": "yesterday"}');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as any).issues).toEqual([expect.objectContaining({ path: '/body/at', message: expect.stringContaining('a valid Date (date-time)') })]);
    const big = await post('{"id": 9223372036854775808, "at": "2024-01-01T00:00:00Z"}');
    expect(big.status).toBe(422);
    expect(((await big.json()) as any).issues).toEqual([expect.objectContaining({ path: '/body/id', keyword: 'format' })]);
    const query = await fetch(`${url}/days/2024-02-30/events`);
    expect(query.status).toBe(400);
    expect(((await query.json()) as any).issues).toEqual([expect.objectContaining({ path: '/path/day' })]);
  });
});

describe('the validators with dates: "Date" and int64: "bigint"', () => {
  it('accept Dates and bigints, refuse the text and numbers JSON has, with a JSON pointer', () => {
    const V = stack.validators;
    expect(V.EventModel.validate(event())).toEqual({ ok: true, value: event() });
    const r = V.EventModel.validate({ id: 1, at: '2024-02-29T12:34:56Z', tags: [DAY, '2024-01-01'], seen: { a: new Date(NaN) } });
    expect(r.ok).toBe(false);
    expect(r.issues.map((i: any) => i.path).sort()).toEqual(['/at', '/id', '/seen/a', '/tags/1']);
    expect(V.EventModel.is({ id: 3n, at: AT, size: 3n })).toBe(false); // multipleOf 2, exactly as a bigint
    expect(V.EventModel.is({ id: 3n, at: AT, size: 4n })).toBe(true);
  });
});

describe('the mocks with dates: "Date" and int64: "bigint"', () => {
  it('answer their JSON examples as the handlers\' types say (Dates, bigints), which pass the Date-aware validators', async () => {
    const load = await importAll(await generated('specs/features/dates.yaml', ['client', 'mocks'], { dates: 'Date', int64: 'bigint' }));
    const [client, mocks] = [await load('client.ts'), await load('mocks.ts')];
    const validators = await load('validators.ts');
    const core = client.createCore({ baseUrl: 'http://127.0.0.1/api', fetch: mocks.createMockFetch({}, { validateResponses: true }), validateResponses: validators });
    const list = await client.listEvents(core, DAY);
    expect(list.day).toBeInstanceOf(Date);
    expect(list.events.length).toBeGreaterThan(0);
    for (const e of list.events) {
      expect(typeof e.id).toBe('bigint');
      expect(e.at).toBeInstanceOf(Date);
    }
    const made = await client.createEvent(core, { body: event() });
    expect(typeof made.id).toBe('bigint');
    expect(made.at).toBeInstanceOf(Date);
  });
});
