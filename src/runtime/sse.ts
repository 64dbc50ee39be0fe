/**
 * Server-sent events (`text/event-stream`) for the client: the parser (the WHATWG HTML standard's rules) and what
 * an operation that streams returns (an async iterable of events that reconnects with `Last-Event-ID`). A module
 * of its own, so that an app that streams nothing bundles none of it. Written once into the output folder
 * (`runtime/sse.ts`); the server's encoder is runtime/event-stream.ts.
 */
import type { Core, Exchange, Input, Op, RequestOptions } from "./client.js";

/** One event: its type (`message` unless the server names one), its data, the last event ID, and a reconnection time. */
export interface ServerSentEvent<D = string> {
  /** The `event:` field, `"message"` without one. */
  readonly event: string;
  /**
   * The `data:` lines joined by line feeds; in a stream the spec says is JSON, the parsed value (data that does
   * not parse, such as a closing `[DONE]`, comes as its text).
   */
  readonly data: D;
  /** The last `id:` the stream sent (this event's or an earlier one's), undefined before any. */
  readonly id: string | undefined;
  /** The reconnection time in ms this event's `retry:` field set, if it had one. */
  readonly retry: number | undefined;
}

/** What an operation that streams resolves to once the server answered: its events, and the response that began them. */
export interface EventStream<D = string> extends AsyncIterable<ServerSentEvent<D>> {
  /** The first response (status, headers); its body is the stream being read. */
  readonly response: Response;
  /** Stops reading (and reconnecting): the iteration ends. Breaking out of `for await` does the same. */
  close(): void;
}

/** An event as parsed, before its data is read as JSON. */
interface Parsed {
  event: string;
  data: string;
  id: string | undefined;
  retry: number | undefined;
}

/** The parser's state across the connections of one stream: the last event ID and the reconnection time. */
interface StreamState {
  lastId: string;
  retry: number | undefined;
}

/** Lines of a byte stream (UTF-8, one leading BOM dropped), ended by CRLF, LF or CR; an unended last line is dropped. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  // TextDecoder drops one leading BOM (its `ignoreBOM` is false by default), as the standard asks.
  const decoder = new TextDecoder();
  let buffer = "";
  let skipLineFeed = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      // A CR that ended the last chunk and an LF that begins this one are one line end.
      if (skipLineFeed && text !== "") {
        if (text.charCodeAt(0) === 10) text = text.slice(1);
        skipLineFeed = false;
      }
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        yield buffer.slice(start, i);
        if (c === 13) {
          if (i + 1 === buffer.length) skipLineFeed = true;
          else if (buffer.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (done) return;
    }
  } finally {
    // Stopped early (a break, an abort): the connection is let go.
    reader.cancel().catch(() => {});
  }
}

/**
 * The events of a `text/event-stream` body, as the WHATWG HTML standard parses them (§9.2.6): fields `event`,
 * `data` (lines joined by LF), `id` (kept across events; one holding NUL is ignored), `retry` (digits only);
 * comment lines (`:`) and unknown fields ignored; a block without data dispatches nothing; an unfinished block at
 * the end is dropped.
 */
export async function* parseEventStream(body: ReadableStream<Uint8Array>, state: StreamState = { lastId: "", retry: undefined }): AsyncGenerator<Parsed> {
  let event = "";
  let data: string[] = [];
  let retry: number | undefined;
  for await (const line of lines(body)) {
    if (line === "") {
      if (data.length > 0) yield { event: event === "" ? "message" : event, data: data.join("\n"), id: state.lastId === "" ? undefined : state.lastId, retry };
      event = "";
      data = [];
      retry = undefined;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") {
      if (!value.includes("\0")) state.lastId = value;
    } else if (field === "retry" && /^\d+$/.test(value)) state.retry = retry = Number(value);
  }
}

/** Whether a response is an event stream to read: a status with content, of type `text/event-stream`. */
function isStream(response: Response): boolean {
  return response.status !== 204 && response.body !== null && !response.bodyUsed && /^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "");
}

const IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/** The reconnection time before a server sets one (the standard leaves it to the agent; browsers use a few seconds). */
const DEFAULT_RETRY_MS = 3000;

/**
 * An operation's event stream: the call (its errors thrown, or a `Result` with `throwOnError: false`) resolves to
 * an `EventStream` once the server answered. When the stream ends or breaks and the method is idempotent, it
 * reconnects after the reconnection time with `Last-Event-ID`; a 204 then ends it, as does a connection that
 * brings no event, more times in a row than `retry.maxRetries` (default 2). `options.signal` aborts it.
 */
export function stream(core: Core<boolean>, op: Op, pathArgs: readonly unknown[], input: Input | undefined, options: RequestOptions | undefined, json: boolean): Promise<unknown> {
  // The stream's own signal: the caller's aborts it, and so does close().
  const stop = new AbortController();
  const outer = options?.signal;
  if (outer?.aborted) stop.abort(outer.reason);
  else outer?.addEventListener("abort", () => stop.abort(outer.reason), { once: true });
  const o: RequestOptions = { ...options, signal: stop.signal };
  return core.call(op, pathArgs, input, o, (first) => events(core, op, pathArgs, input ?? {}, o, json, first, stop));
}

function events(core: Core<boolean>, op: Op, pathArgs: readonly unknown[], input: Input, options: RequestOptions, json: boolean, first: Exchange, stop: AbortController): EventStream<unknown> {
  const state: StreamState = { lastId: "", retry: undefined };
  const reconnects = IDEMPOTENT.includes(op.method);
  const maxEmpty = options.retry?.maxRetries ?? core.options.retry?.maxRetries ?? 2;
  const signal = stop.signal;
  let closed = false;
  // The stream's data codec (`dates`/`int64` options): its dates and int64s become what the types say.
  const codec = Object.values(op.responses).find(([, kind]) => kind === "sse")?.[2];
  const read = (data: string): unknown => {
    if (!json) return data;
    try {
      return op.codecs !== undefined ? op.codecs.read(data, codec) : JSON.parse(data);
    } catch {
      return data;
    }
  };
  async function* run(): AsyncGenerator<ServerSentEvent<unknown>> {
    let response = first.response;
    // A first answer that is no stream (a 204: nothing to send) has no events.
    if (!isStream(response)) return;
    try {
      for (let empty = 0; ; ) {
        let got = false;
        try {
          for await (const e of parseEventStream(response.body!, state)) {
            // Events already read stay unseen after an abort.
            if (signal.aborted) throw signal.reason;
            got = true;
            yield { event: e.event, data: read(e.data), id: e.id, retry: e.retry };
          }
        } catch (e) {
          // A broken connection is reconnected (idempotent methods); an abort is not.
          if (signal.aborted || !reconnects) throw e;
        }
        if (!reconnects) return;
        empty = got ? 0 : empty + 1;
        if (empty > maxEmpty) return;
        await new Promise<void>((resolve, reject) => {
          if (signal.aborted) return reject(signal.reason);
          const t = setTimeout(resolve, state.retry ?? DEFAULT_RETRY_MS);
          signal.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason)), { once: true });
        });
        const headers = state.lastId === "" ? options.headers : { ...options.headers, "last-event-id": state.lastId };
        const next = await core.request(op, pathArgs, input, { ...options, headers });
        // The server has nothing more (204), or answers with something that is not a stream: the end.
        if (!isStream(next.response)) {
          await next.response.body?.cancel().catch(() => {});
          return;
        }
        response = next.response;
      }
    } catch (e) {
      // close() ends the iteration quietly; the caller's abort throws its reason.
      if (closed) return;
      throw signal.aborted ? signal.reason : e;
    }
  }
  const iterator = run();
  return {
    response: first.response,
    [Symbol.asyncIterator]: () => iterator,
    close: () => {
      closed = true;
      stop.abort();
    },
  };
}
