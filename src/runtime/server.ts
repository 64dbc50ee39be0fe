/**
 * The server's runtime: the request pipeline behind every generated handler (routing, security, parameters,
 * bodies, problem responses, response validation, CORS). Written once into the output folder
 * (`runtime/server.ts`); server.ts holds the spec's part: the route table, the handler types, `createHandler`.
 */
import { decodeForm, type RawParams } from "./params.js";
import type { Issue, Result, Validator } from "./checks.js";
import type { Codec, Codecs } from "./codec.js";
import { encodeEventStream, type ServerSentEventInit } from "./event-stream.js";

export type { ServerSentEventInit } from "./event-stream.js";
export { bigintCodecs, dateCodecs, type Codec } from "./codec.js";

/** An RFC 9457 problem body: what every error response of the server carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | undefined;
  /** Validation issues, each with its JSON pointer (`/query/per_page`, `/body/user_id`). */
  issues?: Issue[] | undefined;
}

/** What `authenticate` is asked about: one scheme of the operation's security requirement. */
export interface AuthContext {
  operation: string;
  scheme: string;
  type: "bearer" | "basic" | "apiKey";
  /** The token or API key, or `{ username, password }` for basic. */
  credentials: string | { username: string; password: string };
  /** Scopes the operation requires for this scheme. */
  scopes: readonly string[];
  request: Request;
}

export interface HandlerOptions {
  /**
   * Decides whether credentials are good: return a principal (anything but undefined/false) to accept, or
   * undefined/false to reject (401). Without it, any well-formed credentials are accepted as themselves.
   */
  authenticate?: ((ctx: AuthContext) => unknown | Promise<unknown>) | undefined;
  /** Largest accepted request body in bytes (default 1 MiB); larger → 413. */
  maxBodyBytes?: number | undefined;
  /** Check handlers' response bodies against the spec; a mismatch → 500 and `onError`. */
  validateResponses?: boolean | undefined;
  /** Called with every unexpected error (a throwing handler, an invalid response); never shown to clients. */
  onError?: ((error: unknown, info: { operation: string; request: Request }) => void) | undefined;
  /** A path prefix to strip before routing (e.g. "/api/v1"). */
  basePath?: string | undefined;
  /**
   * The `WWW-Authenticate` value of a 401: return a value, or undefined to send none. Without it, one challenge
   * per scheme type of the operation (`Basic realm="api", Bearer realm="api"`, given as `standard`). A `Basic`
   * challenge makes a browser open its own login dialog for a fetch that sends credentials (a same-origin app's
   * default), and the call waits on it: an API for such an app can leave it out here.
   */
  challenge?: ((info: ChallengeInfo) => string | undefined) | undefined;
  /** Cross-origin access for browser apps served from other origins (CORS). Without it, no CORS headers. */
  cors?: CorsOptions | undefined;
  /**
   * The body of an error the server makes itself (invalid input, 401, 413, 415) where the operation declares that
   * status with a body that is not a problem document: the problem made into the declared body. The generated
   * `createHandler` requires it, typed, when the spec declares such a body. Without it such an error is sent as
   * `application/problem+json`.
   */
  errorBody?: ((problem: Problem, info: ErrorInfo) => unknown) | undefined;
}

/** `HandlerOptions.cors`. */
export interface CorsOptions {
  /**
   * The origins allowed, each exactly as a browser sends it (`https://app.example.com`, with a port when it is
   * not the default one); a test of the `Origin` header; or `"*"`, any origin without credentials.
   */
  origins: readonly string[] | ((origin: string) => boolean) | "*";
  /** Let the page send its cookies and HTTP auth, and read the answer (`Access-Control-Allow-Credentials`). Not with `"*"`. */
  credentials?: boolean | undefined;
  /** How long a browser may keep a preflight's answer, in seconds (default 600). */
  maxAge?: number | undefined;
  /** Response headers the page may read beside the CORS-safelisted ones (`Link`, `X-Total-Count`…). */
  exposeHeaders?: readonly string[] | undefined;
}

