import { dehydrate, hydrate, InfiniteQueryObserver, isCancelledError, MutationObserver, QueryClient, QueryObserver } from '@tanstack/query-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generated, importAll } from '../helpers/generated.js';
import { aloService } from '../helpers/seed-handlers.js';
import { generatedServers } from '../helpers/server.js';

// The query target (query.ts) with TanStack Query's own QueryClient (@tanstack/query-core), against the generated
// servers over HTTP on 127.0.0.1: fetching, invalidation by key prefix, mutations, infinite queries over every
// pagination shape, abort, and a dehydrated cache carried over as JSON.

const start = generatedServers();

type Modules = { query: Record<string, any>; client: Record<string, any>; server: Record<string, any>; node: Record<string, any> };
async function modulesOf(spec: string): Promise<Modules> {
  const load = await importAll(await generated(spec, ['query', 'server']));
  return { query: await load('query.ts'), client: await load('client.ts'), server: await load('server.ts'), node: await load('server-node.ts') };
}

let alo: Modules;
let paging: Modules;
beforeAll(async () => {
  [alo, paging] = await Promise.all([modulesOf('specs/alo-dm-channel-users.yaml'), modulesOf('specs/features/pagination.yaml')]);
}, 60_000);

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

/** Alo's service behind the generated server, every request recorded as `METHOD channel?query`. */
async function aloStarted(fetchSpy?: (init: RequestInit | undefined) => void) {
  const svc = aloService();
  const seen: string[] = [];
  const handlers = Object.fromEntries(
    Object.entries(svc.handlers).map(([name, h]) => [
      name,
      (ctx: any) => {
        seen.push(`${name} ${ctx.params.channel_id}${ctx.params.user_id ? '/' + ctx.params.user_id : ''}${ctx.query.page ? ' page=' + ctx.query.page : ''}`);
        return (h as (c: any) => unknown)(ctx);
      },
    ]),
  );
  const url = await start(alo.node, alo.server.createHandler(handlers, svc.options));
  const fetchFn: typeof fetch = (input, init) => {
    fetchSpy?.(init);
    return fetch(input, init);
  };
  return { core: alo.client.createCore({ baseUrl: url, auth: { bearerAuth: 't' }, fetch: fetchFn }), seen };
}

