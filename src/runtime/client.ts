/**
 * The client's runtime: what every generated operation calls to build its request (URL, parameter styles,
 * auth, body), send it (timeout, retries) and read the answer (errors, response validation, pagination).
 * Written once into the output folder (`runtime/client.ts`); client.ts holds the spec's part: descriptors,
 * types and the functions that call `Core`.
 */
import type { Issue, Validator } from "./checks.js";

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

/** A credential, or a function returning one (called for every request, e.g. to refresh a token). */
export type Credential<T> = T | (() => T | Promise<T>);

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
}

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
export type Param = readonly [name: string, loc: "path" | "query" | "header" | "cookie", style: Style, explode: boolean, allowReserved: boolean];
export type Kind = "json" | "text" | "binary" | "form" | "multipart" | "empty";
export type Scheme =
  | { readonly type: "bearer" }
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
  /** The media type, how it is written, and for a form the properties its Encoding Object styles otherwise (`[name, style, explode]`). */
  readonly body?: readonly [mediaType: string, kind: Kind, styles?: ReadonlyArray<readonly [name: string, style: Style, explode: boolean]>];
  /** Alternatives (OR) of scheme lists (AND); [] means no authentication is needed. */
  readonly security: readonly (readonly string[])[];
  readonly responses: Readonly<Record<string, readonly [mediaType: string, kind: Kind]>>;
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

