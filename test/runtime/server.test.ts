// Unit tests of the server runtime's request pipeline (createPipeline in src/runtime/server.ts): routing,
// security, parameters, bodies, handler results, problem responses and CORS.
import { describe, expect, it } from "vitest";
import { fail, validator, type Check } from "../../src/runtime/checks.js";
import { params, type ParamSpec, type Shape } from "../../src/runtime/params.js";
import { createPipeline, notImplemented, type HandlerOptions, type OperationValidators, type Route, type Scheme } from "../../src/runtime/server.js";

const yes: Check = () => true;

/** A check that each named property of the location, when present, is a number. */
const numbers =
  (...names: string[]): Check =>
  (v, p, o) => {
    let ok = true;
    for (const n of names) {
      const x = (v as Record<string, unknown>)[n];
      if (x !== undefined && typeof x !== "number") {
        if (fail(o, `${p}/${n}`, "type", "must be integer", `#/${n}/type`)) return false;
        ok = false;
      }
    }
    return ok;
  };

/** A check that each named property of the location is present. */
const required =
  (...names: string[]): Check =>
  (v, p, o) => {
    let ok = true;
    for (const n of names) {
      if (!Object.prototype.hasOwnProperty.call(v, n)) {
        if (fail(o, p, "required", `must have the property '${n}'`, "")) return false;
        ok = false;
      }
    }
    return ok;
  };

const pet = validator("Pet", (v, p, o) => {
  const name = (v as { name?: unknown } | null)?.name;
  if (typeof v === "object" && v !== null && typeof name === "string") return true;
  return !fail(o, p + "/name", "type", "must be string", "#/components/schemas/Pet/properties/name/type");
});

const J = ["application/json", "json"] as const;

interface Def {
  route: Omit<Route, "op"> & { op: string };
  specs?: ParamSpec[];
  checks?: Partial<Record<"path" | "query" | "headers" | "cookies", Check>>;
  body?: OperationValidators["body"];
  forms?: Record<string, Shape>;
  responses?: OperationValidators["responses"];
}

