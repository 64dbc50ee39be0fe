// Unit tests of the node:http adapter (src/runtime/node.ts) over real servers on 127.0.0.1, port 0.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { params } from "../../src/runtime/params.js";
import { createNodeListener, serve } from "../../src/runtime/node.js";
import { createPipeline, type Route } from "../../src/runtime/server.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

async function listen(handler: (r: Request) => Promise<Response>, options?: { maxBodyBytes?: number }): Promise<number> {
  const server = createServer(createNodeListener(handler, options));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** A raw node:http request, so the Host header and the request target are ours to choose. */
function send(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: opts.method ?? "GET", path: opts.path ?? "/", headers: opts.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

describe("createNodeListener with a plain fetch handler", { timeout: 5000 }, () => {
  it("the handler gets method, URL, headers and body; its status, headers and body are written", async () => {
    const seen: Array<{ method: string; url: string; type: string | null; body: string }> = [];
    const port = await listen(async (r) => {
      seen.push({ method: r.method, url: r.url, type: r.headers.get("content-type"), body: await r.text() });
      const headers = new Headers({ "content-type": "text/plain", "x-out": "1" });
      headers.append("set-cookie", "a=1");
      headers.append("set-cookie", "b=2");
      return new Response("got it", { status: 201, headers });
    });
    const a = await send(port, { method: "POST", path: "/x/y?z=1", headers: { host: "api.test", "content-type": "application/json" }, body: '{"hello":"wörld"}' });
    expect(seen).toEqual([{ method: "POST", url: "http://api.test/x/y?z=1", type: "application/json", body: '{"hello":"wörld"}' }]);
    expect(a.status).toBe(201);
    expect(a.text).toBe("got it");
    expect(a.headers["x-out"]).toBe("1");
    expect(a.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  it("a GET has no body; an empty POST body is no body", async () => {
    const bodies: Array<string | null> = [];
    const port = await listen(async (r) => {
      bodies.push(r.body === null ? null : await r.text());
      return new Response(null, { status: 204 });
    });
    expect((await send(port, { path: "/" })).status).toBe(204);
    expect((await send(port, { method: "POST", path: "/", body: "" })).status).toBe(204);
    expect(bodies).toEqual([null, null]);
  });

  it("a body over maxBodyBytes → 413 and the handler is not called", async () => {
    let called = 0;
    const port = await listen(
      async () => {
        called++;
        return new Response("ok");
      },
      { maxBodyBytes: 10 },
    );
    const a = await send(port, { method: "POST", path: "/", body: "x".repeat(64) });
    expect(a.status).toBe(413);
    expect(a.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(a.text)).toEqual({ type: "about:blank", title: "Request body too large", status: 413 });
    expect(called).toBe(0);
    const fits = await send(port, { method: "POST", path: "/", body: "x".repeat(10) });
    expect(fits.status).toBe(200);
    expect(called).toBe(1);
  });

  it.each<[string, string, string, string]>([
    ["a plain host:port is kept", "example.com:8080", "/p?q=1", "http://example.com:8080/p?q=1"],
    ["an IPv6 literal is kept", "[::1]:3000", "/p", "http://[::1]:3000/p"],
    ["a Host with a path in it becomes localhost", "evil.example/x?y=1", "/p", "http://localhost/p"],
    ["a Host with userinfo becomes localhost", "user@evil.example", "/p", "http://localhost/p"],
    ["an absolute-form target keeps only its path, under the Host", "api.test", "http://other.example:81/p/q?x=1", "http://api.test/p/q?x=1"],
  ])("Host header sanitised: %s", async (_name, host, path, url) => {
    const urls: string[] = [];
    const port = await listen(async (r) => {
      urls.push(r.url);
      return new Response("ok");
    });
    expect((await send(port, { path, headers: { host } })).status).toBe(200);
    expect(urls).toEqual([url]);
  });

  it("a throwing handler → 500 problem", async () => {
    const port = await listen(async () => {
      throw new Error("boom");
    });
    const a = await send(port, { path: "/" });
    expect(a.status).toBe(500);
    expect(JSON.parse(a.text)).toEqual({ type: "about:blank", title: "Internal server error", status: 500 });
  });

  it("serve() listens and answers", async () => {
    const server = await serve(async (r) => new Response(new URL(r.url).pathname), { port: 0 });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/hello`);
    expect(await res.text()).toBe("/hello");
  });
});

describe("createNodeListener with a createPipeline handler (bodies carried beside the request)", { timeout: 5000 }, () => {
  const routes: Route[] = [
    { op: "echo", method: "POST", path: "/echo", security: [], body: { required: true, media: { "application/json": "json", "text/plain": "text" } }, responses: { "200": ["application/json", "json"] } },
    { op: "get", method: "GET", path: "/items/{id}", security: [], responses: { "200": ["application/json", "json"] } },
  ];
  const accept = () => true;
  const validators = {
    echo: { parseParams: params([], { path: accept, query: accept, headers: accept, cookies: accept }), body: {}, forms: {}, responses: {} },
    get: { parseParams: params([["id", "path", "simple", false, "i"]], { path: accept, query: accept, headers: accept, cookies: accept }), body: {}, forms: {}, responses: {} },
  };
  const handlers = {
    echo: (ctx: { body: unknown }) => ({ status: 200, body: { got: ctx.body } }),
    get: (ctx: { params: { id: number } }) => ({ status: 200, body: { id: ctx.params.id } }),
  };

  it("the body reaches the handler and the JSON answer is written", async () => {
    const port = await listen(createPipeline(routes, {}, validators, handlers, {}));
    const a = await send(port, { method: "POST", path: "/echo", headers: { "content-type": "application/json" }, body: JSON.stringify({ n: [1, "é"] }) });
    expect(a.status).toBe(200);
    expect(a.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(a.text)).toEqual({ got: { n: [1, "é"] } });
    const t = await send(port, { method: "POST", path: "/echo", headers: { "content-type": "text/plain" }, body: "plain" });
    expect(JSON.parse(t.text)).toEqual({ got: "plain" });
  });

  it("GET, HEAD and problems over the wire", async () => {
    const port = await listen(createPipeline(routes, {}, validators, handlers, {}));
    expect(JSON.parse((await send(port, { path: "/items/9" })).text)).toEqual({ id: 9 });
    const head = await send(port, { method: "HEAD", path: "/items/9" });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const missing = await send(port, { path: "/nope" });
    expect(missing.status).toBe(404);
    expect(missing.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(missing.text)).toMatchObject({ title: "Not found", status: 404 });
    const required = await send(port, { method: "POST", path: "/echo" });
    expect(required.status).toBe(400);
    expect(JSON.parse(required.text).title).toBe("Request body required");
  });

  it("the adapter's limit and the pipeline's limit both give 413", async () => {
    const adapter = await listen(createPipeline(routes, {}, validators, handlers, {}), { maxBodyBytes: 16 });
    expect((await send(adapter, { method: "POST", path: "/echo", headers: { "content-type": "text/plain" }, body: "y".repeat(100) })).status).toBe(413);
    const pipe = await listen(createPipeline(routes, {}, validators, handlers, { maxBodyBytes: 16 }));
    const a = await send(pipe, { method: "POST", path: "/echo", headers: { "content-type": "text/plain" }, body: "y".repeat(100) });
    expect(a.status).toBe(413);
    expect(JSON.parse(a.text).detail).toBe("The limit is 16 bytes.");
  });
});