function asText(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Entries of an object value, own properties only. */
function ownEntries(v: unknown): Array<[string, unknown]> {
  return v !== null && typeof v === "object" ? Object.entries(v).filter(([, x]) => x !== undefined) : [];
}

/** `name=value` pairs of one query parameter, by style and explode (already encoded). */
function queryPairs(name: string, v: unknown, style: Style, explode: boolean, reserved: boolean): string[] {
  const n = encode(name, false);
  const e = (s: unknown) => encode(asText(s), reserved);
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
function pathText(name: string, v: unknown, style: Style, explode: boolean): string {
  const e = (s: unknown) => encode(asText(s), false);
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
function formBody(body: unknown, styles?: ReadonlyArray<readonly [name: string, style: Style, explode: boolean]>): URLSearchParams {
  const out = new URLSearchParams();
  const styled = styles === undefined ? undefined : new Map(styles.map(([name, style, explode]) => [name, [style, explode] as const]));
  for (const [k, v] of ownEntries(body)) {
    const s = styled?.get(k);
    if (s !== undefined && v !== null && typeof v === "object" && !(v instanceof Date)) {
      // A form body is a query string: the same pairs, read back by the server's decodeForm.
      for (const pair of queryPairs(k, v, s[0], s[1], false)) {
        const i = pair.indexOf("=");
        out.append(decodeURIComponent(pair.slice(0, i)), decodeURIComponent(pair.slice(i + 1)));
      }
      continue;
    }
    // An object, or an array holding objects, in brackets; any other array as the key repeated.
    if (Array.isArray(v) ? v.some(isPlainObject) : isPlainObject(v)) for (const [key, x] of bracketEntries(k, v)) out.append(key, x === null ? "" : asText(x));
    else for (const x of Array.isArray(v) ? v : [v]) out.append(k, x === null ? "" : asText(x));
  }
  return out;
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
function multipartBody(body: unknown): FormData {
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

async function readBody(res: Response, kind: Kind | undefined): Promise<unknown> {
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
      return JSON.parse(text);
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

async function resolveCredential<T>(c: Credential<T> | undefined): Promise<T | undefined> {
  return typeof c === "function" ? (c as () => T | Promise<T>)() : c;
}

/** The shared machinery behind every generated method: URL, auth, body, timeout, retries, errors. */
export class Core {
  readonly options: ClientOptions;
  private readonly schemes: Readonly<Record<string, Scheme>>;
  private readonly defaultBaseUrl: string;
  constructor(options: ClientOptions, schemes: Readonly<Record<string, Scheme>>, defaultBaseUrl: string) {
    if ((options.validateResponses as unknown) === true) {
      throw new TypeError('validateResponses takes the validators to use, not true: import * as V from "./validators.js", then { validateResponses: V }');
    }
    this.options = options;
    this.schemes = schemes;
    this.defaultBaseUrl = defaultBaseUrl;
  }

  async call(op: Op, pathArgs: readonly unknown[], input: Input = {}, options: RequestOptions = {}): Promise<unknown> {
    const { url, init } = await this.prepare(op, pathArgs, input, options);
    return this.send(op, url, init, options);
  }

  /** The URL and request of a call: path, query, header and cookie parameters by style, auth, body, Accept. */
  private async prepare(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions): Promise<{ url: string; init: RequestInit }> {
    const query: string[] = [];
    let path = op.path;
    const headers = new Headers(this.options.headers);
    const cookies: string[] = [];
    let i = 0;
    for (const [name, loc, style, explode, reserved] of op.params) {
      if (loc === "path") {
        path = path.split(`{${name}}`).join(pathText(name, pathArgs[i++], style, explode));
        continue;
      }
      const source = loc === "query" ? input.query : loc === "header" ? input.headers : input.cookies;
      const v = source !== undefined && Object.prototype.hasOwnProperty.call(source, name) ? (source as Record<string, unknown>)[name] : undefined;
      if (v === undefined) continue;
      if (loc === "query") query.push(...queryPairs(name, v, style, explode, reserved));
      else if (loc === "header") headers.set(name, Array.isArray(v) ? v.map(asText).join(",") : asText(v));
      else cookies.push(`${name}=${encodeURIComponent(asText(v))}`);
    }
    // A segment "." or ".." made of path parameters would move the request elsewhere: `getMeta("..")` must not
    // request the parent path. Encoding cannot help (URLs resolve "%2E%2E" as ".." too): refused.
    if (path.split("/").some((seg) => DOT_SEGMENT.test(seg))) {
      throw new TypeError(`${label(op)}: a path parameter makes the dot segment in ${JSON.stringify(path)}; refused`);
    }
    await this.authenticate(op, { ...this.options.auth, ...options.auth }, headers, query, cookies);
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
    if (cookies.length > 0) headers.set("cookie", [headers.get("cookie"), ...cookies].filter(Boolean).join("; "));
    const base = (this.options.baseUrl ?? this.defaultBaseUrl).replace(/\/+$/, "");
    const url = base + path + (query.length > 0 ? "?" + query.join("&") : "");
    let body: BodyInit | undefined;
    if (op.body !== undefined && input.body !== undefined) {
      const [mediaType, kind, styles] = op.body;
      if (kind === "form") body = formBody(input.body, styles);
      else if (kind === "multipart") body = multipartBody(input.body);
      else if (kind === "json") body = JSON.stringify(input.body);
      else body = input.body as BodyInit;
      if (kind !== "multipart" && !headers.has("content-type")) headers.set("content-type", kind === "form" ? "application/x-www-form-urlencoded" : mediaType);
    }
    if (!headers.has("accept")) {
      const accepts = [...new Set(Object.values(op.responses).map(([m]) => m))].filter((m) => m !== "");
      if (accepts.length > 0) headers.set("accept", accepts.join(", "));
    }
    return { url, init: { method: op.method, headers, ...(body !== undefined ? { body } : {}) } };
  }

  /**
   * Follows a URL the API returned (`next` pagination) with the operation's auth and the call's options. Only a
   * URL on the base URL's origin is followed: credentials go nowhere else (anything else throws, nothing is sent).
   */
  async follow(op: Op, url: string, options: RequestOptions = {}): Promise<unknown> {
    return (await this.followExchange(op, url, options)).body;
  }

  private async followExchange(op: Op, url: string, options: RequestOptions): Promise<Exchange> {
    const origin = new URL(this.options.baseUrl ?? this.defaultBaseUrl).origin;
    if (new URL(url).origin !== origin) throw new Error(`${label(op)}: refused to follow a next link to another origin than ${origin}: ${url}`);
    const headers = new Headers(this.options.headers);
    const query: string[] = [];
    const cookies: string[] = [];
    await this.authenticate(op, { ...this.options.auth, ...options.auth }, headers, query, cookies);
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
    if (cookies.length > 0) headers.set("cookie", [headers.get("cookie"), ...cookies].filter(Boolean).join("; "));
    const full = query.length > 0 ? url + (url.includes("?") ? "&" : "?") + query.join("&") : url;
    return this.exchange(op, full, { method: "GET", headers }, options);
  }

  private async authenticate(op: Op, auth: Partial<Record<string, Credential<unknown>>>, headers: Headers, query: string[], cookies: string[]): Promise<void> {
    for (const requirement of op.security) {
      // Own properties only: a scheme named "constructor" must not find Object.prototype.constructor.
      const values = await Promise.all(
        requirement.map((s) => resolveCredential(Object.prototype.hasOwnProperty.call(auth, s) ? (auth as Record<string, Credential<unknown>>)[s] : undefined)),
      );
      if (values.some((v) => v === undefined)) continue;
      requirement.forEach((s, k) => {
        const scheme = this.schemes[s]!;
        const v = values[k];
        if (scheme.type === "bearer") headers.set("authorization", `Bearer ${String(v)}`);
        else if (scheme.type === "basic") {
          const { username, password } = v as { username: string; password: string };
          headers.set("authorization", basicAuth(username, password));
        } else if (scheme.in === "header") headers.set(scheme.name, String(v));
        else if (scheme.in === "query") query.push(`${encode(scheme.name, false)}=${encode(String(v), false)}`);
        else cookies.push(`${scheme.name}=${encodeURIComponent(String(v))}`);
      });
      return;
    }
  }

  private async send(op: Op, url: string, init: RequestInit, options: RequestOptions): Promise<unknown> {
    return (await this.exchange(op, url, init, options)).body;
  }

  /** One request, with its timeout and retries: the response (body read) and its body, or an error thrown. */
  private async exchange(op: Op, url: string, init: RequestInit, options: RequestOptions): Promise<Exchange> {
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
      try {
        res = await doFetch(url, { ...init, ...(credentials !== undefined ? { credentials } : {}), signal: controller.signal });
        const declared = op.responses[String(res.status)] ?? op.responses[`${String(res.status)[0]}XX`] ?? op.responses["default"];
        body = await readBody(res, declared?.[1]);
      } catch (e) {
        const reason = controller.signal.reason;
        if (options.signal?.aborted) throw options.signal.reason;
        // A hung server is a failed attempt like a dropped connection: retried when the method allows it.
        if (canRetry && attempt < maxRetries) {
          await sleep(this.backoff(attempt, retry), options.signal);
          continue;
        }
        if (reason instanceof TimeoutError) throw reason;
        throw new NetworkError(label(op), e);
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      }
      if (res.ok) {
        const validators = this.options.validateResponses;
        // Bytes read as a Blob are not the JSON value a schema describes: nothing to check them against.
        if (validators !== undefined && !(body instanceof Blob)) this.validate(validators, op, res, body);
        return { body, response: res };
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

  /** Items across pages, in order: every page's items (see `pages`). */
  async *paginate(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination): AsyncGenerator<unknown> {
    for await (const page of this.pages(op, pathArgs, input, options, p)) yield* page.items;
  }

  /**
   * Pages in turn, from the call's request to the last page: each is asked for by the one before it
   * (`nextPage()`), so that a page the caller already asked for is not requested twice.
   */
  async *pages(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination): AsyncGenerator<Page> {
    let page: Page | undefined = await this.page(op, pathArgs, input, options, p);
    while (page !== undefined) {
      yield page;
      page = await page.nextPage();
    }
  }

  /**
   * One page: the one the call asks for (its page, offset or cursor, else the first), or the one `from` says, a
   * page's `next` (plain data, which may have been kept anywhere: its URL is held to the base URL's origin as
   * any next link is, and its query only moves parameters the operation declares).
   */
  page(op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions | undefined, p: Pagination, from?: PageRef | null): Promise<Page> {
    const call: PagedCall = { op, pathArgs, input, options: options ?? {}, p };
    return this.pageAt(call, from ?? undefined);
  }

  /** The page of a paged call that `ref` says (undefined: the call's own). */
  private async pageAt(call: PagedCall, ref: PageRef | undefined): Promise<Page> {
    const { p } = call;
    if (ref?.url !== undefined) return this.toPage(call, { page: 0, offset: 0, size: undefined }, ref.url, await this.followExchange(call.op, ref.url, call.options));
    const input: Input = ref === undefined ? call.input : { ...call.input, query: { ...(call.input.query as Record<string, unknown> | undefined), ...ref.query } };
    const query = (input.query ?? {}) as Record<string, unknown>;
    const at: PageAt = {
      page: p.kind === "page" ? Number(query[p.pageParam] ?? 1) : 0,
      offset: p.kind === "offset" ? Number(query[p.offsetParam] ?? 0) : 0,
      // Without a limit asked for, the server's page size is what the first page holds.
      size: p.kind === "offset" && query[p.limitParam] !== undefined ? Number(query[p.limitParam]) : ref?.size,
    };
    const { url, init } = await this.prepare(call.op, call.pathArgs, input, call.options);
    return this.toPage(call, at, url, await this.exchange(call.op, url, init, call.options));
  }

  /** A page from its answer: its items, and where the next page is when this one says there is one. */
  private toPage(call: PagedCall, at: PageAt, url: string, { body, response }: Exchange): Page {
    const found = bodyAt(body, call.p.items);
    const items: unknown[] = Array.isArray(found) ? found : [];
    // An empty page ends it whatever it says: a server that keeps answering "more" with nothing would loop forever.
    const next = items.length === 0 ? undefined : this.nextOf(call, at, url, body, response, items);
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
        pending ??= this.pageAt(call, next).catch((e: unknown) => {
          pending = undefined;
          throw e;
        });
        return pending;
      },
    };
  }

  /** Where the page after this one is, or undefined when this is the last. */
  private nextOf(call: PagedCall, at: PageAt, url: string, body: unknown, response: Response, items: readonly unknown[]): PageRef | undefined {
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
}

/** A paged call: the operation, the caller's arguments and options, and how the operation pages. */
interface PagedCall {
  readonly op: Op;
  readonly pathArgs: readonly unknown[];
  readonly input: Input;
  readonly options: RequestOptions;
  readonly p: Pagination;
}

/** What one request got: the response (its body read) and the body. */
interface Exchange {
  body: unknown;
  response: Response;
}

/** Where a page is: its page number and offset (for those kinds), and the page size an offset steps by. */
interface PageAt {
  readonly page: number;
  readonly offset: number;
  readonly size: number | undefined;
}

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