const defs: Def[] = [
  { route: { op: "listPets", method: "GET", path: "/pets", security: [], responses: { "200": J } }, specs: [["limit", "query", "form", true, "i"]], checks: { query: numbers("limit") } },
  {
    route: { op: "createPet", method: "POST", path: "/pets", security: [], body: { required: true, media: { "application/json": "json" } }, responses: { "201": J } },
    body: { "application/json": pet },
  },
  { route: { op: "myPets", method: "GET", path: "/pets/mine", security: [], responses: { "200": J } } },
  {
    route: { op: "getPet", method: "GET", path: "/pets/{petId}", security: [], responses: { "200": J, "404": ["application/problem+json", "json"] } },
    specs: [["petId", "path", "simple", false, "i"]],
    checks: { path: numbers("petId") },
  },
  { route: { op: "deletePet", method: "DELETE", path: "/pets/{petId}", security: [], responses: { "204": ["", "empty"] } }, specs: [["petId", "path", "simple", false, "i"]] },
  {
    route: { op: "getPhoto", method: "GET", path: "/pets/{petId}/photos/{photoId}", security: [], responses: { "200": J } },
    specs: [
      ["petId", "path", "simple", false, "i"],
      ["photoId", "path", "simple", false, "s"],
    ],
  },
  { route: { op: "abc", method: "GET", path: "/a/{x}/c", security: [], responses: { "200": J } }, specs: [["x", "path", "simple", false, "s"]] },
  { route: { op: "abd", method: "GET", path: "/a/b/d", security: [], responses: { "200": J } } },
  { route: { op: "file", method: "GET", path: "/files/{name}", security: [], responses: { "200": J } }, specs: [["name", "path", "simple", false, "s"]] },
  { route: { op: "tick", method: "GET", path: "/tick`s", security: [], responses: { "200": J } } },
  { route: { op: "root", method: "GET", path: "/", security: [], responses: { "200": J } } },
  // two routes whose parameter at the same place has different names
  { route: { op: "getUser", method: "GET", path: "/users/{id}", security: [], responses: { "200": J } }, specs: [["id", "path", "simple", false, "s"]], checks: { path: required("id") } },
  {
    route: { op: "userPosts", method: "GET", path: "/users/{userId}/posts", security: [], responses: { "200": J } },
    specs: [["userId", "path", "simple", false, "s"]],
    checks: { path: required("userId") },
  },
  // segments of text and parameters (GitHub's compare), beside a parameter segment at the same place
  {
    route: { op: "compare", method: "GET", path: "/compare/{base}...{head}", security: [], responses: { "200": J } },
    specs: [["base", "path", "simple", false, "s"], ["head", "path", "simple", false, "s"]],
    checks: { path: required("base", "head") },
  },
  { route: { op: "compareOne", method: "GET", path: "/compare/{basehead}", security: [], responses: { "200": J } }, specs: [["basehead", "path", "simple", false, "s"]], checks: { path: required("basehead") } },
  { route: { op: "report", method: "GET", path: "/reports/{name}.{ext}", security: [], responses: { "200": J } }, specs: [["name", "path", "simple", false, "s"], ["ext", "path", "simple", false, "s"]] },
  { route: { op: "reportV", method: "GET", path: "/reports/v{n}", security: [], responses: { "200": J } }, specs: [["n", "path", "simple", false, "i"]] },
  { route: { op: "jobCancel", method: "POST", path: "/jobs/{id}:cancel", security: [], responses: { "200": J } }, specs: [["id", "path", "simple", false, "s"]] },
  // the same route twice, its parameter named differently: the first answers
  { route: { op: "firstTwin", method: "GET", path: "/twins/{a}", security: [], responses: { "200": J } }, specs: [["a", "path", "simple", false, "s"]] },
  { route: { op: "secondTwin", method: "GET", path: "/twins/{b}", security: [], responses: { "200": J } }, specs: [["b", "path", "simple", false, "s"]] },
  { route: { op: "secure", method: "GET", path: "/secure", security: [[["bearer", ["pets:read"]]]], responses: { "200": J } } },
  {
    route: { op: "either", method: "GET", path: "/either", security: [[["cookieKey", []]], [["basic", []]], [["headerKey", []], ["queryKey", []]]], responses: { "200": J } },
  },
  { route: { op: "optionalAuth", method: "GET", path: "/optional", security: [[["bearer", []]], []], responses: { "200": J } } },
  {
    route: { op: "form", method: "POST", path: "/form", security: [], body: { required: false, media: { "application/x-www-form-urlencoded": "form" } }, responses: { "200": J } },
    forms: { "application/x-www-form-urlencoded": ["o", [["n", "i"], ["tags", ["a", "s"]], ["ok", "b"]]] },
  },
  {
    route: { op: "upload", method: "POST", path: "/upload", security: [], body: { required: true, media: { "multipart/form-data": "multipart" } }, responses: { "200": J } },
    forms: { "multipart/form-data": ["o", [["n", "i"], ["file", "s"]]] },
  },
  {
    route: { op: "anyBody", method: "PUT", path: "/blob", security: [], body: { required: true, media: { "image/*": "binary", "text/plain": "text" } }, responses: { "200": ["text/plain", "text"] } },
  },
  { route: { op: "text", method: "GET", path: "/text", security: [], responses: { "200": ["text/plain", "text"] } } },
  { route: { op: "status", method: "GET", path: "/status/{code}", security: [], responses: { "200": J, "202": ["", "empty"], "4XX": ["application/json", "json"] } }, specs: [["code", "path", "simple", false, "i"]] },
  { route: { op: "validated", method: "GET", path: "/validated", security: [], responses: { "200": J } }, responses: { "200": { "application/json": pet } } },
  { route: { op: "throws", method: "GET", path: "/throws", security: [], responses: { "200": J } } },
  { route: { op: "missing", method: "GET", path: "/missing", security: [], responses: { "200": J } } },
  { route: { op: "toString", method: "GET", path: "/inherited", security: [], responses: { "200": J } } },
  { route: { op: "stub", method: "GET", path: "/stub", security: [], responses: { "200": J } } },
];

const schemes: Record<string, Scheme> = {
  bearer: { type: "bearer" },
  basic: { type: "basic" },
  cookieKey: { type: "apiKey", in: "cookie", name: "sid" },
  headerKey: { type: "apiKey", in: "header", name: "X-Key" },
  queryKey: { type: "apiKey", in: "query", name: "key" },
};

const routes: Route[] = defs.map((d) => d.route);
const validators: Record<string, OperationValidators> = Object.fromEntries(
  defs.map((d) => [
    d.route.op,
    {
      parseParams: params(d.specs ?? [], { path: yes, query: yes, headers: yes, cookies: yes, ...d.checks }),
      body: d.body ?? {},
      forms: d.forms ?? {},
      responses: d.responses ?? {},
    },
  ]),
);

