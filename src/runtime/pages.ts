/**
 * Pagination: what a paged operation's `<op>All` and `<op>Pages` functions call. A module of its own, so that an
 * app that pages nothing bundles none of it. Written once into the output folder (`runtime/pages.ts`).
 */
import type { Core, Exchange, Input, Op, RequestOptions } from "./client.js";

/** One page of a paged operation: its items, its whole body and response, and the way to the page after it. */
export interface Page<I = unknown, B = unknown> {
  readonly items: I[];
  /** The page's body: the items and what else the API sent with them (totals, links). */
  readonly body: B;
  /** The page's response (its body already read): status, headers (GitHub's `Link`, rate limits). */
  readonly response: Response;
  /**
   * Where the page after this one is (undefined after the last), as plain data: keep it (in a URL, a form,
   * TanStack Query's `pageParam`) and ask for that page later with the operation's `<op>Page(…, from)`.
   */
  readonly next: PageRef | undefined;
  /** Whether this page says there is one after it (no request is made). */
  hasNextPage(): boolean;
  /** The page after this one, or undefined after the last; requested once however often it is asked for. */
  nextPage(): Promise<Page<I, B> | undefined>;
}

/**
 * Where a page of a paged operation is, as JSON data: the query parameters that move the operation's own request
 * there (a page number, a cursor, an offset with `size`, the page size it steps by), or the URL of the link the
 * page before it gave (followed only on the base URL's origin).
 */
export type PageRef = { readonly query: Readonly<Record<string, string | number>>; readonly size?: number | undefined; readonly url?: undefined } | { readonly url: string };

/** Where a value is in a response body: its keys from the body down (`["meta", "next_page_url"]`); [] is the body. */
export type BodyPath = readonly string[];

export type Pagination =
  | { readonly kind: "page"; readonly items: BodyPath; readonly pageParam: string; readonly totalPages: BodyPath }
  | { readonly kind: "cursor"; readonly items: BodyPath; readonly cursorParam: string; readonly hasMore: BodyPath; readonly idField: string }
  | { readonly kind: "next"; readonly items: BodyPath; readonly next: BodyPath }
  | { readonly kind: "link"; readonly items: BodyPath }
  | { readonly kind: "offset"; readonly items: BodyPath; readonly offsetParam: string; readonly limitParam: string; readonly total?: BodyPath };

/** A paged call: the core, the operation, the caller's arguments and options, and how the operation pages. */
interface PagedCall {
  readonly core: Core<boolean>;
  readonly op: Op;
  readonly pathArgs: readonly unknown[];
  readonly input: Input;
  readonly options: RequestOptions;
  readonly p: Pagination;
}

/** Where a page is: its page number and offset (for those kinds), and the page size an offset steps by. */
interface PageAt {
  readonly page: number;
  readonly offset: number;
  readonly size: number | undefined;
}

/** Items across pages, in order: every page's items (see `pages`). */
export async function* paginate(core: Core<boolean>, op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination): AsyncGenerator<unknown> {
  for await (const page of pages(core, op, pathArgs, input, options, p)) yield* page.items;
}

/**
 * Pages in turn, from the call's request to the last page: each is asked for by the one before it
 * (`nextPage()`), so that a page the caller already asked for is not requested twice. Pages always throw on
 * an error (`throwOnError` is for single calls).
 */
export async function* pages(core: Core<boolean>, op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination): AsyncGenerator<Page> {
  let page: Page | undefined = await firstPage(core, op, pathArgs, input, options, p, undefined);
  while (page !== undefined) {
    yield page;
    page = await page.nextPage();
  }
}

/**
 * One page: the one the call asks for (its page, offset or cursor, else the first), or the one `from` says, a
 * page's `next` (plain data, which may have been kept anywhere: its URL is held to the base URL's origin as any
 * next link is, and its query only moves parameters the operation declares). What `<op>Page(…, from)` calls.
 */
export function firstPage(core: Core<boolean>, op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination, from?: PageRef | null): Promise<Page> {
  return pageAt({ core, op, pathArgs, input, options: options ?? {}, p }, from ?? undefined);
}

/** The page of a paged call that `ref` says (undefined: the call's own). */
async function pageAt(call: PagedCall, ref: PageRef | undefined): Promise<Page> {
  const { p } = call;
  if (ref?.url !== undefined) return followPage(call, { page: 0, offset: 0, size: undefined }, ref.url);
  const input: Input = ref === undefined ? call.input : { ...call.input, query: { ...(call.input.query as Record<string, unknown> | undefined), ...ref.query } };
  const query = (input.query ?? {}) as Record<string, unknown>;
  const at: PageAt = {
    page: p.kind === "page" ? Number(query[p.pageParam] ?? 1) : 0,
    offset: p.kind === "offset" ? Number(query[p.offsetParam] ?? 0) : 0,
    // Without a limit asked for, the server's page size is what the first page holds.
    size: p.kind === "offset" && query[p.limitParam] !== undefined ? Number(query[p.limitParam]) : ref?.size,
  };
  const answer = await call.core.request(call.op, call.pathArgs, input, call.options);
  return toPage(call, at, answer.url, answer);
}