/** What `HandlerOptions.challenge` is asked with. */
export interface ChallengeInfo {
  operation: string;
  /** The security schemes the operation accepts, by name. */
  schemes: string[];
  /** The value sent without a `challenge` option. */
  standard: string;
  request: Request;
}

/** What a handler that is not written yet returns (scaffold stubs do); sent as a 501 problem. */
export interface NotImplemented {
  status: 501;
  body?: Problem | undefined;
  headers?: Record<string, string> | undefined;
}

/** A 501 result for a handler that is not written yet. */
export function notImplemented(operation: string): NotImplemented {
  return { status: 501, body: { type: "about:blank", title: "Not implemented", status: 501, detail: `${operation} is not implemented yet.` } };
}

/** Handler results: a declared status, a body of its type, and headers. */
export interface Reply<S extends number | "default", B> {
  status: S extends "default" ? number : S;
  body: B;
  headers?: Record<string, string> | undefined;
  /** The media type to send, when the status declares several (default: the first). */
  contentType?: string | undefined;
}

/** How a body is read or written; `sse`: a `text/event-stream` response, from the async iterable of events a handler returns. */
export type Kind = "json" | "text" | "binary" | "form" | "multipart" | "empty" | "sse";
export interface Route {
  readonly op: string;
  readonly method: string;
  readonly path: string;
  readonly security: readonly (readonly (readonly [scheme: string, scopes: readonly string[]])[])[];
  /** The body's media types and how each is read; `codec`: where a JSON body holds dates or int64s. */
  readonly body?: { readonly required: boolean; readonly media: Readonly<Record<string, Kind>>; readonly codec?: Codec };
  /** By status: the media type, how the body is written, and where it holds dates or int64s. */
  readonly responses: Readonly<Record<string, readonly [mediaType: string, kind: Kind, codec?: Codec]>>;
  /** With `dates: "Date"` or `int64: "bigint"`, in an operation whose bodies hold such values: how to convert them. */
  readonly codecs?: Codecs;
}
export type Scheme =
  | { readonly type: "bearer" }
  | { readonly type: "basic" }
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string };
interface RouteNode {
  readonly fixed: Map<string, RouteNode>;
  /**
   * Segments of text and parameters (`{base}...{head}`, `{name}.json`), by their text between the parameters:
   * `["", "...", ""]`; tried after the fixed segments, those with the most text first.
   */
  readonly patterns: Array<{ readonly key: string; readonly texts: readonly string[]; readonly node: RouteNode }>;
  /** The subtree of a parameter segment; its name is each route's own (`paramNames`). */
  param?: RouteNode;
  readonly methods: Map<string, Route>;
}

/** A parameter in a path template: `{name}`. */
const PARAM = /\{([^{}]+)\}/g;

const MAX_BODY = 1024 * 1024;

/**
 * Bodies carried beside the Web objects between this handler and the `node:http` adapter (server-node.ts), on
 * a key both know: on Node 20, a Request or Response body costs a ReadableStream each way, most of a small
 * request's time. The adapter gives a request made for this handler (the function carries the key) its bytes
 * here and no body stream; the handler keeps the text of its JSON and text responses here, and gives it to the
 * response itself unless the request came so. Any other caller sees plain Web requests and responses.
 */
const BODY: unique symbol = Symbol.for("specforge.body") as never;
type Carried = { [BODY]?: Uint8Array | string | true };

/** The `Access-Control-Allow-Origin` value for a request's `Origin`, or undefined when it is not allowed. */
function corsOrigin(cors: CorsOptions | undefined, origin: string | null): string | undefined {
  if (cors === undefined || origin === null) return undefined;
  if (cors.origins === "*") return "*";
  const allowed = typeof cors.origins === "function" ? cors.origins(origin) : cors.origins.includes(origin);
  return allowed ? origin : undefined;
}