/** Every handler echoes what it got; a few do more. */
const echo = (op: string) => (ctx: { params: unknown; query: unknown; body: unknown; auth: unknown; cookies: unknown; headers: unknown }) => ({
  status: op === "createPet" ? 201 : 200,
  body: { op, params: ctx.params, query: ctx.query, body: ctx.body, auth: ctx.auth },
});
const handlers: Record<string, (ctx: any) => unknown> = Object.fromEntries(defs.map((d) => [d.route.op, echo(d.route.op)]));
Reflect.deleteProperty(handlers, "missing");
Reflect.deleteProperty(handlers, "toString"); // an own "toString" handler gone: the inherited one must not be taken
handlers.deletePet = () => ({ status: 204 });
handlers.text = () => ({ status: 200, body: "plain text", headers: { "x-extra": "1" } });
handlers.status = (ctx: { params: { code: number } }) => ({ status: ctx.params.code, body: ctx.params.code === 202 ? undefined : { code: ctx.params.code } });
handlers.validated = (ctx: { request: Request }) => ({ status: 200, body: new URL(ctx.request.url).searchParams.has("bad") ? { name: 1 } : { name: "Rex" } });
handlers.throws = () => {
  throw new Error("secret database password in message");
};
handlers.stub = () => notImplemented("stub");
handlers.upload = async (ctx: { body: { n: number; file: Blob } }) => ({
  status: 200,
  body: { n: ctx.body.n, fileType: ctx.body.file instanceof Blob, fileText: await ctx.body.file.text() },
});
handlers.anyBody = async (ctx: { body: unknown }) => ({ status: 200, body: ctx.body instanceof Blob ? `blob ${ctx.body.type} ${ctx.body.size}` : `text ${String(ctx.body)}` });

function pipeline(options: HandlerOptions = {}) {
  return createPipeline(routes, schemes, validators, handlers, options);
}

const H = "http://api.test";
async function go(handle: (r: Request) => Promise<Response>, path: string, init: RequestInit = {}) {
  const res = await handle(new Request(H + path, init));
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: res.status, headers: res.headers, body, text };
}

