/**
 * The client's runtime: what every generated operation calls to build its request (URL, parameter styles,
 * auth, body), send it (timeout, retries) and read the answer (errors, response validation, pagination).
 * Written once into the output folder (`runtime/client.ts`); client.ts holds the spec's part: descriptors,
 * types and the functions that call `Core`.
 */
import type { Issue, Validator } from "./checks.js";
import type { Codec, Codecs } from "./codec.js";

export { firstPage, paginate, pages, type Page, type PageRef, type Pagination } from "./pages.js";
export { stream, type EventStream } from "./sse.js";
export { bigintCodecs, dateCodecs, type Codec } from "./codec.js";

/** A non-2xx response. `status` narrows `body` on an operation's error type (e.g. `UpdateDmMemberError`). */
export class ApiError<S extends number = number, B = unknown> extends Error {
  override readonly name = "ApiError";
  /** The operation: its method and path template, `PATCH /dm_members/{id}`. */
  readonly operation: string;
  readonly status: S;
  readonly body: B;
  readonly headers: Headers;
  /** The raw response (its body already read). */
  readonly response: Response;
  constructor(operation: string, status: S, body: B, headers: Headers, response: Response) {
    super(`${operation} failed with HTTP ${status}`);
    this.operation = operation;
    this.status = status;
    this.body = body;
    this.headers = headers;
    this.response = response;
  }
}

/**
 * Whether `e` is an `ApiError` of the operation `route` (`PATCH /dm_members/{id}`) with a status it declares:
 * one of `statuses` (`"404"`), in a declared range (`"4XX"`), or any with `"default"`. Behind each operation's
 * generated guard (`isUpdateDmMemberError`): an undeclared status is no declared body, so the guard says no.
 */
export function isErrorOf(e: unknown, route: string, statuses: readonly string[]): e is ApiError {
  if (!(e instanceof ApiError) || e.operation !== route) return false;
  const status = String(e.status);
  return statuses.includes(status) || statuses.includes(`${status[0]}XX`) || statuses.includes("default");
}