/** The CORS headers of an answer to an allowed origin. */
function corsHeaders(headers: Headers, cors: CorsOptions, allowOrigin: string): void {
  headers.set("access-control-allow-origin", allowOrigin);
  if (allowOrigin !== "*" && cors.credentials) headers.set("access-control-allow-credentials", "true");
  if (cors.exposeHeaders && cors.exposeHeaders.length > 0) headers.set("access-control-expose-headers", cors.exposeHeaders.join(", "));
}

/** A response whose text is kept beside it (see `BODY`); a status that has no body throws, as `new Response(text)` does. */
function respond(text: string, init: ResponseInit): Response {
  if (init.status === 204 || init.status === 205 || init.status === 304) throw new TypeError(`a ${init.status} response cannot have a body`);
  const response = new Response(null, init);
  (response as Response & Carried)[BODY] = text;
  return response;
}

/**
 * The problem a response of the server's own carries beside it, so that once the operation is known it can be
 * answered as the spec declares (`declaredError`): `invalid` marks input that failed its schema (422 where the
 * operation declares 422).
 */
const PROBLEM: unique symbol = Symbol("specforge.problem") as never;
type Made = { [PROBLEM]?: { problem: Problem; headers: Record<string, string>; invalid: boolean } };

function problem(status: number, title: string, extra: Partial<Problem> = {}, headers: Record<string, string> = {}, invalid = false): Response {
  const body: Problem = { type: "about:blank", title, status, ...extra };
  const response = respond(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json", ...headers } });
  (response as Response & Made)[PROBLEM] = { problem: body, headers, invalid };
  return response;
}

/** What `HandlerOptions.errorBody` is asked with, beside the problem. */
export interface ErrorInfo {
  operation: string;
  /** The status the answer will have: the one the problem names, or 422 for invalid input where only 422 is declared. */
  status: number;
  request: Request;
}

/**
 * A handler's answer with a status its operation does not declare: the explicit way out of the declared
 * statuses (a 404 for a missing resource of an API whose spec declares none). Made by `undeclared()` only.
 */
export interface Undeclared {
  readonly [UNDECLARED]: true;
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string> | undefined;
}
const UNDECLARED: unique symbol = Symbol("specforge.undeclared") as never;

/**
 * Answers a status the operation does not declare, sent as it is (JSON, or no content): nothing checks it, and a
 * generated client types its body `unknown`. Use it for what the spec forgot, not instead of declaring.
 */
export function undeclared(status: number, body?: unknown, headers?: Record<string, string>): Undeclared {
  return { [UNDECLARED]: true, status, ...(body !== undefined ? { body } : {}), ...(headers !== undefined ? { headers } : {}) };
}

/** The methods of a route, as `Allow` lists them: `HEAD` beside `GET` unless the spec declares `HEAD` itself. */
function allowedMethods(node: RouteNode): string {
  const methods = [...node.methods.keys()];
  if (methods.includes("GET") && !methods.includes("HEAD")) methods.splice(methods.indexOf("GET") + 1, 0, "HEAD");
  return methods.join(", ");
}

/** The 413 of a body over the limit. */
function tooLarge(max: number): Response {
  return problem(413, "Request body too large", { detail: `The limit is ${max} bytes.` });
}

function newNode(): RouteNode {
  return { fixed: new Map(), patterns: [], methods: new Map() };
}

/**
 * A tree of path segments: fixed segments beat segments of text and parameters, which beat parameters, then it
 * backtracks. Parameters are matched by position: the lookup gives their values in path order, and the route that
 * answers names them (`paramNames`), so that `/services/{Sid}` and `/services/{ServiceSid}/users` each get their
 * own names. Two routes of one method that no path tells apart (`/a/{x}`, `/a/{y}`): the first answers (the
 * generator warns, SF3012).
 */
function makeRouter(routes: readonly Route[]): (path: string) => { node: RouteNode; values: string[] } | undefined {
  const root = newNode();
  for (const r of routes) {
    let n = root;
    for (const seg of r.path.split("/").slice(1)) {
      const texts = seg.split(PARAM).filter((_, i) => i % 2 === 0);
      if (texts.length === 1) {
        let next = n.fixed.get(seg);
        if (!next) n.fixed.set(seg, (next = newNode()));
        n = next;
      } else if (texts.length === 2 && texts[0] === "" && texts[1] === "") {
        n = n.param ??= newNode();
      } else {
        const key = texts.join("{}");
        let pattern = n.patterns.find((p) => p.key === key);
        if (!pattern) {
          n.patterns.push((pattern = { key, texts, node: newNode() }));
          n.patterns.sort((a, b) => b.texts.join("").length - a.texts.join("").length);
        }
        n = pattern.node;
      }
    }
    if (!n.methods.has(r.method)) n.methods.set(r.method, r);
  }
  const walk = (n: RouteNode, segs: string[], i: number, values: string[]): { node: RouteNode; values: string[] } | undefined => {
    if (i === segs.length) return n.methods.size > 0 ? { node: n, values } : undefined;
    const seg = segs[i]!;
    // A static segment matches as sent or percent-decoded (a client sends "`" in a template as "%60").
    const fixed = n.fixed.get(seg) ?? (seg.includes("%") ? n.fixed.get(decodeSegment(seg) ?? seg) : undefined);
    const viaFixed = fixed && walk(fixed, segs, i + 1, values);
    if (viaFixed) return viaFixed;
    for (const p of n.patterns) {
      const found = matchTexts(seg, p.texts);
      const via = found && walk(p.node, segs, i + 1, [...values, ...found]);
      if (via) return via;
    }
    if (n.param && seg !== "") return walk(n.param, segs, i + 1, [...values, seg]);
    return undefined;
  };
  return (path) => {
    // A single trailing slash is ignored: "/a/" routes like "/a".
    const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
    return walk(root, trimmed.split("/").slice(1), 0, []);
  };
}

/**
 * The parameters' values of a segment of text and parameters, `texts` being the text around them (`["", "...",
 * ""]` for `{base}...{head}`); undefined when it doesn't match. Each value is at least one character and ends at
 * the first place the next text follows (`a...b...c` is `a` and `b...c`).
 */
function matchTexts(seg: string, texts: readonly string[]): string[] | undefined {
  const first = texts[0]!;
  const last = texts[texts.length - 1]!;
  if (!seg.startsWith(first) || !seg.endsWith(last)) return undefined;
  const end = seg.length - last.length;
  const values: string[] = [];
  let at = first.length;
  for (let t = 1; t < texts.length - 1; t++) {
    const next = seg.indexOf(texts[t]!, at + 1);
    if (next === -1 || next + texts[t]!.length > end) return undefined;
    values.push(seg.slice(at, next));
    at = next + texts[t]!.length;
  }
  if (end - at < 1) return undefined;
  values.push(seg.slice(at, end));
  return values;
}

/** The names of a route's path parameters, in path order. */
function paramNames(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]!);
}