describe("routing", () => {
  const handle = pipeline();

  it.each<[string, string, string, Record<string, unknown>]>([
    ["a static route", "/pets", "listPets", {}],
    ["static beats parameter", "/pets/mine", "myPets", {}],
    ["a parameter", "/pets/42", "getPet", { petId: 42 }],
    ["two parameters", "/pets/1/photos/front", "getPhoto", { petId: 1, photoId: "front" }],
    ["backtracking from a static segment to a parameter", "/a/b/c", "abc", { x: "b" }],
    ["the static path that made it backtrack", "/a/b/d", "abd", {}],
    ["a trailing slash is ignored", "/pets/", "listPets", {}],
    ["a trailing slash after a parameter", "/pets/7/", "getPet", { petId: 7 }],
    ["the root", "/", "root", {}],
    ["a path parameter is percent-decoded", "/files/a%2Fb%20c%C3%A9", "file", { name: "a/b cé" }],
    ["a static segment matches percent-decoded", "/tick%60s", "tick", {}],
    ["a parameter named like an Object.prototype member route", "/users/constructor", "getUser", { id: "constructor" }],
    ["a segment of two parameters and text (GitHub's {base}...{head})", "/compare/main...feature%2Fx", "compare", { base: "main", head: "feature/x" }],
    ["each value ends where the next text first follows", "/compare/a...b...c", "compare", { base: "a", head: "b...c" }],
    ["a parameter segment beside it takes what the text does not match", "/compare/main", "compareOne", { basehead: "main" }],
    ["text the parameters need one character around: falls to the parameter", "/compare/...x", "compareOne", { basehead: "...x" }],
    ["{name}.{ext}", "/reports/q3.tar.gz", "report", { name: "q3", ext: "tar.gz" }],
    ["a pattern that does not match is passed over for the next (v2 has no \".\")", "/reports/v2", "reportV", { n: 2 }],
    ["patterns with as much text are tried in the spec's order", "/reports/v2.pdf", "report", { name: "v2", ext: "pdf" }],
    ["the same route twice: the first answers", "/twins/x", "firstTwin", { a: "x" }],
  ])("%s: %s", async (_name, path, op, expected) => {
    const r = await go(handle, path);
    expect(r.status).toBe(200);
    expect(r.body.op).toBe(op);
    expect(r.body.params).toEqual(expected);
  });

  it("text after a parameter ({id}:cancel) routes only with that text", async () => {
    expect((await go(handle, "/jobs/7:cancel", { method: "POST" })).body).toMatchObject({ op: "jobCancel", params: { id: "7" } });
    expect((await go(handle, "/jobs/7", { method: "POST" })).status).toBe(404);
    expect((await go(handle, "/jobs/:cancel", { method: "POST" })).status).toBe(404);
  });

  it.each(["/nope", "/pets/1/photos", "/pets/1/photos/a/b", "/a/x/d", "/pets//", "/pets/1//"])("404 for %s, as problem+json", async (path) => {
    const r = await go(handle, path);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(r.body).toEqual({ type: "about:blank", title: "Not found", status: 404 });
  });

  it.each<[string, string, string]>([
    ["DELETE", "/pets", "GET, HEAD, POST"],
    ["POST", "/pets/mine", "GET, HEAD"],
    ["PATCH", "/pets/3", "GET, HEAD, DELETE"],
  ])("405 for %s %s with Allow: %s", async (method, path, allow) => {
    const r = await go(handle, path, { method });
    expect(r.status).toBe(405);
    expect(r.headers.get("allow")).toBe(allow);
    expect(r.body).toMatchObject({ title: "Method not allowed", detail: `Allowed: ${allow}.` });
  });

  it("HEAD runs GET and sends its status and headers without a body", async () => {
    const res = await handle(new Request(H + "/pets/5", { method: "HEAD" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toBeNull();
    const missing = await handle(new Request(H + "/nope", { method: "HEAD" }));
    expect(missing.status).toBe(404);
    expect(missing.body).toBeNull();
  });

  it("malformed percent-encoding in a path parameter → 400", async () => {
    const r = await go(handle, "/files/%E0%A4%A");
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ title: "Malformed path", issues: [{ path: "/path/name", keyword: "format" }] });
  });

  it("a parameter that fails its check → 400 with the issues", async () => {
    const r = await go(handle, "/pets/rex?limit=x");
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      type: "about:blank",
      title: "Invalid parameters",
      status: 400,
      issues: [{ path: "/path/petId", keyword: "type", message: "must be integer", schemaPointer: "#/petId/type" }],
    });
    const q = await go(handle, "/pets?limit=ten");
    expect(q.status).toBe(400);
    expect(q.body.issues[0].path).toBe("/query/limit");
    expect((await go(handle, "/pets?limit=10")).body.query).toEqual({ limit: 10 });
  });

  it.each<[string, string, number, string | undefined]>([
    ["the base path itself is the root", "/api/v1", 200, "root"],
    ["a route under the base path", "/api/v1/pets/3", 200, "getPet"],
    ["a route without the base path", "/pets/3", 404, undefined],
    ["a prefix that does not end at a segment", "/api/v1x/pets", 404, undefined],
  ])("basePath: %s", async (_name, path, status, op) => {
    const r = await go(pipeline({ basePath: "/api/v1/" }), path);
    expect(r.status).toBe(status);
    expect(r.body.op).toBe(op);
  });

  // Was a bug (server.ts, makeRouter): the trie keeps one parameter per node with the name of the first route that
  // made it ("n.param ??= …"), so /users/{userId}/posts, after /users/{id}, gets its value as "id": its handler
  // never sees "userId" (here: 400, a required path parameter missing).
  it("routes with differently named parameters at the same place each get their own names", async () => {
    const r = await go(handle, "/users/5/posts");
    expect(r.status).toBe(200);
    expect(r.body.params).toEqual({ userId: "5" });
  });
});