/** The request never got a response (DNS, connection refused, reset…). `cause` holds the underlying error. */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
  readonly operation: string;
  constructor(operation: string, cause: unknown) {
    super(`${operation}: network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.operation = operation;
  }
}

/** No response within `timeoutMs`. */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  readonly operation: string;
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super(`${operation}: no response within ${timeoutMs} ms`);
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** With `validateResponses`, a response body that does not match the spec. */
export class ResponseValidationError extends Error {
  override readonly name = "ResponseValidationError";
  readonly operation: string;
  readonly status: number;
  readonly issues: Issue[];
  readonly body: unknown;
  constructor(operation: string, status: number, issues: Issue[], body: unknown) {
    super(`${operation}: the ${status} response does not match the spec: ${issues.slice(0, 3).map((i) => `${i.path || "/"} ${i.message}`).join("; ")}`);
    this.operation = operation;
    this.status = status;
    this.issues = issues;
    this.body = body;
  }
}

/**
 * A credential, or a function returning one: called for every request (e.g. to refresh a token), and after a
 * 401 once more with `renew: true`, the request sent again when it gives another credential (OAuth2's
 * `clientCredentials()` in runtime/oauth2.ts is one).
 */
export type Credential<T> = T | ((context: CredentialContext) => T | Promise<T>);

/** What a credential function is told: the scheme (an OAuth2 one's `tokenUrl`), the base URL, fetch, and whether to renew. */
export interface CredentialContext {
  readonly scheme: Scheme;
  readonly baseUrl: string;
  readonly fetch: typeof fetch;
  /** True after the last credential got a 401: a cached token should be fetched again. */
  readonly renew: boolean;
}

/**
 * Hooks around every request a core sends, retries and next pages included, in order (the client's, then the
 * call's). Each returns what the next one gets (or nothing: the same), so they compose.
 */
export interface Middleware {
  /** Before each attempt: the request, or another one to send instead (headers added, a URL changed). */
  onRequest?(request: Request): Request | undefined | void | Promise<Request | undefined | void>;
  /** After each attempt's response, before it is read: the response to use (`request` is unread: it can be sent again). */
  onResponse?(response: Response, request: Request): Response | undefined | void | Promise<Response | undefined | void>;
  /** When the call fails (after its retries): the error to throw instead, or nothing to throw the same. */
  onError?(error: unknown): unknown;
}

export interface RetryOptions {
  /** Retries after the first attempt (default 2; 0 disables). */
  maxRetries?: number | undefined;
  /** First backoff delay in ms (default 500), doubled each retry, with jitter. */
  baseDelayMs?: number | undefined;
  /** Longest wait in ms, Retry-After included (default 30000). */
  maxDelayMs?: number | undefined;
  /** Retry non-idempotent methods (POST, PATCH) too (default false). */
  retryNonIdempotent?: boolean | undefined;
}

export interface RequestOptions<A extends object = object> {
  signal?: AbortSignal | undefined;
  /** Per attempt, in ms; overrides the client's (default 60 s; 0 or Infinity: none). */
  timeoutMs?: number | undefined;
  headers?: Record<string, string> | undefined;
  auth?: Partial<A> | undefined;
  retry?: RetryOptions | undefined;
  /** Return a `Result` instead of throwing for a status the operation declares (`false`), or throw (`true`); overrides the core's. */
  throwOnError?: boolean | undefined;
  /** Run after the core's middleware, for this call only. */
  middleware?: readonly Middleware[] | undefined;
}

export interface ClientOptions<A extends object = object> {
  /** Default: the first server of the spec, variables at their defaults. */
  baseUrl?: string | undefined;
  auth?: A | undefined;
  headers?: Record<string, string> | undefined;
  /** Default: the global fetch. */
  fetch?: typeof fetch | undefined;
  /**
   * How long one attempt may wait for its response, body included, in ms (default 60 s; 0 or Infinity: no limit).
   * An attempt that times out is retried like a network error (idempotent methods, within `retry`); the last one
   * throws `TimeoutError`.
   */
  timeoutMs?: number | undefined;
  retry?: RetryOptions | undefined;
  /**
   * Check response bodies against the spec: the generated validators module, or the operations of it you call
   * (`import * as V from "./validators.js"` → `validateResponses: V`; `import { reposGet } from
   * "./validators.js"` → `validateResponses: { reposGet }`), found by each operation's `route` (method and path).
   * An operation it does not hold is not checked. Only what is passed here is bundled: without it, an app holds
   * no validator code.
   */
  validateResponses?: ResponseValidators | undefined;
  /**
   * fetch's `credentials` (default: fetch's own, "same-origin"). In a browser, a 401 with a `Basic` challenge
   * to a request that includes credentials opens the browser's own login dialog and the call waits for it;
   * "omit" prevents that (and sends none of the browser's cookies). A browser never lets code set the
   * `Cookie` header: cookie parameters and cookie API keys reach a server only from the browser's cookie jar.
   */
  credentials?: RequestInit["credentials"] | undefined;
  /**
   * `false`: calls return `{ data, error, response }` (a `Result`) instead of throwing an `ApiError` of a status
   * the operation declares; network errors, timeouts, undeclared statuses and invalid responses still throw.
   */
  throwOnError?: boolean | undefined;
  /** Hooks around every request (see `Middleware`), in order. */
  middleware?: readonly Middleware[] | undefined;
}

/** `T` where the properties `K` (of format date or date-time) take a `Date` too: what the client sends for them. */
export type Dated<T, K extends PropertyKey> = { [P in keyof T]: P extends K ? T[P] | Date : T[P] };

/** What a call returns with `throwOnError: false`: the data, or the error of a declared status (narrowed by `status`). */
export type Result<D, E> = { data: D; error: undefined; response: Response } | { data: undefined; error: E; response: Response };

/** Whether a core made with options `O` throws: unless they say `throwOnError: false`. */
export type ThrowsOf<O> = O extends { readonly throwOnError: false } ? false : true;

/** What a call of a core `C` with options `O` returns: the data `D`, or a `Result` of it and the error union `E`. */
export type Returns<C, O, D, E> = Promise<
  O extends { readonly throwOnError: false } ? Result<D, E> : O extends { readonly throwOnError: true } ? D : C extends Core<false> ? Result<D, E> : D
>;

/** What `validateResponses` takes: by operation name, an object whose `responses` hold the validators by status and media type. */
export type ResponseValidators = object;

/** The response validators of one operation, as validators.ts exports them: `route` is its method and path. */
interface OperationResponses {
  readonly route: string;
  readonly responses: Readonly<Record<string, Readonly<Record<string, Validator<unknown>> | undefined>>>;
}

/** The operations' validators in a `validateResponses` object, by route (`GET /repos/{owner}/{repo}`): made once per object. */
const byRoute = new WeakMap<object, Map<string, OperationResponses>>();

function routesOf(validators: object): Map<string, OperationResponses> {
  let map = byRoute.get(validators);
  if (map === undefined) {
    map = new Map();
    for (const v of Object.values(validators) as unknown[]) {
      if (v === null || typeof v !== "object") continue;
      const o = v as Partial<OperationResponses>;
      if (typeof o.route === "string" && o.responses !== null && typeof o.responses === "object") map.set(o.route, o as OperationResponses);
    }
    byRoute.set(validators, map);
  }
  return map;
}

/**
 * A path segment URL resolution removes with the one before it. A parameter's "%2E%2E" is sent as "%252E%252E"
 * (its "%" encoded), so only the plain dots can make one.
 */
const DOT_SEGMENT = /^\.\.?$/;

/** How errors name an operation: its method and path template. */
function label(op: Op): string {
  return `${op.method} ${op.path}`;
}

export type Style = "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "simple" | "label" | "matrix";
/** A parameter: name, location, style, explode, allowReserved, and `"date"` for a `format: date` (a Date is sent as its day). */
export type Param = readonly [name: string, loc: "path" | "query" | "header" | "cookie", style: Style, explode: boolean, allowReserved: boolean, format?: "date"];
/** How a response is read; `sse`: an event stream, left unread for runtime/sse.ts. */
export type Kind = "json" | "text" | "binary" | "empty" | "sse";
/** How a request body is sent: as JSON, as it is (text, bytes, a stream), or by an encoder (`formBody`, `multipartBody`). */
export type BodyEncoder = "json" | "raw" | ((body: unknown, days: readonly string[], styles?: FormStyles) => BodyInit);

/** A form body's properties that its Encoding Object styles other than `form` exploded: `[name, style, explode]`. */
export type FormStyles = ReadonlyArray<readonly [name: string, style: Style, explode: boolean]>;
export type Scheme =
  | { readonly type: "bearer"; readonly tokenUrl?: string; readonly scopes?: readonly string[] }
  | { readonly type: "basic" }
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string };
/**
 * An operation's descriptor. It holds no name: an app that bundles every operation (createClient) pays for what
 * each descriptor holds, and the method and path already identify the operation (errors say them; validators
 * are found by them).
 */
export interface Op {
  readonly method: string;
  readonly path: string;
  readonly params: readonly Param[];
  /** How the query parameters are written (`queryPairs`): present when the operation has any. */
  readonly query?: typeof queryPairs;
  /**
   * The media type, how the body is sent, its top-level properties of format `date` (a Date goes as its day), and
   * for a form the properties its Encoding Object styles otherwise (`[name, style, explode]`).
   */
  readonly body?: readonly [mediaType: string, encoder: BodyEncoder, days?: readonly string[], styles?: FormStyles];
  /** Alternatives (OR) of scheme lists (AND); [] means no authentication is needed. */
  readonly security: readonly (readonly string[])[];
  /** By status: the media type, how the body is read, and where it holds dates or int64s (`dates`/`int64` options). */
  readonly responses: Readonly<Record<string, readonly [mediaType: string, kind: Kind, codec?: Codec]>>;
  /** With `dates: "Date"` or `int64: "bigint"`, in an operation whose bodies hold such values: how to convert them. */
  readonly codecs?: Codecs;
  /** Where the request body holds dates (a `date` is sent as its day) or int64s. */
  readonly bodyCodec?: Codec;
}
export interface Input {
  query?: object;
  headers?: object;
  cookies?: object;
  body?: unknown;
}

/** An attempt's time limit when neither the client nor the call sets one (the Stainless SDKs' too). */
const DEFAULT_TIMEOUT_MS = 60_000;

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

function encode(value: string, allowReserved: boolean): string {
  const e = encodeURIComponent(value);
  // Every reserved character but "#", which would end the query and make the rest the URL's fragment.
  return allowReserved ? e.replace(/%(3A|2F|3F|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi, (m) => decodeURIComponent(m)) : e;
}

/** A value as text: a Date as ISO 8601, a date-time (`2024-02-29T12:00:00.000Z`) or, for a `date`, the day (`2024-02-29`, UTC). */
function asText(v: unknown, day?: boolean): string {
  if (v instanceof Date) return day ? v.toISOString().slice(0, 10) : v.toISOString();
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Entries of an object value, own properties only. */
function ownEntries(v: unknown): Array<[string, unknown]> {
  return v !== null && typeof v === "object" ? Object.entries(v).filter(([, x]) => x !== undefined) : [];
}

/**
 * `name=value` pairs of one query parameter, by style and explode (already encoded). Named by the descriptor of
 * an operation that has query parameters (`query: $.queryPairs`), so that an app whose calls have none bundles none
 * of it.
 */
export function queryPairs(name: string, v: unknown, style: Style, explode: boolean, reserved: boolean, day: boolean): string[] {
  const n = encode(name, false);
  const e = (s: unknown) => encode(asText(s, day), reserved);
  if (Array.isArray(v)) {
    if (style === "form" && explode) return v.map((x) => `${n}=${e(x)}`);
    // deepObject says nothing of arrays; `name[]=a&name[]=b` is what the APIs that use it read (Stripe's expand),
    // and `name[0][k]=v` for objects in them (Stripe's lines).
    if (style === "deepObject") return v.some(isPlainObject) ? bracketPairs(name, v, e) : v.map((x) => `${n}%5B%5D=${e(x)}`);
    const sep = style === "spaceDelimited" ? "%20" : style === "pipeDelimited" ? "%7C" : ",";
    return [`${n}=${v.map(e).join(sep)}`];
  }
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const kv = ownEntries(v);
    if (style === "deepObject") return bracketPairs(name, v, e);
    if (explode) return kv.map(([k, x]) => `${encode(k, false)}=${e(x)}`);
    return [`${n}=${kv.map(([k, x]) => `${encode(k, false)},${e(x)}`).join(",")}`];
  }
  return [`${n}=${e(v)}`];
}

/** A deepObject value in brackets as deep as it goes, `name[k]=v`, `name[k][j]=v`, `name[0][k]=v` (encoded). */
function bracketPairs(name: string, v: unknown, e: (s: unknown) => string): string[] {
  return bracketEntries(name, v).map(([k, x]) => `${encode(k, false)}=${x === null ? "" : e(x)}`);
}

/** A path parameter's text, by style (simple, label, matrix). */
function pathText(name: string, v: unknown, style: Style, explode: boolean, day: boolean): string {
  const e = (s: unknown) => encode(asText(s, day), false);
  const list = Array.isArray(v) ? v.map(e) : v !== null && typeof v === "object" && !(v instanceof Date) ? ownEntries(v).flatMap(([k, x]) => (explode ? [`${e(k)}=${e(x)}`] : [e(k), e(x)])) : [e(v)];
  if (style === "label") return "." + list.join(explode ? "." : ",");
  if (style === "matrix") {
    if (!explode) return `;${name}=${list.join(",")}`;
    if (Array.isArray(v)) return list.map((x) => `;${name}=${x}`).join("");
    // An exploded object: each property is a matrix parameter of its own (`;role=admin;firstName=Alex`).
    if (v !== null && typeof v === "object" && !(v instanceof Date)) return list.map((x) => `;${x}`).join("");
    return `;${name}=${list.join(",")}`;
  }
  return list.join(",");
}

function basicAuth(user: string, pass: string): string {
  const bytes = new TextEncoder().encode(`${user}:${pass}`);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return "Basic " + btoa(s);
}

/**
 * `application/x-www-form-urlencoded`: keys as given (PascalCase stays), arrays repeated, Dates as ISO
 * strings, objects in brackets (`meta[k]=v`), `null` as an empty value, `undefined` left out; a property the
 * Encoding Object styles otherwise as a query parameter of that style (`expand[]=a` for deepObject, `a,b` unexploded).
 */
export function formBody(body: unknown, days: readonly string[] = [], styles?: FormStyles): URLSearchParams {
  const out = new URLSearchParams();
  const styled = styles === undefined ? undefined : new Map(styles.map(([name, style, explode]) => [name, [style, explode] as const]));
  for (const [k, v] of ownEntries(body)) {
    const s = styled?.get(k);
    if (s !== undefined && v !== null && typeof v === "object" && !(v instanceof Date)) {
      // A form body is a query string: the same pairs, read back by the server's decodeForm.
      for (const pair of queryPairs(k, v, s[0], s[1], false, days.includes(k))) {
        const i = pair.indexOf("=");
        out.append(decodeURIComponent(pair.slice(0, i)), decodeURIComponent(pair.slice(i + 1)));
      }
      continue;
    }
    // An object, or an array holding objects, in brackets; any other array as the key repeated.
    if (Array.isArray(v) ? v.some(isPlainObject) : isPlainObject(v)) for (const [key, x] of bracketEntries(k, v)) out.append(key, x === null ? "" : asText(x));
    else for (const x of Array.isArray(v) ? v : [v]) out.append(k, x === null ? "" : asText(x, days.includes(k)));
  }
  return out;
}

/** JSON where a top-level property of format `date` holding a Date goes as its day (JSON's own is the ISO date-time). */
export function jsonBody(body: unknown, days: readonly string[]): string {
  return JSON.stringify(body, function (this: unknown, key: string, v: unknown) {
    const own = this === body ? (body as Record<string, unknown>)[key] : undefined;
    return own instanceof Date && days.includes(key) ? asText(own, true) : v;
  });
}

/** An object that is data (not a Date, a Blob, an array). */
function isPlainObject(v: unknown): v is object {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Blob);
}

/**
 * An object in a form body or a deepObject parameter, in brackets as deep as it goes: `meta[k]=v`,
 * `items[0][price]=p` (what Stripe and most form parsers read; the server's decodeForm and params read it back).
 * An empty object or array writes nothing, as RFC 6570 writes nothing for an empty list or map (a form has no way
 * to say one), and an array's indices count the items that wrote something, so that none is past the end.
 */
function bracketEntries(prefix: string, v: unknown, out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (Array.isArray(v)) {
    let i = 0;
    for (const x of v) {
      const before = out.length;
      bracketEntries(`${prefix}[${i}]`, x, out);
      if (out.length > before) i++;
    }
  } else if (isPlainObject(v)) for (const [k, x] of ownEntries(v)) bracketEntries(`${prefix}[${k}]`, x, out);
  else out.push([prefix, v]);
  return out;
}

/** `multipart/form-data`: Blobs and Files as file parts, arrays repeated, objects as JSON text. */
export function multipartBody(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const out = new FormData();
  for (const [k, v] of ownEntries(body)) {
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x instanceof Blob) out.append(k, x);
      else if (x !== null) out.append(k, asText(x));
    }
  }
  return out;
}

async function readBody(res: Response, kind: Kind | undefined, parse: (text: string) => unknown = JSON.parse): Promise<unknown> {
  if (res.status === 204 || res.status === 205 || kind === "empty") {
    await res.arrayBuffer();
    return undefined;
  }
  const type = res.headers.get("content-type") ?? "";
  if (kind === "binary") return res.blob();
  const text = await res.text();
  if (kind === "json" || /[/+]json\b/i.test(type)) {
    if (text === "") return undefined;
    try {
      return parse(text);
    } catch {
      return text; // not JSON after all: the text (validateResponses reports it)
    }
  }
  return text;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Milliseconds a Retry-After header asks for (seconds or an HTTP date), if any. */
function retryAfter(res: Response): number | undefined {
  const h = res.headers.get("retry-after");
  if (h === null) return undefined;
  const s = Number(h);
  if (Number.isFinite(s)) return Math.max(0, s * 1000);
  const d = Date.parse(h);
  return Number.isNaN(d) ? undefined : Math.max(0, d - Date.now());
}

/** The shared machinery behind every generated function: URL, auth, body, middleware, timeout, retries, errors. */
export class Core<Throws extends boolean = true> {
  /** Whether calls throw (`true`, the default) or return a {@link Result} (`throwOnError: false`): for the types only. */
  declare readonly throws: Throws;
  readonly options: ClientOptions;
  private readonly schemes: Readonly<Record<string, Scheme>>;
  private readonly defaultBaseUrl: string;
  constructor(options: ClientOptions, schemes: Readonly<Record<string, Scheme>>, defaultBaseUrl: string) {
    if ((options.validateResponses as unknown) === true) {
      throw new TypeError('validateResponses takes validators (import * as V from "./validators.js"), not true');
    }
    this.options = options;
    this.schemes = schemes;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  /** The base URL requests go to: the client's, else the spec's first server (no trailing slash). */
  get baseUrl(): string {
    return (this.options.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, "");
  }

  /**
   * One call: its data (`read` makes it of the answer; the body by default), or with `throwOnError: false` a
   * `Result`, whose `error` holds an `ApiError` of a status the operation declares (any other failure throws).
   */
  async call(op: Op, pathArgs: readonly unknown[], input: Input = {}, options: RequestOptions = {}, read: (answer: Exchange) => unknown = (a) => a.body): Promise<unknown> {
    const result = (options.throwOnError ?? this.options.throwOnError) === false;
    try {
      const answer = await this.request(op, pathArgs, input, options);
      const data = await read(answer);
      return result ? { data, error: undefined, response: answer.response } : data;
    } catch (e) {
      if (result && e instanceof ApiError && declares(op, e.status)) return { data: undefined, error: e, response: e.response };
      throw e;
    }
  }

  /**
   * One request of an operation, with its timeout, retries and middleware, and again once when a 401 answers
   * credentials a function gave and a second call of it (`renew: true`) gives others (a token to refresh).
   * With `url`, the request goes there (a next page's link) with the operation's auth and no parameters or body.
   */
  async request(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions, url?: string): Promise<Exchange> {
    const middleware = [...(this.options.middleware ?? []), ...(options.middleware ?? [])];
    try {
      let auth = await this.credentials(op, options, false);
      for (let renewed = false; ; renewed = true) {
        const prepared = this.prepare(op, pathArgs, input, options, url, auth);
        try {
          return await this.exchange(op, prepared.url, prepared.init, options, middleware);
        } catch (e) {
          if (renewed || !(e instanceof ApiError && e.status === 401) || auth === undefined || !auth.renewable) throw e;
          const again = await this.credentials(op, options, true);
          if (again === undefined || again.values.every((v, i) => v === auth!.values[i])) throw e;
          auth = again;
        }
      }
    } catch (e) {
      let error = e;
      for (const m of middleware) if (m.onError) error = (await m.onError(error)) ?? error;
      throw error;
    }
  }

  /** The URL and request of a call: path, query, header and cookie parameters by style, auth, body, Accept. */
  private prepare(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions, link: string | undefined, auth: Credentials | undefined): { url: string; init: RequestInit } {
    const query: string[] = [];
    let path = op.path;
    const headers = new Headers(this.options.headers);
    const cookies: string[] = [];
    if (link === undefined) {
      let i = 0;
      for (const [name, loc, style, explode, reserved, format] of op.params) {
        const day = format === "date";
        if (loc === "path") {
          path = path.split(`{${name}}`).join(pathText(name, pathArgs[i++], style, explode, day));
          continue;
        }
        const source = loc === "query" ? input.query : loc === "header" ? input.headers : input.cookies;
        const v = source !== undefined && Object.prototype.hasOwnProperty.call(source, name) ? (source as Record<string, unknown>)[name] : undefined;
        if (v === undefined) continue;
        if (loc === "query") {
          if (op.query === undefined) throw new TypeError(`${label(op)}: its descriptor has query parameters but no query encoder`);
          query.push(...op.query(name, v, style, explode, reserved, day));
        }
        else if (loc === "header") headers.set(name, Array.isArray(v) ? v.map((x) => asText(x, day)).join(",") : asText(v, day));
        else cookies.push(`${name}=${encodeURIComponent(asText(v, day))}`);
      }
      // A segment "." or ".." made of path parameters would move the request elsewhere: `getMeta("..")` must not
      // request the parent path. Encoding cannot help (URLs resolve "%2E%2E" as ".." too): refused.
      if (path.split("/").some((seg) => DOT_SEGMENT.test(seg))) {
        throw new TypeError(`${label(op)}: a path parameter makes the dot segment in ${JSON.stringify(path)}; refused`);
      }
    }
    auth?.requirement.forEach((s, k) => {
      const scheme = this.schemes[s]!;
      const v = auth.values[k];
      if (scheme.type === "bearer") headers.set("authorization", `Bearer ${String(v)}`);
      else if (scheme.type === "basic") {
        const { username, password } = v as { username: string; password: string };
        headers.set("authorization", basicAuth(username, password));
      } else if (scheme.in === "header") headers.set(scheme.name, String(v));
      else if (scheme.in === "query") query.push(`${encode(scheme.name, false)}=${encode(String(v), false)}`);
      else cookies.push(`${scheme.name}=${encodeURIComponent(String(v))}`);
    });
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
    if (cookies.length > 0) headers.set("cookie", [headers.get("cookie"), ...cookies].filter(Boolean).join("; "));
    let url: string;
    if (link === undefined) url = this.baseUrl + path + (query.length > 0 ? "?" + query.join("&") : "");
    else url = query.length > 0 ? link + (link.includes("?") ? "&" : "?") + query.join("&") : link;
    let body: BodyInit | undefined;
    if (link === undefined && op.body !== undefined && input.body !== undefined) {
      const [mediaType, encoder, days = [], styles] = op.body;
      const c = op.codecs;
      body =
        encoder === "json"
          ? c !== undefined ? c.write(input.body, op.bodyCodec) : JSON.stringify(input.body)
          : typeof encoder === "function"
            ? encoder(c !== undefined && op.bodyCodec !== undefined ? c.encode(input.body, op.bodyCodec) : input.body, days, styles)
            : (input.body as BodyInit);
      // FormData sets its own content type, with the boundary.
      if (!(body instanceof FormData) && !headers.has("content-type")) headers.set("content-type", mediaType);
    }
    if (!headers.has("accept")) {
      const accepts = [...new Set(Object.values(op.responses).map(([m]) => m))].filter((m) => m !== "");
      if (accepts.length > 0) headers.set("accept", accepts.join(", "));
    }
    return { url, init: { method: link === undefined ? op.method : "GET", headers, ...(body !== undefined ? { body } : {}) } };
  }

  /** A scheme's credential, the call's over the client's; own properties only (a scheme named "constructor"). */
  private credentialOf(options: RequestOptions, scheme: string): Credential<unknown> | undefined {
    for (const auth of [options.auth, this.options.auth] as Array<Record<string, Credential<unknown>> | undefined>) {
      if (auth !== undefined && Object.prototype.hasOwnProperty.call(auth, scheme) && auth[scheme] !== undefined) return auth[scheme];
    }
    return undefined;
  }

  /**
   * The credentials of the first security alternative whose schemes all have one (the call's over the client's),
   * functions called (with `renew`); undefined when none has.
   */
  private async credentials(op: Op, options: RequestOptions, renew: boolean): Promise<Credentials | undefined> {
    for (const requirement of op.security) {
      let renewable = false;
      const values = await Promise.all(
        requirement.map((s) => {
          const c = this.credentialOf(options, s);
          if (typeof c !== "function") return c;
          renewable = true;
          return (c as (context: CredentialContext) => unknown)({ scheme: this.schemes[s]!, baseUrl: this.baseUrl, fetch: this.options.fetch ?? globalThis.fetch, renew });
        }),
      );
      if (values.every((v) => v !== undefined)) return { requirement, values, renewable };
    }
    return undefined;
  }

  /** One request, with its timeout, retries and middleware: the response (body read) and its body, or an error thrown. */
  private async exchange(op: Op, url: string, init: RequestInit, options: RequestOptions, middleware: readonly Middleware[]): Promise<Exchange> {
    const retry = { ...this.options.retry, ...options.retry };
    const maxRetries = retry.maxRetries ?? 2;
    const canRetry = IDEMPOTENT.has(String(init.method)) || retry.retryNonIdempotent === true;
    const limit = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeoutMs = limit > 0 && Number.isFinite(limit) ? limit : undefined;
    const doFetch = this.options.fetch ?? globalThis.fetch;
    const credentials = this.options.credentials;
    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const onAbort = () => controller.abort(options.signal!.reason);
      if (options.signal?.aborted) throw options.signal.reason;
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(new TimeoutError(label(op), timeoutMs)), timeoutMs);
      let res: Response;
      let body: unknown;
      let streaming = false;
      try {
        const attemptInit: RequestInit = { ...init, ...(credentials !== undefined ? { credentials } : {}), signal: controller.signal };
        if (middleware.length === 0) res = await doFetch(url, attemptInit);
        else {
          // A stream body needs `duplex` (Node's Request requires it; the DOM typings do not know it yet).
          let request = new Request(url, { ...attemptInit, duplex: "half" } as RequestInit);
          for (const m of middleware) if (m.onRequest) request = (await m.onRequest(request)) ?? request;
          // The middleware's `request` stays unread: onResponse may send it again (a refreshed token).
          res = await doFetch(request.clone());
          for (const m of middleware) if (m.onResponse) res = (await m.onResponse(res, request)) ?? res;
        }
        const declared = op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`] ?? op.responses["default"];
        // An event stream is read by its consumer: the time limit was for its response; the signal stays linked.
        streaming = res.ok && declared?.[1] === "sse";
        // A HEAD answer has no content, whatever its status declares (RFC 9110 §9.3.2).
        // Dates and int64s (`dates`/`int64` options) become what the types say as the body is read, before validation.
        const codecs = op.codecs;
        body = streaming ? undefined : await readBody(res, op.method === "HEAD" ? "empty" : declared?.[1], codecs && ((text) => codecs.read(text, declared?.[2])));
      } catch (e) {
        const reason = controller.signal.reason;
        if (options.signal?.aborted) throw options.signal.reason;
        // A hung server is a failed attempt like a dropped connection: retried when the method allows it.
        if (canRetry && attempt < maxRetries) {
          await sleep(this.backoff(attempt, retry), options.signal);
          continue;
        }
        if (reason instanceof TimeoutError) throw reason;
        if (e instanceof ApiError || e instanceof ResponseValidationError) throw e;
        throw new NetworkError(label(op), e);
      } finally {
        clearTimeout(timer);
        if (!streaming) options.signal?.removeEventListener("abort", onAbort);
      }
      if (res.ok) {
        const validators = this.options.validateResponses;
        // Bytes read as a Blob are not the JSON value a schema describes: nothing to check them against.
        if (validators !== undefined && !streaming && op.method !== "HEAD" && !(body instanceof Blob)) this.validate(validators, op, res, body);
        return { body, response: res, url };
      }
      const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
      if (retryable && canRetry && attempt < maxRetries) {
        const wait = retryAfter(res) ?? this.backoff(attempt, retry);
        await sleep(Math.min(wait, retry.maxDelayMs ?? 30_000), options.signal);
        continue;
      }
      throw new ApiError(label(op), res.status, body, res.headers, res);
    }
  }

  private backoff(attempt: number, retry: RetryOptions): number {
    const base = (retry.baseDelayMs ?? 500) * 2 ** attempt;
    return Math.min(retry.maxDelayMs ?? 30_000, base * (0.5 + Math.random() * 0.5));
  }

  private validate(validators: ResponseValidators, op: Op, res: Response, body: unknown): void {
    const responses = routesOf(validators).get(label(op))?.responses;
    if (responses === undefined) return;
    const byStatus = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`] ?? responses["default"];
    if (byStatus === undefined) return;
    const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const validator = byStatus[type] ?? Object.values(byStatus)[0];
    if (validator === undefined) return;
    const r = validator.validate(body);
    if (!r.ok) throw new ResponseValidationError(label(op), res.status, r.issues, body);
  }
}

/** Whether an operation declares a status among its errors (exactly, by range, `default`; or declares none). */
function declares(op: Op, status: number): boolean {
  const errors = Object.keys(op.responses).filter((k) => k[0] !== "2");
  const s = String(status);
  return errors.length === 0 || errors.includes(s) || errors.includes(`${s[0]}XX`) || errors.includes("default");
}

/** The credentials a request sends: its security alternative's schemes and their values. */
interface Credentials {
  readonly requirement: readonly string[];
  readonly values: readonly unknown[];
  /** Whether a function gave one (asked again with `renew` after a 401). */
  readonly renewable: boolean;
}

/** What one request got: the response (its body read, but for an event stream's) and the body. */
export interface Exchange {
  body: unknown;
  response: Response;
  /** The URL the request went to (a relative next link resolves against it). */
  url: string;
}