/** decodeURIComponent, or undefined for malformed percent-encoding. */
function decodeSegment(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function credentialsOf(scheme: Scheme, request: Request, url: URL): AuthContext["credentials"] | undefined {
  if (scheme.type === "apiKey") {
    if (scheme.in === "header") return request.headers.get(scheme.name) ?? undefined;
    if (scheme.in === "query") return url.searchParams.get(scheme.name) ?? undefined;
    for (const part of (request.headers.get("cookie") ?? "").split(";")) {
      const i = part.indexOf("=");
      if (i === -1 || part.slice(0, i).trim() !== scheme.name) continue;
      const raw = part.slice(i + 1).trim();
      return decodeSegment(raw) ?? raw; // not percent-encoded: taken as it is, and authenticate decides
    }
    return undefined;
  }
  const header = request.headers.get("authorization") ?? "";
  const [kind, value] = [header.slice(0, header.indexOf(" ")).toLowerCase(), header.slice(header.indexOf(" ") + 1).trim()];
  if (scheme.type === "bearer") return kind === "bearer" && value !== "" ? value : undefined;
  if (kind !== "basic" || value === "") return undefined;
  let decoded: string;
  try {
    const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
    decoded = new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  return colon === -1 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The body bytes, at most `max` (413 past it), whatever Content-Length claims. */
async function readBody(request: Request, max: number): Promise<ArrayBuffer | Response> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > max) return tooLarge(max);
  const carried = (request as Request & Carried)[BODY];
  if (carried instanceof Uint8Array) {
    if (carried.byteLength > max) return tooLarge(max);
    return new Uint8Array(carried).buffer as ArrayBuffer;
  }
  if (request.body === null) return new ArrayBuffer(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return tooLarge(max);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

function prefixed(issues: Issue[], prefix: string): Issue[] {
  return issues.map((i) => ({ ...i, path: prefix + i.path }));
}

async function decodeBody(
  route: Route,
  request: Request,
  validators: OperationValidators,
  max: number,
): Promise<{ body: unknown } | Response> {
  const spec = route.body!;
  const raw = await readBody(request, max);
  if (raw instanceof Response) return raw;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (raw.byteLength === 0 && type === "") {
    if (spec.required) return problem(400, "Request body required", { issues: [{ path: "/body", keyword: "required", message: "a request body is required", schemaPointer: "" }] });
    return { body: undefined };
  }
  const media = Object.keys(spec.media).find((m) => m.toLowerCase() === type) ?? Object.keys(spec.media).find((m) => m === "*/*" || (m.endsWith("/*") && type.startsWith(m.slice(0, -1))));
  if (media === undefined) {
    return problem(415, "Unsupported media type", { detail: `Send one of: ${Object.keys(spec.media).join(", ")}.` }, { "accept-post": Object.keys(spec.media).join(", ") });
  }
  const kind = spec.media[media]!;
  let body: unknown;
  const text = () => new TextDecoder().decode(raw);
  if (kind === "json") {
    try {
      // Dates and int64s (`dates`/`int64` options) become what the handler's types say as it is read, before validation.
      body = route.codecs !== undefined ? route.codecs.read(text(), spec.codec) : JSON.parse(text());
    } catch (e) {
      // A codec's walk of a body nested deeper than the stack: what the validators say of such a body.
      if (e instanceof RangeError) return problem(400, "Invalid request body", { issues: [{ path: "/body", keyword: "nesting", message: "nested too deeply", schemaPointer: "" }] }, {}, true);
      return problem(400, "Malformed JSON", { detail: e instanceof Error ? e.message : String(e) });
    }
  } else if (kind === "form") body = decodeForm(new URLSearchParams(text()), validators.forms[media] ?? "s");
  else if (kind === "multipart") {
    try {
      const form = await new Response(raw, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
      body = decodeForm(form, validators.forms[media] ?? "s");
    } catch {
      return problem(400, "Malformed multipart body");
    }
  } else if (kind === "text") body = text();
  else body = new Blob([raw], { type });
  const validator = validators.body[media];
  if (validator) {
    const r = validator.validate(body);
    if (!r.ok) return problem(400, "Invalid request body", { issues: prefixed(r.issues, "/body") }, {}, true);
  }
  return { body };
}

export interface OperationValidators {
  readonly parseParams: (raw: RawParams) => Result<unknown>;
  readonly body: Readonly<Record<string, Validator<unknown>>>;
  readonly forms: Readonly<Record<string, unknown>>;
  readonly responses: Readonly<Record<string, Readonly<Record<string, Validator<unknown>>>>>;
}

function encodeReply(reply: { status: number; body?: unknown; headers?: Record<string, string>; contentType?: string }, declared: readonly [string, Kind, Codec?] | undefined, codecs: Codecs | undefined): Response {
  const headers = new Headers(reply.headers);
  if (reply.body === undefined || declared === undefined || declared[1] === "empty") return new Response(null, { status: reply.status, headers });
  const media = reply.contentType ?? declared[0];
  if (!headers.has("content-type")) headers.set("content-type", media);
  const kind = reply.contentType ? (kindOf(reply.contentType)) : declared[1];
  if (kind === "sse") {
    if (!headers.has("cache-control")) headers.set("cache-control", "no-cache");
    const json = codecs === undefined ? undefined : (data: unknown) => codecs.write(data, declared[2]);
    return new Response(encodeEventStream(reply.body as AsyncIterable<ServerSentEventInit>, json), { status: reply.status, headers });
  }
  if (kind === "json") {
    // A `date` goes as its day, an int64 bigint as its digits (`dates`/`int64` options).
    return respond((codecs !== undefined ? codecs.write(reply.body, declared[2]) : JSON.stringify(reply.body)) ?? "null", { status: reply.status, headers });
  }
  if (kind === "text" && typeof reply.body === "string") return respond(reply.body, { status: reply.status, headers });
  return new Response(reply.body as BodyInit, { status: reply.status, headers });
}

function kindOf(media: string): Kind {
  return /json/i.test(media) ? "json" : /^text\/event-stream\b/i.test(media) ? "sse" : /^text\//i.test(media) ? "text" : "binary";
}

/**
 * The request pipeline every generated handler runs: route (404/405), security (401), parameters (400), body
 * (413/415/400), the handler (500 when it throws, without its message), the declared response (optionally
 * validated).
 */
export function createPipeline(
  routes: readonly Route[],
  schemes: Readonly<Record<string, Scheme>>,
  validators: Readonly<Record<string, OperationValidators>>,
  handlers: Readonly<Record<string, (ctx: any) => unknown>>,
  options: HandlerOptions = {},
): (request: Request) => Promise<Response> {
  const route = makeRouter(routes);
  const names = new Map(routes.map((r) => [r, paramNames(r.path)]));
  const namesOf = (r: Route): string[] => names.get(r) ?? [];
  const max = options.maxBodyBytes ?? MAX_BODY;
  const report = (error: unknown, operation: string, request: Request) => {
    try {
      options.onError?.(error, { operation, request });
    } catch {
      // a failing onError must not take the server down
    }
  };
  const basePath = (options.basePath ?? "").replace(/\/+$/, "");
  const cors = options.cors;
  const handle = async (request: Request): Promise<Response> => {
    const allowOrigin = corsOrigin(cors, request.headers.get("origin"));
    const response = await run(request, allowOrigin);
    // Every answer to an allowed origin (errors too) says so, or the page could not read it; caches are told
    // that answers differ by origin.
    if (allowOrigin !== undefined) corsHeaders(response.headers, cors!, allowOrigin);
    if (cors && cors.origins !== "*") response.headers.append("vary", "Origin");
    // A response to HEAD carries GET's status and headers, and no content (RFC 9110).
    if (request.method.toUpperCase() === "HEAD") return new Response(null, { status: response.status, headers: response.headers });
    const text = (response as Response & Carried)[BODY];
    // The text kept beside a response is the node adapter's to write when it made the request; else it goes in.
    if (typeof text !== "string" || (request as Request & Carried)[BODY] !== undefined) return response;
    return new Response(text, { status: response.status, headers: response.headers });
  };
  // The key tells the node adapter that this handler reads bodies carried beside its requests.
  (handle as typeof handle & Carried)[BODY] = true;
  return handle;

  async function run(request: Request, allowOrigin: string | undefined): Promise<Response> {
    let operation = "";
    try {
      const url = new URL(request.url);
      let path = url.pathname;
      if (basePath) {
        // The prefix must end at a segment boundary: "/api" matches "/api" and "/api/x", not "/apix".
        if (path !== basePath && !path.startsWith(basePath + "/")) return problem(404, "Not found");
        path = path.slice(basePath.length) || "/";
      }
      const found = route(path);
      if (!found) return problem(404, "Not found");
      const method = request.method.toUpperCase();
      // HEAD is GET without the body (RFC 9110), unless the spec declares HEAD itself.
      const r = found.node.methods.get(method) ?? (method === "HEAD" ? found.node.methods.get("GET") : undefined);
      if (cors && method === "OPTIONS" && !r && request.headers.has("access-control-request-method")) {
        // A CORS preflight: the browser asks before a request it may not send unasked. It carries no credentials.
        if (allowOrigin === undefined) return problem(403, "Origin not allowed");
        const headers = new Headers({ "access-control-allow-methods": allowedMethods(found.node), "access-control-max-age": String(cors.maxAge ?? 600) });
        const asked = request.headers.get("access-control-request-headers");
        // The headers asked for are echoed when they are a plain list of header names.
        if (asked !== null && /^\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*\s*$/.test(asked)) headers.set("access-control-allow-headers", asked);
        headers.append("vary", "Access-Control-Request-Method, Access-Control-Request-Headers");
        return new Response(null, { status: 204, headers });
      }
      if (!r) {
        const allow = allowedMethods(found.node);
        return problem(405, "Method not allowed", { detail: `Allowed: ${allow}.` }, { allow });
      }
      operation = r.op;
      return declaredError(r, request, await serveOperation(r, found.values, url, request));
    } catch (e) {
      report(e, operation, request);
      return problem(500, "Internal server error");
    }
  }

  /**
   * A response of the server's own (a problem) for operation `r`, as the spec declares it: invalid input is 422
   * where the operation declares 422 and not 400; a status the operation declares with a body that is not a problem
   * document gets that body from `errorBody`, in the declared media type. Anything else stays as it was.
   */
  function declaredError(r: Route, request: Request, response: Response): Response {
    const made = (response as Response & Made)[PROBLEM];
    if (made === undefined) return response;
    // Invalid input is the 400 the operation declares, else its 422 (Alo declares only 422 for it), else 400.
    const status = made.invalid && r.responses["400"] === undefined && r.responses["422"] !== undefined ? 422 : made.problem.status;
    const key = String(status);
    const declared = r.responses[key] ?? r.responses[`${key[0]}XX`] ?? r.responses["default"];
    const asProblem = declared === undefined || declared[0] === "" || /problem\+json/i.test(declared[0]) || options.errorBody === undefined;
    const p: Problem = status === made.problem.status ? made.problem : { ...made.problem, status };
    if (asProblem) return status === made.problem.status ? response : problem(status, p.title, p, made.headers);
    let body: unknown;
    try {
      body = options.errorBody!(p, { operation: r.op, status, request });
    } catch (e) {
      report(e, r.op, request);
      return problem(500, "Internal server error");
    }
    return encodeReply({ status, body, headers: made.headers }, declared, r.codecs);
  }

  /** The rest of a request once its operation is known: path parameters, security, parameters, body, the handler. */
  async function serveOperation(r: Route, values: readonly string[], url: URL, request: Request): Promise<Response> {
    const pathParams: Record<string, string> = {};
    const names = namesOf(r);
    for (const [i, v] of values.entries()) {
      const k = names[i]!;
      const value = decodeSegment(v);
      if (value === undefined) {
        return problem(400, "Malformed path", { issues: [{ path: `/path/${k}`, keyword: "format", message: "is not valid percent-encoding", schemaPointer: "" }] });
      }
      Object.defineProperty(pathParams, k, { value, enumerable: true, writable: true, configurable: true });
    }
    // Security: the first alternative whose schemes all carry credentials that authenticate.
    let auth: Record<string, unknown> | undefined = r.security.length === 0 ? {} : undefined;
    let presented = false;
    for (const requirement of r.security) {
      const principals: Record<string, unknown> = {};
      let ok = true;
      for (const [name, scopes] of requirement) {
        const scheme = schemes[name]!;
        const credentials = credentialsOf(scheme, request, url);
        if (credentials === undefined) {
          ok = false;
          break;
        }
        presented = true;
        const principal = options.authenticate
          ? await options.authenticate({ operation: r.op, scheme: name, type: scheme.type, credentials, scopes, request })
          : credentials;
        if (principal === undefined || principal === false || principal === null) {
          ok = false;
          break;
        }
        Object.defineProperty(principals, name, { value: principal, enumerable: true, writable: true, configurable: true });
      }
      if (ok) {
        auth = principals;
        break;
      }
    }
    if (auth === undefined) {
      const names = [...new Set(r.security.flat().map(([name]) => name))];
      const standard = [...new Set(names.map((name) => schemes[name]!.type))]
        .map((t) => (t === "basic" ? 'Basic realm="api"' : t === "bearer" ? 'Bearer realm="api"' : 'ApiKey realm="api"'))
        .join(", ");
      const challenge = options.challenge ? options.challenge({ operation: r.op, schemes: names, standard, request }) : standard;
      return problem(401, presented ? "Invalid credentials" : "Authentication required", {}, challenge === undefined ? {} : { "www-authenticate": challenge });
    }
    const v = validators[r.op]!;
    const params = v.parseParams({ path: pathParams, query: url.search, headers: request.headers, cookies: request.headers.get("cookie") ?? undefined });
    if (!params.ok) return problem(400, "Invalid parameters", { issues: params.issues }, {}, true);
    let body: unknown;
    if (r.body) {
      const decoded = await decodeBody(r, request, v, max);
      if (decoded instanceof Response) return decoded;
      body = decoded.body;
    } else if (request.body !== null) {
      await request.body.cancel();
    }
    const { path: p, query, headers, cookies } = params.value as Record<string, unknown>;
    // A handler the object lacks is 501, never an inherited Object.prototype method ("toString").
    const handler = handlers[r.op];
    if (typeof handler !== "function" || handler === (Object.prototype as unknown as Record<string, unknown>)[r.op]) {
      return problem(501, "Not implemented", { detail: `${r.op} is not implemented.` });
    }
    const reply = (await handler.call(handlers, { params: p, query, headers, cookies, body, auth, request })) as {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      contentType?: string;
    };
    // The way out of the declared statuses, taken on purpose: sent as it is.
    if (reply !== null && typeof reply === "object" && (reply as Partial<Undeclared>)[UNDECLARED] === true) {
      const u = reply as Undeclared;
      return u.body === undefined ? new Response(null, { status: u.status, headers: u.headers ?? {} }) : respond((r.codecs !== undefined ? r.codecs.write(u.body, undefined) : JSON.stringify(u.body)) ?? "null", { status: u.status, headers: { "content-type": "application/json", ...u.headers } });
    }
    const status = String(reply?.status);
    if (status === "501" && !r.responses["501"]) return problem(501, "Not implemented", { detail: `${r.op} is not implemented yet.` });
    const declared = r.responses[status] ?? r.responses[`${status[0]}XX`] ?? r.responses["default"];
    if (!declared) {
      report(new Error(`handler ${r.op} returned an undeclared status ${status}`), r.op, request);
      return problem(500, "Internal server error");
    }
    // An event stream is not one value a schema describes (its events' data are).
    if (options.validateResponses && reply.body !== undefined && declared[1] !== "sse") {
      const byMedia = v.responses[status] ?? v.responses[`${status[0]}XX`] ?? v.responses["default"];
      const validator = byMedia?.[reply.contentType ?? declared[0]];
      const checked = validator?.validate(reply.body);
      if (checked && !checked.ok) {
        report(Object.assign(new Error(`handler ${r.op} returned an invalid ${status} body`), { issues: checked.issues }), r.op, request);
        return problem(500, "Internal server error");
      }
    }
    return encodeReply(reply, declared, r.codecs);
  }
}