describe("security", () => {
  it("no credentials → 401 'Authentication required' with a challenge per scheme type", async () => {
    const r = await go(pipeline(), "/secure");
    expect(r.status).toBe(401);
    expect(r.body.title).toBe("Authentication required");
    expect(r.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    const e = await go(pipeline(), "/either");
    expect(e.headers.get("www-authenticate")).toBe('ApiKey realm="api", Basic realm="api"');
  });

  it("without authenticate, well-formed credentials are the principal", async () => {
    const r = await go(pipeline(), "/secure", { headers: { authorization: "bearer  tok123" } });
    expect(r.status).toBe(200);
    expect(r.body.auth).toEqual({ bearer: "tok123" });
  });

  it("authenticate gets the scheme, type, credentials and scopes; its principal reaches the handler", async () => {
    const asked: unknown[] = [];
    const handle = pipeline({
      authenticate: ({ operation, scheme, type, credentials, scopes }) => {
        asked.push({ operation, scheme, type, credentials, scopes });
        return credentials === "good" ? { user: "ann" } : undefined;
      },
    });
    const ok = await go(handle, "/secure", { headers: { authorization: "Bearer good" } });
    expect(ok.body.auth).toEqual({ bearer: { user: "ann" } });
    expect(asked).toEqual([{ operation: "secure", scheme: "bearer", type: "bearer", credentials: "good", scopes: ["pets:read"] }]);
    const bad = await go(handle, "/secure", { headers: { authorization: "Bearer bad" } });
    expect(bad.status).toBe(401);
    expect(bad.body.title).toBe("Invalid credentials");
  });

  it.each<[string, RequestInit, string, unknown]>([
    ["cookie API key, percent-decoded", { headers: { cookie: "a=1; sid=s%201" } }, "/either", { cookieKey: "s 1" }],
    [
      "basic (UTF-8) when the first alternative has no credentials",
      { headers: { authorization: "Basic " + Buffer.from("jürgen:pa:ss€").toString("base64") } },
      "/either",
      { basic: { username: "jürgen", password: "pa:ss€" } },
    ],
    ["an alternative of two API keys (header and query)", { headers: { "x-key": "h" } }, "/either?key=q", { headerKey: "h", queryKey: "q" }],
    ["optional security without credentials", {}, "/optional", {}],
    ["optional security with credentials", { headers: { authorization: "Bearer t" } }, "/optional", { bearer: "t" }],
  ])("%s", async (_name, init, path, auth) => {
    const r = await go(pipeline(), path, init);
    expect(r.status).toBe(200);
    expect(r.body.auth).toEqual(auth);
  });

  it.each<[string, string]>([
    ["malformed base64", "Basic !!!"],
    ["no colon", "Basic " + btoa("user")],
    ["the wrong scheme", "Bearer x"],
    ["an empty value", "Basic "],
  ])("basic: %s → 401", async (_name, authorization) => {
    const r = await go(pipeline(), "/either", { headers: { authorization } });
    expect(r.status).toBe(401);
  });

  it("only one AND member present → 401", async () => {
    expect((await go(pipeline(), "/either", { headers: { "x-key": "h" } })).status).toBe(401);
  });

  it("the challenge option replaces the header, or leaves it out", async () => {
    const custom = await go(pipeline({ challenge: (i) => `${i.standard}, Custom ${i.schemes.join("+")}` }), "/either");
    expect(custom.headers.get("www-authenticate")).toBe('ApiKey realm="api", Basic realm="api", Custom cookieKey+basic+headerKey+queryKey');
    const none = await go(pipeline({ challenge: () => undefined }), "/secure");
    expect(none.status).toBe(401);
    expect(none.headers.has("www-authenticate")).toBe(false);
  });
});

describe("request bodies", () => {
  const handle = pipeline();
  const post = (path: string, body: BodyInit | null, type?: string, method = "POST") =>
    go(handle, path, { method, body, headers: type === undefined ? {} : { "content-type": type } });

  it("JSON body reaches the handler", async () => {
    const r = await post("/pets", JSON.stringify({ name: "Rex" }), "application/json; charset=utf-8");
    expect(r.status).toBe(201);
    expect(r.body.body).toEqual({ name: "Rex" });
  });

  it.each<[string, BodyInit | null, string | undefined, number, string]>([
    ["malformed JSON", "{", "application/json", 400, "Malformed JSON"],
    ["a body that fails its validator", '{"name":1}', "application/json", 400, "Invalid request body"],
    ["no body when one is required", null, undefined, 400, "Request body required"],
    ["an unsupported media type", "name=Rex", "application/x-www-form-urlencoded", 415, "Unsupported media type"],
  ])("%s → %d", async (_name, body, type, status, title) => {
    const r = await post("/pets", body, type);
    expect(r.status).toBe(status);
    expect(r.body.title).toBe(title);
  });

  it("the body's issues are prefixed with /body; 415 names the media types", async () => {
    const bad = await post("/pets", '{"name":1}', "application/json");
    expect(bad.body.issues).toEqual([{ path: "/body/name", keyword: "type", message: "must be string", schemaPointer: "#/components/schemas/Pet/properties/name/type" }]);
    const r = await post("/pets", "x", "text/plain");
    expect(r.headers.get("accept-post")).toBe("application/json");
    expect(r.body.detail).toBe("Send one of: application/json.");
  });

  it("an optional body may be absent", async () => {
    const r = await post("/form", null);
    expect(r.status).toBe(200);
    expect(r.body.body).toBeUndefined();
  });

  it("a form body is decoded by its shape", async () => {
    const r = await post("/form", "n=5&tags=a&tags=b&ok=true&other=x", "application/x-www-form-urlencoded");
    expect(r.body.body).toEqual({ n: 5, tags: ["a", "b"], ok: true, other: "x" });
  });

  it("a multipart body: fields coerced, files stay Blobs", async () => {
    const fd = new FormData();
    fd.append("n", "12");
    fd.append("file", new Blob(["file content"], { type: "text/plain" }), "f.txt");
    const r = await go(handle, "/upload", { method: "POST", body: fd });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ n: 12, fileType: true, fileText: "file content" });
  });

  it("a malformed multipart body → 400", async () => {
    const r = await post("/upload", "garbage", "multipart/form-data; boundary=xyz");
    expect(r.status).toBe(400);
    expect(r.body.title).toBe("Malformed multipart body");
  });

  it("media type ranges: image/* as a Blob; text as a string", async () => {
    const img = await post("/blob", new Uint8Array([1, 2, 3]), "image/png", "PUT");
    expect(img.text).toBe("blob image/png 3");
    const txt = await post("/blob", "hello", "text/plain", "PUT");
    expect(txt.text).toBe("text hello");
  });

  it("a body over maxBodyBytes → 413 (streamed, and by Content-Length)", async () => {
    const small = pipeline({ maxBodyBytes: 8 });
    const streamed = await go(small, "/pets", { method: "POST", body: JSON.stringify({ name: "Rexxxxxx" }), headers: { "content-type": "application/json" } });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toEqual({ type: "about:blank", title: "Request body too large", status: 413, detail: "The limit is 8 bytes." });
    const declared = await go(small, "/pets", { method: "POST", body: "{}", headers: { "content-type": "application/json", "content-length": "100" } });
    expect(declared.status).toBe(413);
    const fits = await go(small, "/pets", { method: "POST", body: '{"name":' /* 8 bytes */, headers: { "content-type": "application/json" } });
    expect(fits.status).toBe(400); // read (8 bytes), then malformed
  });
});

