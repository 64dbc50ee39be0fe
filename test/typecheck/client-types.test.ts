import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { ts } from 'ts-morph';
import { runtimeFiles, typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

/** Type-level probes against the golden clients: wrong calls must not compile, errors narrow by status. */
const PROBE = `
import { ApiError, createClient, isUpdateDmMemberError, type UpdateDmMemberError } from './whop/client.js';
import { createClient as alo, createCore as aloCore, listDirectMessageChannelUsersAll, listDirectMessageChannelUsersPages, type Page } from './alo/client.js';
import type { User, DirectMessageChannelUserList } from './alo/types.js';
import { createClient as twilio } from './twilio/client.js';

const whop = createClient({ auth: { bearerAuth: 'token' } });

export async function ok(): Promise<string> {
  const m = await whop.dmMembers.update('id', { body: { status: 'closed', notification_preference: null } });
  const u = await alo().directMessageChannelUsers.list('chan', { query: { page: 2 } });
  for await (const user of alo().directMessageChannelUsers.listAll('chan')) void user.id;
  await twilio({ auth: { basicAuth: { username: 'AC', password: 'x' } } }).chatV2UserChannel.update('IS', 'US', 'CH', { body: { NotificationLevel: 'muted' } });
  return m.user_id + u.users.length;
}

// Pages: typed items and body, the next page of the same type; the lean entry's iterator functions alike.
export async function paged(): Promise<number> {
  let n = 0;
  for await (const page of alo().directMessageChannelUsers.listPages('chan', { query: { per_page: 10 } })) {
    const users: User[] = page.items;
    const body: DirectMessageChannelUserList = page.body;
    n += users.length + body.total_pages + page.response.status;
    const next: Page<User, DirectMessageChannelUserList> | undefined = page.hasNextPage() ? await page.nextPage() : undefined;
    n += next?.items.length ?? 0;
    // @ts-expect-error: a user has no 'email'
    void page.items[0]?.email;
  }
  for await (const u of listDirectMessageChannelUsersAll(aloCore(), 'chan')) n += u.id.length;
  for await (const page of listDirectMessageChannelUsersPages(aloCore(), 'chan')) n += page.items.length;
  // @ts-expect-error: the path parameter is required by the iterators too
  listDirectMessageChannelUsersPages(aloCore());
  return n;
}

export async function wrong(): Promise<void> {
  // @ts-expect-error: the required path parameter is missing
  await whop.dmMembers.update();
  // @ts-expect-error: the required body is missing
  await whop.dmMembers.create({});
  // @ts-expect-error: not a value of the status enum
  await whop.dmMembers.update('id', { body: { status: 'bogus' } });
  // @ts-expect-error: the body has the wrong type
  await whop.dmMembers.create({ body: { channel_id: 1, user_id: 'u' } });
  // @ts-expect-error: a query parameter of the wrong type
  await alo().directMessageChannelUsers.list('chan', { query: { page: 'two' } });
  // @ts-expect-error: basic auth needs a username and a password
  twilio({ auth: { basicAuth: 'token' } });
}

export function narrow(e: unknown): string | undefined {
  if (e instanceof ApiError) {
    const err = e as UpdateDmMemberError;
    if (err.status === 404) return err.body.error.message;
    // @ts-expect-error: 418 is not a declared status
    if (err.status === 418) return undefined;
  }
  return undefined;
}

// The guard narrows without a cast: unknown → the operation's error union, then the status narrows the body.
export function guarded(e: unknown): string | undefined {
  // @ts-expect-error: e is unknown until the guard says otherwise
  void e.status;
  if (!isUpdateDmMemberError(e)) return undefined;
  if (e.status === 404) return e.body.error.message;
  // @ts-expect-error: 418 is not a status updateDmMember declares
  if (e.status === 418) return undefined;
  // @ts-expect-error: a 422's body is the error envelope, which has no 'users'
  if (e.status === 422) return e.body.users;
  return e.body.error.type;
}
`;

describe('client types', () => {
  it.each(['bundler', 'nodenext'] as Resolution[])('%s', (resolution) => {
    const dir = tempDir();
    const files: Array<{ path: string; content: string }> = [];
    for (const [folder, golden] of [['whop', 'whop-dm-members'], ['alo', 'alo-dm-channel-users'], ['twilio', 'twilio-chat-user-channels']]) {
      for (const f of ['types.ts', 'validators.ts', 'client.ts']) {
        files.push({ path: `${folder}/${f}`, content: readFileSync(join(ROOT, 'test/golden', golden!, f), 'utf8') });
      }
      files.push(...runtimeFiles(`${folder}/`));
    }
    files.push({ path: 'probe.ts', content: PROBE });
    expect(typecheck(writeFiles(dir, files), resolution)).toEqual([]);
  });
});

describe('client types for bytes', () => {
  it('binary parts are Blobs; octet-stream bodies take bytes', async () => {
    const { generated } = await import('../helpers/generated.js');
    const files = await generated('specs/features/client-wire.yaml', ['client']);
    const probe = `
import { createClient } from './client.js';
const c = createClient({ auth: { apiKeyHeader: 'k' } });
export async function f(): Promise<Blob> {
  await c.files.upload({ body: { file: new Blob(['x']), tags: ['a'] } });
  await c.files.putContent('id', { body: new Uint8Array([1]) });
  // @ts-expect-error: a part declared binary is not a number
  await c.files.upload({ body: { file: 5 } });
  return c.files.getContent('id');
}
`;
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, [...files, { path: 'probe.ts', content: probe }]), 'nodenext')).toEqual([]);
  });
});

