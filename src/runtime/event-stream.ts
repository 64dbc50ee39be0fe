/**
 * Server-sent events for the server: a handler's async iterable of events as a `text/event-stream` body. Written
 * once into the output folder (`runtime/event-stream.ts`); the client's parser is runtime/sse.ts.
 */

/** What a server handler yields for an event stream: `data` (text as it is, anything else as JSON), and the optional fields. */
export interface ServerSentEventInit<D = unknown> {
  readonly event?: string | undefined;
  readonly data: D;
  readonly id?: string | undefined;
  readonly retry?: number | undefined;
}

/** A field value that must stay on its line: a line break in it would start a field of its own. */
function oneLine(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new TypeError(`an event's ${name} cannot hold a line break or NUL`);
  return value;
}

/**
 * The server's side: events as a `text/event-stream` body. `data` is written as it is when text, else as JSON,
 * one `data:` line per line; `event` and `id` holding a line break are refused (they would inject fields).
 * Cancelling the body (the client went away) ends the handler's iterator. `json` writes data that is not text
 * (default `JSON.stringify`; the server's converts dates and int64s first, with the `dates`/`int64` options).
 */
export function encodeEventStream(events: AsyncIterable<ServerSentEventInit>, json: (data: unknown) => string | undefined = JSON.stringify): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) return controller.close();
      let text = "";
      if (value.event !== undefined) text += `event: ${oneLine("event", value.event)}\n`;
      if (value.id !== undefined) text += `id: ${oneLine("id", value.id)}\n`;
      if (value.retry !== undefined) text += `retry: ${Math.max(0, Math.floor(value.retry))}\n`;
      const data = typeof value.data === "string" ? value.data : json(value.data) ?? "";
      for (const line of data.split(/\r\n|\r|\n/)) text += `data: ${line}\n`;
      controller.enqueue(encoder.encode(text + "\n"));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