describe("handler results", () => {
  it.each<[string, number, string | null, unknown]>([
    ["/status/200", 200, "application/json", { code: 200 }],
    ["/status/202", 202, null, ""],
    ["/status/404", 404, "application/json", { code: 404 }],
  ])("%s → %d, content-type %s", async (path, status, type, body) => {
    const r = await go(pipeline(), path);
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toBe(type);
    expect(r.body).toEqual(body);
  });

  it("204 has no body", async () => {
    const res = await pipeline()(new Request(H + "/pets/1", { method: "DELETE" }));
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it("a text response with the handler's headers", async () => {
    const r = await go(pipeline(), "/text");
    expect(r.text).toBe("plain text");
    expect(r.headers.get("content-type")).toBe("text/plain");
    expect(r.headers.get("x-extra")).toBe("1");
  });

  it("a throwing handler → 500 without its message; onError gets the error", async () => {
    const errors: Array<[unknown, string]> = [];
    const r = await go(pipeline({ onError: (e, info) => errors.push([e, info.operation]) }), "/throws");
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ type: "about:blank", title: "Internal server error", status: 500 });
    expect(r.text).not.toContain("secret");
    expect(errors).toHaveLength(1);
    expect(errors[0]![1]).toBe("throws");
    expect((errors[0]![0] as Error).message).toContain("secret");
  });

  it("a throwing onError does not break the answer", async () => {
    const r = await go(
      pipeline({
        onError: () => {
          throw new Error("x");
        },
      }),
      "/throws",
    );
    expect(r.status).toBe(500);
  });

  it("an undeclared status → 500 and onError", async () => {
    const errors: unknown[] = [];
    const r = await go(pipeline({ onError: (e) => errors.push(e) }), "/status/302");
    expect(r.status).toBe(500);
    expect(String(errors[0])).toContain("undeclared status 302");
  });

  it.each(["/missing", "/inherited", "/stub"])("no handler (or a stub) for %s → 501", async (path) => {
    const r = await go(pipeline(), path);
    expect(r.status).toBe(501);
    expect(r.body.title).toBe("Not implemented");
  });

  it("validateResponses: an invalid body → 500 with the issues for onError; a valid one passes", async () => {
    const errors: unknown[] = [];
    const handle = pipeline({ validateResponses: true, onError: (e) => errors.push(e) });
    const bad = await go(handle, "/validated?bad");
    expect(bad.status).toBe(500);
    expect((errors[0] as { issues: unknown[] }).issues).toEqual([
      { path: "/name", keyword: "type", message: "must be string", schemaPointer: "#/components/schemas/Pet/properties/name/type" },
    ]);
    const good = await go(handle, "/validated");
    expect(good.body).toEqual({ name: "Rex" });
    // off by default
    expect((await go(pipeline(), "/validated?bad")).body).toEqual({ name: 1 });
  });
});