describe('client types for pages of every shape', () => {
  it('the items of a Link-header list are the body\'s elements, of a nested-next or offset list its array\'s; pages carry the body', async () => {
    const { generated } = await import('../helpers/generated.js');
    const files = await generated('specs/features/pagination.yaml', ['client']);
    const probe = `
import { createClient, createCore, listEventsPages, type Page } from './client.js';
import type { Channel, EventModel, Repo } from './types.js';
const c = createClient({ auth: { bearer: 't' } });
export async function f(): Promise<number> {
  let n = 0;
  for await (const repo of c.repos.listForOrgAll('acme')) { const r: Repo = repo; n += r.id; }
  for await (const page of c.repos.listForOrgPages('acme')) { const rs: Repo[] = page.items; const body: Repo[] = page.body; n += rs.length + body.length; }
  for await (const page of c.chatV2Channel.listPages('IS1')) {
    const chs: Channel[] = page.items;
    const next: string | null | undefined = page.body.meta?.next_page_url;
    n += chs.length + (next?.length ?? 0);
  }
  for await (const page of listEventsPages(createCore())) { const p: Page<EventModel, { data: EventModel[]; total: number }> = page; n += p.body.total; }
  // @ts-expect-error: a repo has no sid
  for await (const repo of c.repos.listForOrgAll('acme')) void repo.sid;
  return n;
}
`;
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, [...files, { path: 'probe.ts', content: probe }]), 'nodenext')).toEqual([]);
  });
});

