/**
 * What the query target's option factories (query.ts) return: TanStack Query v5 options as plain objects, typed
 * without TanStack's types, so that the generated code imports nothing and fits every adapter (React, Vue, Solid,
 * Svelte, Angular, query-core itself). The functions they call are the client's (client.ts).
 */
import type { Page, PageRef } from "./pages.js";

export type { Core } from "./client.js";
export type { PageRef } from "./pages.js";

/**
 * The one element of every key of an operation: an object, which TanStack matches partly, member by member, so
 * that a filter with fewer members is a prefix of it: `[{ scope }]` (the whole API), `[{ scope, resource }]`,
 * `[{ scope, operation }]`, `[{ scope, operation, path: { owner } }]` (an operation with some path parameters).
 */
export interface OperationKey<P, I> {
  /** The API: its title (the query file's `QUERY_SCOPE`). */
  readonly scope: string;
  /** The client's resource group of the operation (`repos`). */
  readonly resource: string;
  /** The operation's function name (`reposGet`). */
  readonly operation: string;
  /** The path parameters by their names in the spec (`{ owner, repo }`; `{}` without any). */
  readonly path: P;
  /** The input as given (`{ query, headers, cookies }`); undefined when none was. */
  readonly input: I;
  /** Set on the key of an infinite query, whose data (pages) is not a plain query's. */
  readonly infinite?: true;
}

/** A query's key: `[OperationKey]`. */
export type QueryKey<P, I> = readonly [OperationKey<P, I>];

/** A mutation's key: the operation, without arguments (those are the mutation's variables). */
export type MutationKey = readonly [{ readonly scope: string; readonly resource: string; readonly operation: string }];

/** What TanStack gives a query function: the abort signal, which the request is sent with. */
export interface QueryContext {
  readonly signal: AbortSignal;
}

/** Options of `useQuery` / `queryClient.fetchQuery`: the key and the function that calls the operation. */
export interface QueryOptions<K, D> {
  readonly queryKey: K;
  /** With `int64: "bigint"`: `hashQueryKey`, since TanStack's own hash of a key throws on a bigint. */
  readonly queryKeyHashFn?: (queryKey: K) => string;
  readonly queryFn: (context: QueryContext) => Promise<D>;
}

/** Options of `useMutation`: the key and the function that calls the operation with the mutation's variables. */
export interface MutationOptions<V, D> {
  readonly mutationKey: MutationKey;
  readonly mutationFn: (variables: V) => Promise<D>;
}

/** One page of an infinite query's data: its items, its body, and where the next one is (null after the last). */
export interface QueryPage<I, B> {
  readonly items: I[];
  readonly body: B;
  readonly next: PageRef | null;
}

/**
 * Options of `useInfiniteQuery`: every page's param is where the page is (`PageRef`, plain data; `null`: the
 * page the input asks for), which the page before it said.
 */
export interface InfiniteQueryOptions<K, I, B> {
  readonly queryKey: K;
  /** With `int64: "bigint"`: `hashQueryKey` (see `QueryOptions`). */
  readonly queryKeyHashFn?: (queryKey: K) => string;
  readonly queryFn: (context: QueryContext & { readonly pageParam: PageRef | null }) => Promise<QueryPage<I, B>>;
  readonly initialPageParam: PageRef | null;
  readonly getNextPageParam: (lastPage: QueryPage<I, B>) => PageRef | null;
}

/**
 * What a query's data is for a response `D`: TanStack refuses `undefined` as data (an empty body, a 204, a HEAD),
 * so it is `null` there.
 */
export type QueryData<D> = Exclude<D, undefined> | (undefined extends D ? null : never);

/** A response as query data: `undefined` (no content) becomes `null`. */
export function queryData<D>(data: D): QueryData<D> {
  return (data === undefined ? null : data) as QueryData<D>;
}

/** A client page as an infinite query keeps it: plain data (no Response, no functions), which a cache can persist. */
export function queryPage<I, B>(page: Page<I, B>): QueryPage<I, B> {
  return { items: page.items, body: page.body, next: page.next ?? null };
}

/** `getNextPageParam`: where the page after the last one is, or null. */
export function nextPageParam(lastPage: QueryPage<unknown, unknown>): PageRef | null {
  return lastPage.next;
}

/**
 * A query key's hash as TanStack makes it (JSON, each plain object's keys sorted), with a bigint written as its
 * digits and `n`: TanStack's own throws on a bigint. The factories of an output generated with `int64: "bigint"`
 * set it as their `queryKeyHashFn`; give it to the `QueryClient` too (`defaultOptions.queries.queryKeyHashFn`)
 * for the client's own lookups by key (`getQueryData`, `setQueryData`).
 */
export function hashQueryKey(queryKey: readonly unknown[]): string {
  return JSON.stringify(queryKey, (_key, value: unknown) => {
    if (typeof value === "bigint") return `${value}n`;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      // A "__proto__" key stays a key of the copy.
      Object.defineProperty(sorted, k, { value: (value as Record<string, unknown>)[k], enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  });
}
