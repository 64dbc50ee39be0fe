/**
 * The `node:http` adapter of a Web fetch handler: `createNodeListener` and `serve`. Written once into the output
 * folder (`runtime/node.ts`); server-node.ts re-exports it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * The key on which a handler of server.ts and this adapter pass bodies beside the Web objects, without a
 * ReadableStream each way (see `BODY` in runtime/server.ts). Only a handler that carries the key gets requests so.
 */
const BODY = Symbol.for("specforge.body");
type Carried = { [BODY]?: Uint8Array | string | true };
const NO_BYTES = new Uint8Array(0);

/**
 * A `node:http` request listener around a fetch handler: no framework needed. The body is read into memory,
 * at most `maxBodyBytes` (default 1 MiB, as the handler's default; larger → 413 without reading on). A handler
 * made by `createHandler` gets the bytes beside the request rather than as its body stream (its pipeline reads
 * the body either way); any other fetch handler gets a plain Request.
 */
export function createNodeListener(handler: (request: Request) => Promise<Response>, { maxBodyBytes = 1024 * 1024 }: { maxBodyBytes?: number } = {}): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const carries = (handler as typeof handler & Carried)[BODY] === true;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      // The Host header is the client's to choose: only a plain host[:port] is used, anything else is "localhost".
      const host = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(req.headers.host ?? "") ? req.headers.host : "localhost";
      const target = req.url ?? "/";
      const url = target.startsWith("/") ? `http://${host}${target}` : `http://${host}/${target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*\/?/i, "")}`;
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        for (const x of Array.isArray(v) ? v : [v]) headers.append(k, x);
      }
      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req as AsyncIterable<Buffer>) {
          size += chunk.length;
          if (size > maxBodyBytes) {
            res.writeHead(413, { "content-type": "application/problem+json", connection: "close" });
            res.end(JSON.stringify({ type: "about:blank", title: "Request body too large", status: 413 }));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        }
        body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      }
      const bytes = body !== undefined && body.length > 0 ? body : undefined;
      let request: Request;
      if (carries) {
        request = new Request(url, { method: req.method ?? "GET", headers });
        (request as Request & Carried)[BODY] = bytes ?? NO_BYTES;
      } else {
        // A Buffer is a valid body (a Uint8Array); the DOM typings only know ArrayBuffer-backed views.
        request = new Request(url, { method: req.method ?? "GET", headers, ...(bytes === undefined ? {} : { body: bytes as unknown as BodyInit }) });
      }
      const response = await handler(request);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((value, key) => {
        out[key] = key === "set-cookie" ? [...((out[key] as string[] | undefined) ?? []), value] : value;
      });
      res.writeHead(response.status, out);
      const text = (response as Response & Carried)[BODY];
      if (typeof text === "string" || response.body === null) return void res.end(text);
      if (!/^text\/event-stream\b/i.test(response.headers.get("content-type") ?? "")) return void res.end(Buffer.from(await response.arrayBuffer()));
      // An event stream is written as it comes, and given up when the client goes away.
      const reader = response.body.getReader();
      res.on("close", () => void reader.cancel().catch(() => {}));
      res.flushHeaders();
      for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      res.end();
    } catch {
      // A body that failed half-way (an event stream's handler threw): the connection is cut, nothing appended.
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Internal server error", status: 500 }));
    }
  };
}

/** Starts a `node:http` server for a fetch handler; resolves once it listens. */
export async function serve(
  handler: (request: Request) => Promise<Response>,
  { port = 3000, host = "127.0.0.1", maxBodyBytes }: { port?: number; host?: string; maxBodyBytes?: number } = {},
): Promise<Server> {
  const server = createServer(createNodeListener(handler, maxBodyBytes === undefined ? {} : { maxBodyBytes }));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
