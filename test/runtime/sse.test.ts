// Unit tests of the event-stream parser (src/runtime/sse.ts) against the WHATWG HTML standard's parsing rules
// (§9.2.6), and of the server's encoder (src/runtime/event-stream.ts) read back by the parser.
import { describe, expect, it } from "vitest";
import { parseEventStream } from "../../src/runtime/sse.js";
import { encodeEventStream } from "../../src/runtime/event-stream.js";

/** A body that delivers the given chunks (strings as UTF-8, or bytes) one by one. */
function body(...chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const bytes = chunks.map((c) => (typeof c === "string" ? new TextEncoder().encode(c) : c));
  return new ReadableStream({
    pull(controller) {
      const next = bytes.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

async function parse(...chunks: Array<string | Uint8Array>) {
  const out = [];
  for await (const e of parseEventStream(body(...chunks))) out.push(e);
  return out;
}

describe("parseEventStream", () => {
  it.each([
    ["LF", "data: a\n\n"],
    ["CRLF", "data: a\r\n\r\n"],
    ["CR", "data: a\r\r"],
  ])("lines end with %s", async (_, text) => {
    expect(await parse(text)).toEqual([{ event: "message", data: "a", id: undefined, retry: undefined }]);
  });

  it("a CRLF split between chunks is one line end (not an empty line)", async () => {
    expect(await parse("data: a\r", "\ndata: b\r", "\n\r", "\n")).toEqual([{ event: "message", data: "a\nb", id: undefined, retry: undefined }]);
  });

  it("a UTF-8 character split between chunks, and one leading BOM, are read as text", async () => {
    const euro = new TextEncoder().encode("data: €\n\n");
    expect(await parse(new Uint8Array([0xef, 0xbb, 0xbf]), euro.slice(0, 7), euro.slice(7))).toEqual([{ event: "message", data: "€", id: undefined, retry: undefined }]);
    // Only one BOM is dropped: a second one is part of the first line, whose field name is then not "data".
    expect(await parse("\uFEFF\uFEFFdata: x\n\n")).toEqual([]);
  });

  it("multi-line data joins with LF; one space after the colon is dropped, not two; no colon: an empty value", async () => {
    expect(await parse("data:  two\ndata\ndata:three\n\n")).toEqual([{ event: "message", data: " two\n\nthree", id: undefined, retry: undefined }]);
  });

  it("comments and unknown fields are ignored; a block without data dispatches nothing but keeps its id", async () => {
    expect(await parse(": keep-alive\n\nid: 7\nfoo: bar\n\nevent: ping\ndata: x\n\n")).toEqual([{ event: "ping", data: "x", id: "7", retry: undefined }]);
  });

  it("the last id carries over; an id with NUL is ignored; an empty id clears it", async () => {
    expect((await parse("id: 1\ndata: a\n\ndata: b\n\nid: 2\u0000\ndata: c\n\nid\ndata: d\n\n")).map((e) => e.id)).toEqual(["1", "1", "1", undefined]);
  });

  it("retry takes ASCII digits only; the event type resets after each event", async () => {
    expect(await parse("retry: 1500\nevent: a\ndata: 1\n\nretry: 2s\ndata: 2\n\n")).toEqual([
      { event: "a", data: "1", id: undefined, retry: 1500 },
      { event: "message", data: "2", id: undefined, retry: undefined },
    ]);
  });

  it("an unfinished event at the end is dropped", async () => {
    expect(await parse("data: done\n\ndata: half")).toEqual([{ event: "message", data: "done", id: undefined, retry: undefined }]);
    expect(await parse("data: half\n")).toEqual([]);
  });
});

describe("encodeEventStream", () => {
  async function* events() {
    yield { data: { n: 1 }, id: "1", retry: 10 };
    yield { event: "note", data: "two\nlines\r\nand\rmore" };
    yield { data: "" };
  }

  it("writes each event's fields, data as JSON unless text, one data line per line; the parser reads them back", async () => {
    const stream = encodeEventStream(events());
    const text = await new Response(stream).text();
    expect(text).toBe('id: 1\nretry: 10\ndata: {"n":1}\n\nevent: note\ndata: two\ndata: lines\ndata: and\ndata: more\n\ndata: \n\n');
    expect(await parse(text)).toEqual([
      { event: "message", data: '{"n":1}', id: "1", retry: 10 },
      { event: "note", data: "two\nlines\nand\nmore", id: "1", retry: undefined },
      { event: "message", data: "", id: "1", retry: undefined },
    ]);
  });

  it("refuses an event name or id that would break its line (field injection)", async () => {
    async function* bad() {
      yield { event: "x\ndata: injected", data: 1 };
    }
    await expect(new Response(encodeEventStream(bad())).text()).rejects.toThrow(/line break/);
  });

  it("cancelling the body ends the handler's iterator", async () => {
    let finished = false;
    async function* endless() {
      try {
        for (let i = 0; ; i++) yield { data: i };
      } finally {
        finished = true;
      }
    }
    const reader = encodeEventStream(endless()).getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