describe("CORS", () => {
  const cors = pipeline({ cors: { origins: ["https://app.example"], credentials: true, exposeHeaders: ["X-Total", "Link"], maxAge: 60 } });
  const preflight = (origin: string, path = "/pets", headers: Record<string, string> = {}) =>
    cors(new Request(H + path, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", ...headers } }));

  it("answers a preflight from an allowed origin", async () => {
    const res = await preflight("https://app.example", "/pets", { "access-control-request-headers": "content-type, authorization" });
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toEqual({
      "access-control-allow-origin": "https://app.example",
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET, HEAD, POST",
      "access-control-allow-headers": "content-type, authorization",
      "access-control-expose-headers": "X-Total, Link",
      "access-control-max-age": "60",
      vary: "Access-Control-Request-Method, Access-Control-Request-Headers, Origin",
    });
  });

  it("does not echo requested headers that are not a plain list of names", async () => {
    const res = await preflight("https://app.example", "/pets", { "access-control-request-headers": "x-a, bad header" });
    expect(res.status).toBe(204);
    expect(res.headers.has("access-control-allow-headers")).toBe(false);
  });

  it("refuses a preflight from another origin (403, no allow-origin)", async () => {
    const res = await preflight("https://evil.example");
    expect(res.status).toBe(403);
    expect(res.headers.has("access-control-allow-origin")).toBe(false);
    expect(res.headers.get("vary")).toBe("Origin");
  });

  it("an OPTIONS without Access-Control-Request-Method is no preflight (405)", async () => {
    const res = await cors(new Request(H + "/pets", { method: "OPTIONS", headers: { origin: "https://app.example" } }));
    expect(res.status).toBe(405);
  });

  it("adds the CORS headers to answers to an allowed origin, errors too", async () => {
    for (const path of ["/pets", "/nope"]) {
      const res = await cors(new Request(H + path, { headers: { origin: "https://app.example" } }));
      expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
      expect(res.headers.get("access-control-allow-credentials")).toBe("true");
      expect(res.headers.get("vary")).toBe("Origin");
    }
    const other = await cors(new Request(H + "/pets", { headers: { origin: "https://evil.example" } }));
    expect(other.status).toBe(200);
    expect(other.headers.has("access-control-allow-origin")).toBe(false);
  });

  it('"*": any origin, no credentials header, no Vary', async () => {
    const any = pipeline({ cors: { origins: "*", credentials: true } });
    const res = await any(new Request(H + "/pets", { headers: { origin: "https://x.example" } }));
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.has("access-control-allow-credentials")).toBe(false);
    expect(res.headers.has("vary")).toBe(false);
  });

  it("a function decides the origin", async () => {
    const fn = pipeline({ cors: { origins: (o) => o.endsWith(".example.org") } });
    const ok = await fn(new Request(H + "/pets", { headers: { origin: "https://a.example.org" } }));
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://a.example.org");
    const no = await fn(new Request(H + "/pets", { headers: { origin: "https://example.com" } }));
    expect(no.headers.has("access-control-allow-origin")).toBe(false);
  });

  it("without the cors option, no CORS headers and preflights are 405", async () => {
    const res = await pipeline()(new Request(H + "/pets", { method: "OPTIONS", headers: { origin: "https://app.example", "access-control-request-method": "POST" } }));
    expect(res.status).toBe(405);
    expect(res.headers.has("access-control-allow-origin")).toBe(false);
  });
});