describe('client declarations', () => {
  // The corpus found Microsoft Graph's and Autotask's clients failing under `declaration: true` (TS7056: the
  // inferred return type of createClient, every method of every resource, was too big to serialize). Reproducing
  // that takes a client of thousands of operations; this checks the cause instead: the declaration of
  // createClient names the `Client` interface, and the methods are written once, there.
  it.each(['whop-dm-members', 'alo-dm-channel-users', 'twilio-chat-user-channels'])('%s: createClient is declared as returning Client', (golden) => {
    const source = readFileSync(join(ROOT, 'test/golden', golden, 'client.ts'), 'utf8');
    const out = ts.transpileDeclaration(source, { compilerOptions: { isolatedDeclarations: true, declaration: true, target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
    expect(out.diagnostics ?? []).toEqual([]);
    expect(out.outputText).toContain('export declare function createClient<O extends ClientOptions = {}>(options?: O & ClientOptions): Client<$.ThrowsOf<O>>;');
    expect(out.outputText).toMatch(/export interface Client<Throws extends boolean = true> \{/);
  });
});

describe('client types of the result mode, event streams and middleware (specs/features/client-features.yaml)', () => {
  it('throwOnError: false (core or call) makes calls return a Result whose error narrows by status; streams yield typed events', async () => {
    const { generated } = await import('../helpers/generated.js');
    const files = await generated('specs/features/client-features.yaml', ['client']);
    const probe = `
import { clientCredentials, createClient, createCore, chat, createReport, getItem, getReport, putDay, streamTicks, type EventStream, type Middleware, type Result, type GetItemError } from './client.js';
import type { Item, Tick } from './types.js';

const logging: Middleware = { onRequest: (r) => { void r.url; }, onResponse: (res, req) => (void req.method, res), onError: (e) => e };
const throwing = createCore({ auth: { oauth: clientCredentials({ clientId: 'c', clientSecret: 's', scopes: ['items:read'] }) }, middleware: [logging] });
const results = createCore({ throwOnError: false, middleware: [{ onRequest: (request) => void request.url, onResponse: (response, request) => void (response.status + request.method) }] });

export async function modes(): Promise<number> {
  const item: Item = await getItem(throwing, 'a');
  const r = await getItem(results, 'a');
  const { data, error } = await getItem(results, 'b');
  const destructured: string | number = error ? error.status : data.name;
  void destructured;
  // @ts-expect-error: a Result is not an Item
  const wrong: Item = r;
  void wrong;
  if (r.error) {
    if (r.error.status === 404) { const message: string = r.error.body.message; void message; }
    // @ts-expect-error: a 404's body has no issues
    else if (r.error.status === 404) void r.error.body.issues;
    else { const issues: string[] = r.error.body.issues; void issues; }
    // @ts-expect-error: data is undefined beside an error
    void r.data.name;
  } else {
    const name: string = r.data.name;
    void name;
  }
  const e: GetItemError | undefined = r.error;
  void e;
  // Per call, each way.
  const forced: Result<Item, GetItemError> = await getItem(throwing, 'a', { throwOnError: false });
  const plain: Item = await getItem(results, 'a', { throwOnError: true });
  // @ts-expect-error: a throwing call's answer has no error member
  void (await getItem(throwing, 'a')).error;
  // The grouped client follows its options alike.
  const api = createClient({ throwOnError: false });
  const g = await api.items.get('a');
  const gd: Item | undefined = g.data;
  // @ts-expect-error: the grouped result is no Item either
  const gi: Item = await api.items.get('a');
  void gi;
  return item.name.length + (forced.data?.name.length ?? 0) + plain.name.length + (gd?.name.length ?? 0);
}

export async function dates(): Promise<string> {
  const d = new Date();
  const r = await getReport(throwing, { query: { day: d, since: '2024-01-01T00:00:00Z' } });
  await createReport(throwing, { body: { day: '2024-01-01', since: d } });
  await putDay(throwing, d, { body: { since: d, until: d } });
  // @ts-expect-error: a number is no date
  await getReport(throwing, { query: { day: 5, since: d } });
  // The answer's dates are strings (the JSON's).
  const day: string = r.day;
  // @ts-expect-error: not a Date
  const notDate: Date = r.since;
  void notDate;
  return day;
}

export async function streams(): Promise<string> {
  const ticks: EventStream<Tick> = await streamTicks(throwing, { query: { count: 3 } });
  let out = '';
  for await (const e of ticks) {
    const n: number = e.data.n;
    const id: string | undefined = e.id;
    out += n + (id ?? '') + e.event + (e.retry ?? 0);
    // @ts-expect-error: a tick has no name
    void e.data.name;
  }
  for await (const w of await chat(throwing, { body: { prompt: 'hi' } })) { const text: string = w.data; out += text; }
  const r = await streamTicks(results);
  if (r.data) for await (const e of r.data) out += e.data.n;
  ticks.close();
  return out;
}
`;
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, [...files, { path: 'probe.ts', content: probe }]), 'nodenext')).toEqual([]);
    expect(typecheck(writeFiles(dir, [...files, { path: 'probe.ts', content: probe }]), 'strictest')).toEqual([]);
  });
});

describe('types of dates: "Date" and int64: "bigint" (specs/features/dates.yaml)', () => {
  // The generated client, server and validators type-check under both resolutions with the representations,
  // and the types say Date and bigint where the spec says date, date-time and int64, in and out.
  const probe = `
import { createCore, createEvent, listEvents, submitForm } from './client.js';
import { createHandler, type Handlers } from './server.js';
import * as V from './validators.js';
import type { EventModel } from './types.js';

export async function client(): Promise<bigint> {
  const core = createCore();
  const list = await listEvents(core, new Date(), { query: { since: new Date(), after: 1n, ids: [2n] } });
  const day: Date = list.day;
  const at: Date = list.events[0]!.at;
  const tags: Date[] | undefined = list.events[0]!.tags;
  const seen: Date | undefined = list.events[0]!.seen?.['alice'];
  // @ts-expect-error: a date-time is a Date, not a string
  const text: string = list.events[0]!.at;
  // @ts-expect-error: an int64 is a bigint, not a number
  const n: number = list.events[0]!.id;
  // @ts-expect-error: the path's date takes a Date, not text
  await listEvents(core, '2024-01-01');
  // @ts-expect-error: an int64 query parameter takes a bigint
  await listEvents(core, new Date(), { query: { after: 1 } });
  const made: EventModel = await createEvent(core, { body: { id: 1n, at: new Date(), when: 5n } });
  await submitForm(core, { body: { at: new Date(), day: new Date(), count: 3n, maybe: null } });
  void [day, at, tags, seen, text, n];
  return made.id;
}

export const handlers: Handlers = {
  listEvents: (ctx) => {
    const day: Date = ctx.params.day;
    const since: Date | undefined = ctx.query.since;
    const after: bigint | undefined = ctx.query.after;
    return { status: 200, body: { day, since: since ?? null, ...(after === undefined ? {} : { after }), events: [] } };
  },
  createEvent: (ctx) => ({ status: 201, body: { ...ctx.body, id: ctx.body.id + 1n } }),
  // @ts-expect-error: the answer's date is a Date, not text
  submitForm: (ctx) => ({ status: 200, body: { at: ctx.body.at.toISOString() } }),
};
// The 422 the spec declares for createEvent holds a Date: the server's own refusals need a body of that type.
export const handler: (request: Request) => Promise<Response> = createHandler(handlers, { errorBody: () => ({ at: new Date() }) });

export function check(x: unknown): bigint | undefined {
  return V.EventModel.is(x) ? x.id : undefined;
}
`;
  it.each(['bundler', 'nodenext', 'strictest'] as Resolution[])('%s', async (resolution) => {
    const { generated } = await import('../helpers/generated.js');
    const files = await generated('specs/features/dates.yaml', ['client', 'server'], { dates: 'Date', int64: 'bigint' });
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, [...files, { path: 'probe.ts', content: probe }]), resolution)).toEqual([]);
  });
});