/**
 * A page asked for by a link the page before it gave, with the operation's auth and the call's options. Only a
 * URL on the base URL's origin is followed: credentials go nowhere else (anything else throws, nothing is sent).
 */
async function followPage(call: PagedCall, at: PageAt, url: string): Promise<Page> {
  const origin = new URL(call.core.baseUrl).origin;
  if (new URL(url).origin !== origin) throw new Error(`${call.op.method} ${call.op.path}: refused to follow a next link to another origin than ${origin}: ${url}`);
  return toPage(call, at, url, await call.core.request(call.op, [], {}, call.options, url));
}

/** A page from its answer: its items, and where the next page is when this one says there is one. */
function toPage(call: PagedCall, at: PageAt, url: string, { body, response }: Exchange): Page {
  const found = bodyAt(body, call.p.items);
  const items: unknown[] = Array.isArray(found) ? found : [];
  // An empty page ends it whatever it says: a server that keeps answering "more" with nothing would loop forever.
  const next = items.length === 0 ? undefined : nextOf(call, at, url, body, response, items);
  let pending: Promise<Page | undefined> | undefined;
  return {
    items,
    body,
    response,
    next,
    hasNextPage: () => next !== undefined,
    nextPage: () => {
      if (next === undefined) return Promise.resolve(undefined);
      // Asked once: the iterator and the caller share it. A failure is not kept, so that it can be asked again.
      pending ??= pageAt(call, next).catch((e: unknown) => {
        pending = undefined;
        throw e;
      });
      return pending;
    },
  };
}

/** Where the page after this one is, or undefined when this is the last. */
function nextOf(call: PagedCall, at: PageAt, url: string, body: unknown, response: Response, items: readonly unknown[]): PageRef | undefined {
  const { p } = call;
  switch (p.kind) {
    case "page":
      return at.page < Number(bodyAt(body, p.totalPages)) ? { query: { [p.pageParam]: at.page + 1 } } : undefined;
    case "cursor": {
      if (bodyAt(body, p.hasMore) !== true) return undefined;
      const cursor = bodyAt(items[items.length - 1], [p.idField]);
      // Without the last item's id there is no next request but the first one again.
      return typeof cursor === "string" || typeof cursor === "number" ? { query: { [p.cursorParam]: cursor } } : undefined;
    }
    case "offset": {
      const total = p.total === undefined ? undefined : bodyAt(body, p.total);
      const size = at.size ?? items.length;
      // A total, when the body has one, decides: a server that caps the limit sends short pages before the end.
      if (typeof total === "number" ? at.offset + items.length >= total : items.length < size) return undefined;
      return { query: { [p.offsetParam]: at.offset + items.length }, size };
    }
    case "next":
    case "link": {
      const link = p.kind === "next" ? bodyAt(body, p.next) : nextLink(response.headers.get("link"));
      if (typeof link !== "string" || link === "") return undefined;
      // A relative link resolves against the URL of the page that held it (RFC 3986; RFC 8288 for Link).
      const target = new URL(link, url).href;
      // A link to the page itself would be followed forever.
      return target === url ? undefined : { url: target };
    }
  }
}

/** The value at `path` in a body, through own properties only (a key "constructor" is not Object's). */
function bodyAt(body: unknown, path: BodyPath): unknown {
  let v = body;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A parameter of a link (RFC 8288 §3): `; name`, `; name=token` or `; name="quoted"`. */
const LINK_PARAM = /[ \t]*;[ \t]*([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*(?:=[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^\s;,"]*)))?/y;

/**
 * The target of the `rel="next"` link of a `Link` header (RFC 8288): `<https://…?page=2>; rel="next", <…>;
 * rel="last"`. A rel holds relation types separated by spaces, compared without case; only a link's first rel
 * counts (§3.3).
 */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  let i = 0;
  for (;;) {
    const open = header.indexOf("<", i);
    const close = open < 0 ? -1 : header.indexOf(">", open + 1);
    if (close < 0) return undefined;
    let rel: string | undefined;
    LINK_PARAM.lastIndex = close + 1;
    for (let m = LINK_PARAM.exec(header); m !== null; m = LINK_PARAM.exec(header)) {
      if (rel === undefined && m[1]!.toLowerCase() === "rel") rel = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : (m[3] ?? "");
      i = LINK_PARAM.lastIndex;
    }
    if (rel !== undefined && rel.toLowerCase().split(/\s+/).includes("next")) return header.slice(open + 1, close).trim();
    i = Math.max(i, close + 1);
  }
}
