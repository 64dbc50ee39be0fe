/**
 * The mocks' runtime: handlers that answer every operation with example data, behind the generated server's
 * pipeline (so requests are routed, authenticated and validated as the server does), and a `fetch` made of it.
 * Written once into the output folder (`runtime/mocks.ts`); mocks.ts holds the spec's part, the examples.
 */
import type { Codec, Codecs } from "./codec.js";
import { undeclared, type ErrorInfo, type OperationValidators, type Problem, type Undeclared } from "./server.js";

export { bigintCodecs, dateCodecs, type Codec } from "./codec.js";

/**
 * One declared response: its media type ("" for none), its examples, `[name, value]`, in the order tried, and
 * where they hold dates or int64s (the `dates`/`int64` options: the examples are JSON, the handlers' types are not).
 */
export type MockResponse = readonly [mediaType: string, examples: readonly (readonly [name: string, value: unknown])[], codec?: Codec];

export interface MockOperation {
  /** The status answered unless told otherwise: the first declared 2xx (then 2XX, default: 200), else the first declared. */
  readonly status: number;
  /** By declared status ("200", "4XX", "default"). */
  readonly responses: Readonly<Record<string, MockResponse>>;
  /** With the `dates`/`int64` options, in an operation whose examples hold such values: how to convert them. */
  readonly codecs?: Codecs;
}

/** The example responses of every operation, by operation name. */
export type MockTable = Readonly<Record<string, MockOperation>>;

/**
 * A fixed answer for an operation: one of its declared statuses, with a body of that status's type or none (then
 * the status's example is sent).
 */
export type MockReply<R> = R extends Undeclared
  ? never
  : R extends { status: infer S; body?: infer B }
    ? { status: S; body?: B | undefined; headers?: Record<string, string> | undefined }
    : never;

type Handler = (ctx: { request: Request }) => unknown;
type Fixed = { status: number; body?: unknown; headers?: Record<string, string> | undefined };

/** What a `Prefer` header asks (RFC 7240, as Prism reads it): `code=404`, `example=name`. */
export function preferences(header: string | null): { code?: number; example?: string } {
  const out: { code?: number; example?: string } = {};
  if (header === null) return out;
  for (const part of header.split(/[,;]/)) {
    const i = part.indexOf("=");
    if (i === -1) continue;
    const key = part.slice(0, i).trim().toLowerCase();
    let value = part.slice(i + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (key === "code" && /^[1-5]\d\d$/.test(value)) out.code = Number(value);
    else if (key === "example") out.example = value;
  }
  return out;
}

/** The declared response a status falls under: exact, then its range (`4XX`), then `default`. */
function declaredKey(responses: Readonly<Record<string, MockResponse>>, status: number): string | undefined {
  const s = String(status);
  for (const key of [s, `${s[0]}XX`, "default"]) if (Object.prototype.hasOwnProperty.call(responses, key)) return key;
  return undefined;
}

function notFound(detail: string): Undeclared {
  const body: Problem = { type: "about:blank", title: "No such mock response", status: 404, detail };
  return undeclared(404, body);
}

/**
 * The examples a mock answers with. The first example of a response that its validator accepts is the one sent
 * (the spec's own examples come first and may be wrong); it is found once per response.
 */
export class MockData {
  readonly table: MockTable;
  private readonly validators: Readonly<Record<string, OperationValidators>>;
  private readonly chosen = new Map<string, unknown>();
  private readonly converted = new Map<string, ReadonlyArray<readonly [string, unknown]>>();
  constructor(table: MockTable, validators: Readonly<Record<string, OperationValidators>>) {
    this.table = table;
    this.validators = validators;
  }

  /** The body of an operation's declared response `key`: the named example, or the first valid one. */
  body(op: string, key: string, name?: string): { found: true; value: unknown } | { found: false } {
    const [media, examples] = this.examples(op, key);
    if (name !== undefined) {
      const named = examples.find(([n]) => n === name);
      return named ? { found: true, value: named[1] } : { found: false };
    }
    const memo = `${op}\u0000${key}`;
    if (this.chosen.has(memo)) return { found: true, value: this.chosen.get(memo) };
    const validator = this.validators[op]?.responses[key]?.[media];
    const valid = examples.find(([, v]) => validator === undefined || validator.is(v)) ?? examples[examples.length - 1];
    if (valid === undefined) return { found: false };
    this.chosen.set(memo, valid[1]);
    return { found: true, value: valid[1] };
  }

  /** A response's media type and examples, their dates and int64s as the types say (converted once, on a copy). */
  private examples(op: string, key: string): readonly [string, readonly (readonly [string, unknown])[]] {
    const { responses, codecs } = this.table[op]!;
    const [media, examples, codec] = responses[key]!;
    if (codecs === undefined || codec === undefined) return [media, examples];
    const memo = `${op}\u0000${key}`;
    let converted = this.converted.get(memo);
    if (converted === undefined) {
      converted = examples.map(([n, v]) => [n, codecs.decode(structuredClone(v), codec)] as const);
      this.converted.set(memo, converted);
    }
    return [media, converted];
  }

  /** The answer to one request of `op`: the status `Prefer: code=` asks, else the fixed one, else the default. */
  answer(op: string, fixed: Fixed | undefined, request: Request): unknown {
    const mock = this.table[op]!;
    const prefer = preferences(request.headers.get("prefer"));
    const status = prefer.code ?? fixed?.status ?? mock.status;
    if (fixed?.body !== undefined && prefer.code === undefined && prefer.example === undefined) return fixed;
    const key = declaredKey(mock.responses, status);
    if (key === undefined) return notFound(`The operation declares no response with status ${status}.`);
    const headers = prefer.code === undefined ? fixed?.headers : undefined;
    const [media] = mock.responses[key]!;
    if (media === "") return { status, ...(headers ? { headers } : {}) };
    const body = this.body(op, key, prefer.example);
    if (!body.found) return notFound(`The ${key} response has no example named ${JSON.stringify(prefer.example ?? "")}.`);
    return { status, body: body.value, contentType: media, ...(headers ? { headers } : {}) };
  }

  /** The `errorBody` of the server's options: the example of the declared error response (see HandlerOptions). */
  errorBody(problem: Problem, info: ErrorInfo): unknown {
    const mock = this.table[info.operation];
    const key = mock && declaredKey(mock.responses, info.status);
    const body = key === undefined ? undefined : this.body(info.operation, key);
    return body?.found ? body.value : problem;
  }
}

/**
 * The handlers of every operation in the table: an override's own handler where given, else one that answers
 * example data (the override's status and body, when it gives them).
 */
export function mockHandlers(data: MockData, overrides: Readonly<Record<string, unknown>>): Record<string, Handler> {
  const out: Record<string, Handler> = Object.create(null) as Record<string, Handler>;
  for (const op of Object.keys(data.table)) {
    const o = Object.prototype.hasOwnProperty.call(overrides, op) ? overrides[op] : undefined;
    if (typeof o === "function") out[op] = o as Handler;
    else {
      const fixed = o !== null && typeof o === "object" ? (o as Fixed) : undefined;
      out[op] = (ctx) => data.answer(op, fixed, ctx.request);
    }
  }
  return out;
}

/** A `fetch` that hands every request to a fetch handler: no network. */
export function mockFetch(handler: (request: Request) => Promise<Response>): typeof fetch {
  const f = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    handler(input instanceof Request && init === undefined ? input : new Request(input, init));
  return f as typeof fetch;
}
