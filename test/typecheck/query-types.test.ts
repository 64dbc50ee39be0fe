import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { generated } from '../helpers/generated.js';
import { runtimeFiles, typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

/**
 * The query target's factories in React Query's hooks (@tanstack/react-query 5, @types/react), type-checked, not
 * run: the options fit `useQuery`, `useInfiniteQuery` and `useMutation` as they are and spread with more options,
 * the data, pages and variables come out typed, wrong variables do not compile, and TanStack's own
 * `queryOptions()` tags a factory's key so that `getQueryData` knows its type.
 */
const PROBE = `
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createCore } from './alo/client.js';
import { addDirectMessageChannelUserMutationOptions, listDirectMessageChannelUsersInfiniteQueryOptions, listDirectMessageChannelUsersQueryOptions, QUERY_SCOPE, removeDirectMessageChannelUserMutationOptions, type PageRef, type QueryPage } from './alo/query.js';
import type { DirectMessageChannelUserList, User } from './alo/types.js';
import { createCore as whopCore } from './whop/client.js';
import { createDmMemberMutationOptions, updateDmMemberMutationOptions } from './whop/query.js';
import type { DmMember } from './whop/types.js';
import { createCore as pagingCore } from './paging/client.js';
import { listChannelInfiniteQueryOptions, reposListForOrgInfiniteQueryOptions } from './paging/query.js';
import type { Channel, Repo } from './paging/types.js';
import { createCore as shapesCore } from './shapes/client.js';
import { headItemQueryOptions, listChargesInfiniteQueryOptions, pingMutationOptions, searchMutationOptions } from './shapes/query.js';
import { createCore as datesCore } from './dates/client.js';
import { hashQueryKey, listEventsQueryOptions } from './dates/query.js';

const core = createCore({ auth: { bearerAuth: 't' } });

export function useUsers(channel: string): number {
  const qc = useQueryClient();
  const list = useQuery(listDirectMessageChannelUsersQueryOptions(core, channel, { query: { page: 2 } }));
  const body: DirectMessageChannelUserList | undefined = list.data;
  // @ts-expect-error: the data is the list's body, not a user
  void list.data?.username;
  const count = useQuery({ ...listDirectMessageChannelUsersQueryOptions(core, channel), select: (d) => d.users.length, enabled: channel !== '' });
  const n: number | undefined = count.data;
  // @ts-expect-error: the channel is required
  listDirectMessageChannelUsersQueryOptions(core);
  // @ts-expect-error: a query parameter of the wrong type
  listDirectMessageChannelUsersQueryOptions(core, channel, { query: { page: 'two' } });

  const pages = useInfiniteQuery(listDirectMessageChannelUsersInfiniteQueryOptions(core, channel, { query: { per_page: 50 } }));
  const users: User[] | undefined = pages.data?.pages.flatMap((p) => p.items);
  const first: QueryPage<User, DirectMessageChannelUserList> | undefined = pages.data?.pages[0];
  // TanStack types an infinite query's page params in its data as unknown, whatever the options say.
  const params: unknown[] | undefined = pages.data?.pageParams;
  const param: PageRef | null = listDirectMessageChannelUsersInfiniteQueryOptions(core, channel).getNextPageParam(first!)!;
  void pages.fetchNextPage();
  const more: boolean = pages.hasNextPage;

  const add = useMutation(addDirectMessageChannelUserMutationOptions(core));
  add.mutate({ path: { channel_id: channel }, body: { id: 'u1' } });
  // @ts-expect-error: the path parameters are part of the variables
  add.mutate({ body: { id: 'u1' } });
  const added: { id: string } | undefined = add.data;
  const remove = useMutation({
    ...removeDirectMessageChannelUserMutationOptions(core),
    onSuccess: () => qc.invalidateQueries({ queryKey: [{ scope: QUERY_SCOPE, operation: 'listDirectMessageChannelUsers', path: { channel_id: channel } }] }),
  });
  remove.mutate({ path: { channel_id: channel, user_id: 'u1' } });
  // @ts-expect-error: both path parameters are needed
  remove.mutate({ path: { channel_id: channel } });
  return (body?.total_pages ?? 0) + (n ?? 0) + (users?.length ?? 0) + (first?.items.length ?? 0) + (params?.length ?? 0) + (param === null ? 0 : 1) + Number(more) + (added ? 1 : 0);
}

export function useMembers(): void {
  const create = useMutation(createDmMemberMutationOptions(whopCore()));
  create.mutate({ body: { channel_id: 'c', user_id: 'u' } });
  // @ts-expect-error: the body is required
  create.mutate({});
  const update = useMutation(updateDmMemberMutationOptions(whopCore()));
  update.mutate({ path: { id: 'dmm_1' }, body: { status: 'closed' } });
  // @ts-expect-error: not a status
  update.mutate({ path: { id: 'dmm_1' }, body: { status: 'bogus' } });
  const member: DmMember | undefined = update.data;
  void member;
}

export function usePaging(): number {
  const c = pagingCore();
  const repos = useInfiniteQuery(reposListForOrgInfiniteQueryOptions(c, 'acme', { query: { per_page: 100 } }));
  const r: Repo[] | undefined = repos.data?.pages.flatMap((p) => p.items);
  const channels = useInfiniteQuery(listChannelInfiniteQueryOptions(c, 'IS1'));
  const ch: Channel[] | undefined = channels.data?.pages.flatMap((p) => p.items);
  const next: string | null | undefined = channels.data?.pages[0]?.body.meta?.next_page_url;
  return (r?.length ?? 0) + (ch?.length ?? 0) + (next?.length ?? 0);
}

export function useShapes(): number {
  const c = shapesCore();
  const ping = useMutation(pingMutationOptions(c));
  ping.mutate(); // no variables
  // @ts-expect-error: ping takes none
  ping.mutate({ query: {} });
  const search = useMutation(searchMutationOptions(c));
  search.mutate(); // an optional input may be left out
  search.mutate({ query: { q: 'x' } });
  const head = useQuery(headItemQueryOptions(c, 'i1'));
  const nothing: null | undefined = head.data; // no content: null
  void nothing;
  const charges = useInfiniteQuery(listChargesInfiniteQueryOptions(c, { query: { limit: 10 } }));
  const ids: string[] | undefined = charges.data?.pages.flatMap((p) => p.items.map((x) => x.id));
  return (ids?.length ?? 0) + Number(head.isSuccess);
}

// int64: "bigint" and dates: "Date" (specs/features/dates.yaml): the data holds bigints and Dates; the key hash fits
// TanStack's option and the client's defaults.
export function useDates(qc: QueryClient): bigint | undefined {
  qc.setDefaultOptions({ queries: { queryKeyHashFn: hashQueryKey } });
  const list = useQuery(listEventsQueryOptions(datesCore(), new Date(), { query: { after: 1n } }));
  const first: Date | undefined = list.data?.events[0]?.at;
  void first;
  // @ts-expect-error: an int64 query parameter takes a bigint
  listEventsQueryOptions(datesCore(), new Date(), { query: { after: 1 } });
  return list.data?.after;
}

// TanStack's queryOptions() / infiniteQueryOptions() around a factory: the key carries the data type.
export function cached(qc: QueryClient): number {
  const options = queryOptions(listDirectMessageChannelUsersQueryOptions(core, 'chan'));
  const data: DirectMessageChannelUserList | undefined = qc.getQueryData(options.queryKey);
  qc.setQueryData(options.queryKey, (old) => (old ? { ...old, total_pages: 1 } : old));
  const infinite = infiniteQueryOptions(listDirectMessageChannelUsersInfiniteQueryOptions(core, 'chan'));
  const pages = qc.getQueryData(infinite.queryKey)?.pages;
  const users: User[] | undefined = pages?.flatMap((p) => p.items);
  return (data?.total_pages ?? 0) + (users?.length ?? 0);
}
`;

describe('query target types with React Query', () => {
  it.each(['bundler', 'nodenext'] as Resolution[])('%s', async (resolution) => {
    const dir = tempDir();
    // The probe imports @tanstack/react-query (and through it react's types) from the repository's node_modules.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const files: Array<{ path: string; content: string }> = [];
    for (const [folder, golden] of [['whop', 'whop-dm-members'], ['alo', 'alo-dm-channel-users']]) {
      for (const f of ['types.ts', 'client.ts', 'query.ts']) files.push({ path: `${folder}/${f}`, content: readFileSync(join(ROOT, 'test/golden', golden!, f), 'utf8') });
      files.push(...runtimeFiles(`${folder}/`));
    }
    for (const f of await generated('specs/features/pagination.yaml', ['query'])) files.push({ path: `paging/${f.path}`, content: f.content });
    for (const f of await generated('specs/features/query-shapes.yaml', ['query'])) files.push({ path: `shapes/${f.path}`, content: f.content });
    for (const f of await generated('specs/features/dates.yaml', ['query'], { dates: 'Date', int64: 'bigint' })) files.push({ path: `dates/${f.path}`, content: f.content });
    files.push({ path: 'probe.ts', content: PROBE });
    expect(typecheck(writeFiles(dir, files), resolution)).toEqual([]);
  });
});