/** The paging shapes' service (a Link header, a next URL in `meta`, offset and limit), every request recorded. */
async function pagingStarted() {
  const seen: string[] = [];
  const at = { url: '' };
  const repos = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `repo-${i + 1}` }));
  const channels = ['CH1', 'CH2', 'CH3'].map((sid) => ({ sid }));
  const events = Array.from({ length: 7 }, (_, n) => ({ n }));
  const handlers = {
    reposListForOrg: (ctx: any) => {
      const perPage = ctx.query.per_page ?? 30;
      const page = ctx.query.page ?? 1;
      seen.push(`repos ${ctx.params.org} page=${page}`);
      const next = page * perPage < repos.length ? { link: `<${at.url}/orgs/${ctx.params.org}/repos?per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
      return { status: 200, body: repos.slice((page - 1) * perPage, page * perPage), headers: next };
    },
    listChannel: (ctx: any) => {
      const size = ctx.query.PageSize ?? 50;
      const page = ctx.query.Page ?? 0;
      seen.push(`channels ${ctx.params.ServiceSid} Page=${page}`);
      const more = (page + 1) * size < channels.length;
      const base = `${at.url}/v2/Services/${ctx.params.ServiceSid}/Channels`;
      return { status: 200, body: { channels: channels.slice(page * size, (page + 1) * size), meta: { page, page_size: size, key: 'channels', first_page_url: base, previous_page_url: null, next_page_url: more ? `${base}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}` : null } } };
    },
    listEvents: (ctx: any) => {
      const offset = ctx.query.offset ?? 0;
      const limit = Math.min(ctx.query.limit ?? 3, 3);
      seen.push(`events offset=${offset}`);
      return { status: 200, body: { data: events.slice(offset, offset + limit), total: events.length } };
    },
  };
  at.url = await start(paging.node, paging.server.createHandler(handlers, { authenticate: () => ({ ok: true }) }));
  return { core: paging.client.createCore({ baseUrl: at.url, auth: { bearer: 'gh', basic: { username: 'AC', password: 'pw' } } }), seen };
}

/** Keeps a query active (observed), as a mounted component does: invalidation refetches active queries. */
function observe(qc: QueryClient, options: object): () => void {
  return new QueryObserver(qc, options as never).subscribe(() => {});
}

/** Resolves once no query of the client is fetching. */
async function settled(qc: QueryClient): Promise<void> {
  for (let i = 0; i < 200 && qc.isFetching() > 0; i++) await new Promise((r) => setTimeout(r, 5));
  expect(qc.isFetching()).toBe(0);
}

describe('query target: TanStack Query options against the generated server', () => {
  it('a query: fetchQuery calls the operation, the key is the documented one, a second fetch within staleTime is the cache', async () => {
    const { core, seen } = await aloStarted();
    const qc = newClient();
    const options = alo.query.listDirectMessageChannelUsersQueryOptions(core, 'chan', { query: { page: 2 } });
    expect(options.queryKey).toEqual([
      { scope: 'Alo Platform API', resource: 'directMessageChannelUsers', operation: 'listDirectMessageChannelUsers', path: { channel_id: 'chan' }, input: { query: { page: 2 } } },
    ]);
    expect(alo.query.QUERY_SCOPE).toBe('Alo Platform API');
    const data: any = await qc.fetchQuery(options);
    expect(data.users).toHaveLength(21);
    expect(data.users[0].id).toBe('user-100');
    // The cache holds it under the key: the same options again make no request, and getQueryData finds it.
    expect(await qc.fetchQuery(alo.query.listDirectMessageChannelUsersQueryOptions(core, 'chan', { query: { page: 2 } }))).toBe(data);
    expect(qc.getQueryData(options.queryKey)).toBe(data);
    expect(seen).toEqual(['listDirectMessageChannelUsers chan page=2']);
  });

  it("a query's request is sent with TanStack's abort signal: cancelQueries aborts it", async () => {
    const signals: AbortSignal[] = [];
    const { core } = await aloStarted((init) => signals.push(init!.signal!));
    const qc = newClient();
    const options = alo.query.listDirectMessageChannelUsersQueryOptions(core, 'chan');
    const pending = qc.fetchQuery(options).catch((e: unknown) => e);
    for (let i = 0; i < 100 && signals.length === 0; i++) await new Promise((r) => setTimeout(r, 2));
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(false);
    await qc.cancelQueries({ queryKey: options.queryKey });
    expect(signals[0]!.aborted).toBe(true);
    expect(isCancelledError(await pending)).toBe(true);
  });

  it('invalidation by key prefix refetches exactly the queries under it: an operation with path parameters, a resource, the whole API, not another API', async () => {
    const a = await aloStarted();
    const p = await pagingStarted();
    const qc = newClient();
    const S = paging.query.QUERY_SCOPE;
    const unobserve = [
      observe(qc, paging.query.reposListForOrgQueryOptions(p.core, 'acme')),
      observe(qc, paging.query.reposListForOrgQueryOptions(p.core, 'other', { query: { per_page: 2 } })),
      observe(qc, paging.query.listChannelQueryOptions(p.core, 'IS1')),
      observe(qc, paging.query.listEventsQueryOptions(p.core)),
      observe(qc, alo.query.listDirectMessageChannelUsersQueryOptions(a.core, 'chan')),
    ];
    await settled(qc);
    const initial = [...p.seen.splice(0)].sort();
    expect(initial).toEqual(['channels IS1 Page=0', 'events offset=0', 'repos acme page=1', 'repos other page=1']);
    expect(a.seen.splice(0)).toEqual(['listDirectMessageChannelUsers chan']);

    const refetched = async (queryKey: unknown[]) => {
      await qc.invalidateQueries({ queryKey });
      await settled(qc);
      return [...p.seen.splice(0), ...a.seen.splice(0)].sort();
    };
    expect(await refetched([{ scope: S, operation: 'reposListForOrg', path: { org: 'acme' } }])).toEqual(['repos acme page=1']);
    expect(await refetched([{ scope: S, operation: 'reposListForOrg', input: { query: { per_page: 2 } } }])).toEqual(['repos other page=1']);
    expect(await refetched([{ scope: S, resource: 'repos' }])).toEqual(['repos acme page=1', 'repos other page=1']);
    expect(await refetched([{ scope: S, resource: 'events' }])).toEqual(['events offset=0']);
    expect(await refetched([{ scope: S }])).toEqual(initial);
    expect(await refetched([{ scope: alo.query.QUERY_SCOPE }])).toEqual(['listDirectMessageChannelUsers chan']);
    expect(await refetched([{ scope: 'Some other API' }])).toEqual([]);
    unobserve.forEach((u) => u());
  });

  it('mutations: variables are the input with `path`; the result, a typed error the guard knows, and invalidating what the mutation changed', async () => {
    const { core, seen } = await aloStarted();
    const qc = newClient();
    const stop = observe(qc, alo.query.listDirectMessageChannelUsersQueryOptions(core, 'chan'));
    await settled(qc);

    const add = alo.query.addDirectMessageChannelUserMutationOptions(core);
    expect(add.mutationKey).toEqual([{ scope: 'Alo Platform API', resource: 'directMessageChannelUsers', operation: 'addDirectMessageChannelUser' }]);
    const adding = new MutationObserver<unknown, Error, any>(qc, {
      ...add,
      onSuccess: () => qc.invalidateQueries({ queryKey: [{ scope: alo.query.QUERY_SCOPE, operation: 'listDirectMessageChannelUsers', path: { channel_id: 'chan' } }] }),
    });
    expect(await adding.mutate({ path: { channel_id: 'chan' }, body: { id: 'new-user' } })).toEqual({ id: 'new-user' });
    await settled(qc);

    const remove = new MutationObserver<unknown, Error, any>(qc, alo.query.removeDirectMessageChannelUserMutationOptions(core));
    expect(await remove.mutate({ path: { channel_id: 'chan', user_id: 'user-3' } })).toEqual({ id: 'user-3' });
    const e = await remove.mutate({ path: { channel_id: 'small', user_id: 'a' } }).catch((x: unknown) => x);
    expect(alo.client.isRemoveDirectMessageChannelUserError(e)).toBe(true);
    expect(remove.getCurrentResult()).toMatchObject({ status: 'error', error: { status: 422 } });
    expect(seen).toEqual([
      'listDirectMessageChannelUsers chan',
      'addDirectMessageChannelUser chan',
      'listDirectMessageChannelUsers chan', // the onSuccess invalidation
      'removeDirectMessageChannelUser chan/user-3',
      'removeDirectMessageChannelUser small/a',
    ]);
    stop();
  });

  it('infinite query (page numbers, Alo): every page in turn, page params as plain data, a refetch of all pages, and a dehydrated cache that goes on in another client', async () => {
    const { core, seen } = await aloStarted();
    const qc = newClient();
    const options = alo.query.listDirectMessageChannelUsersInfiniteQueryOptions(core, 'chan', { query: { per_page: 50 } });
    expect(options.queryKey[0]).toEqual({ ...alo.query.listDirectMessageChannelUsersQueryOptions(core, 'chan', { query: { per_page: 50 } }).queryKey[0], infinite: true });
    const observer = new InfiniteQueryObserver(qc, options);
    const stop = observer.subscribe(() => {});
    await settled(qc);
    expect(observer.getCurrentResult().hasNextPage).toBe(true);
    await observer.fetchNextPage();
    expect(observer.getCurrentResult().data!.pages.map((p: any) => p.items.length)).toEqual([50, 50]);

    // Carried over as JSON (a server render, a persisted cache): the next page comes from the stored param.
    const json = JSON.parse(JSON.stringify(dehydrate(qc)));
    const other = newClient();
    hydrate(other, json);
    const resumed = new InfiniteQueryObserver(other, alo.query.listDirectMessageChannelUsersInfiniteQueryOptions(core, 'chan', { query: { per_page: 50 } }));
    const stopResumed = resumed.subscribe(() => {});
    const last = await resumed.fetchNextPage();
    expect(last.data!.pages.map((p: any) => p.items.length)).toEqual([50, 50, 21]);
    expect(last.data!.pageParams).toEqual([null, { query: { page: 2 } }, { query: { page: 3 } }]);
    expect(last.data!.pages.flatMap((p: any) => p.items.map((u: any) => u.id))).toEqual(Array.from({ length: 121 }, (_, i) => `user-${i}`));
    expect(last.hasNextPage).toBe(false);
    expect((last.data!.pages[2] as any).body.total_pages).toBe(3);

    // Invalidated, an infinite query refetches its pages in turn from the first.
    await other.invalidateQueries({ queryKey: [{ scope: alo.query.QUERY_SCOPE, operation: 'listDirectMessageChannelUsers' }] });
    await settled(other);
    expect(seen).toEqual([
      'listDirectMessageChannelUsers chan',
      'listDirectMessageChannelUsers chan page=2',
      'listDirectMessageChannelUsers chan page=3',
      'listDirectMessageChannelUsers chan',
      'listDirectMessageChannelUsers chan page=2',
      'listDirectMessageChannelUsers chan page=3',
    ]);
    stop();
    stopResumed();
  });

  it('infinite queries over a Link header (GitHub), a next URL in the body (Twilio) and offset/limit: the same items as the client\'s iterators', async () => {
    const { core, seen } = await pagingStarted();
    const qc = newClient();
    const drain = async (options: object) => {
      const observer = new InfiniteQueryObserver(qc, options as never);
      let result = await observer.fetchNextPage(); // the first page (fetchNextPage of no data fetches it)
      while (result.hasNextPage) result = await observer.fetchNextPage();
      return result.data!;
    };
    const repos = await drain(paging.query.reposListForOrgInfiniteQueryOptions(core, 'acme', { query: { per_page: 2 } }));
    expect(repos.pages.flatMap((p: any) => p.items.map((r: any) => r.name))).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    expect(repos.pageParams[1]).toEqual({ url: expect.stringMatching(/\/orgs\/acme\/repos\?per_page=2&page=2$/) });
    const channels = await drain(paging.query.listChannelInfiniteQueryOptions(core, 'IS1', { query: { PageSize: 2 } }));
    expect(channels.pages.flatMap((p: any) => p.items.map((c: any) => c.sid))).toEqual(['CH1', 'CH2', 'CH3']);
    const events = await drain(paging.query.listEventsInfiniteQueryOptions(core, { query: { limit: 3 } }));
    expect(events.pages.flatMap((p: any) => p.items.map((e: any) => e.n))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events.pageParams).toEqual([null, { query: { offset: 3 }, size: 3 }, { query: { offset: 6 }, size: 3 }]);
    expect(seen).toEqual([
      'repos acme page=1',
      'repos acme page=2',
      'repos acme page=3',
      'channels IS1 Page=0',
      'channels IS1 Page=1',
      'events offset=0',
      'events offset=3',
      'events offset=6',
    ]);
    // The client's own iterators agree.
    const names: string[] = [];
    for await (const r of paging.client.reposListForOrgAll(core, 'acme', { query: { per_page: 2 } })) names.push(r.name);
    expect(names).toEqual(repos.pages.flatMap((p: any) => p.items.map((r: any) => r.name)));
  });

  it('the other shapes: a mutation without variables, one with an optional input only, HEAD as a query (its data null), a cursor infinite query', async () => {
    const edges = await modulesOf('specs/features/query-shapes.yaml');
    const seen: string[] = [];
    const charges = Array.from({ length: 5 }, (_, i) => ({ id: `ch_${i}` }));
    const url = await start(
      edges.node,
      edges.server.createHandler({
        ping: () => (seen.push('ping'), { status: 204 }),
        search: ({ query }: any) => (seen.push(`search ${query.q ?? '-'}`), { status: 200, body: { q: query.q ?? null } }),
        headItem: ({ params }: any) => (seen.push(`head ${params.id}`), { status: 200 }),
        listCharges: ({ query }: any) => {
          const from = query.starting_after ? charges.findIndex((c) => c.id === query.starting_after) + 1 : 0;
          seen.push(`charges after=${query.starting_after ?? '-'}`);
          return { status: 200, body: { data: charges.slice(from, from + 2), has_more: from + 2 < charges.length } };
        },
      }),
    );
    const core = edges.client.createCore({ baseUrl: url });
    const qc = newClient();
    expect(await new MutationObserver<unknown, Error, any>(qc, edges.query.pingMutationOptions(core)).mutate(undefined)).toBeUndefined();
    const search = new MutationObserver<unknown, Error, any>(qc, edges.query.searchMutationOptions(core));
    expect(await search.mutate(undefined)).toEqual({ q: null });
    expect(await search.mutate({ query: { q: 'x' } })).toEqual({ q: 'x' });
    // TanStack refuses undefined as data: a response without content is null.
    expect(await qc.fetchQuery(edges.query.headItemQueryOptions(core, 'i1'))).toBeNull();
    const observer = new InfiniteQueryObserver<any, Error, any, any, any>(qc, edges.query.listChargesInfiniteQueryOptions(core));
    let result = await observer.fetchNextPage();
    while (result.hasNextPage) result = await observer.fetchNextPage();
    expect(result.data.pages.flatMap((p: any) => p.items.map((c: any) => c.id))).toEqual(charges.map((c) => c.id));
    expect(result.data.pageParams).toEqual([null, { query: { starting_after: 'ch_1' } }, { query: { starting_after: 'ch_3' } }]);
    expect(seen).toEqual(['ping', 'search -', 'search x', 'head i1', 'charges after=-', 'charges after=ch_1', 'charges after=ch_3']);
  });
});


describe('the query target with int64: "bigint" (specs/features/dates.yaml)', () => {
  it('a key holding a bigint is hashed by the factories\' hashQueryKey (TanStack\'s own throws on one); fetch, lookup and invalidation by prefix work', async () => {
    const load = await importAll(await generated('specs/features/dates.yaml', ['query', 'server'], { dates: 'Date', int64: 'bigint' }));
    const [query, client, server, node] = [await load('query.ts'), await load('client.ts'), await load('server.ts'), await load('server-node.ts')];
    const seen: unknown[] = [];
    const handlers = {
      listEvents: (ctx: any) => {
        seen.push(ctx.query.after);
        return { status: 200, body: { day: ctx.params.day, after: ctx.query.after, events: [] } };
      },
    };
    const url = await start(node, server.createHandler(handlers, { errorBody: () => ({ at: new Date(0) }) }));
    const core = client.createCore({ baseUrl: url });
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, queryKeyHashFn: query.hashQueryKey } } });
    const day = new Date('2024-03-01T00:00:00Z');
    const options = query.listEventsQueryOptions(core, day, { query: { after: 9007199254740993n } });
    expect(options.queryKeyHashFn).toBe(query.hashQueryKey);
    const data = await qc.fetchQuery(options);
    expect(data).toEqual({ day, after: 9007199254740993n, events: [] });
    expect(seen).toEqual([9007199254740993n]);
    // Cached under its key (another bigint is another key); a prefix invalidates it.
    expect(qc.getQueryData(options.queryKey)).toEqual(data);
    expect(qc.getQueryData(query.listEventsQueryOptions(core, day, { query: { after: 9007199254740995n } }).queryKey)).toBeUndefined();
    await qc.invalidateQueries({ queryKey: [{ scope: query.QUERY_SCOPE }] });
    expect(qc.getQueryState(options.queryKey)?.isInvalidated).toBe(true);
    // Why the factories carry it: TanStack's own hash of the same key throws.
    const { queryKeyHashFn: _, ...plain } = options;
    expect(() => new QueryClient().fetchQuery(plain)).toThrow(/BigInt/);
    // The hash: plain objects' keys sorted, a bigint as its digits and n.
    expect(query.hashQueryKey([{ b: 1n, a: [2n, 'x'] }])).toBe('[{"a":["2n","x"],"b":"1n"}]');
  });
});
