// Unit tests of the client runtime (src/runtime/client.ts): request serialization, auth, retries, timeouts,
// errors, response validation and pagination, driven through a fake fetch that records every request.
import { describe, expect, it } from "vitest";
import { validator, fail } from "../../src/runtime/checks.js";
import {
  ApiError,
  Core,
  NetworkError,
  ResponseValidationError,
  TimeoutError,
  type ClientOptions,
  type Op,
  type Param,
  type Scheme,
  formBody,
  multipartBody,
  queryPairs,
} from "../../src/runtime/client.js";
import { firstPage, nextLink, pages as pagesOf, paginate, type Page, type Pagination } from "../../src/runtime/pages.js";

interface Sent {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
  signal: AbortSignal | undefined;
  init: RequestInit;
}

type Reply = Response | Error | ((sent: Sent) => Response | Promise<Response>);

/** A fetch that records every request and answers with the replies in turn (the last one repeats). */
function fakeFetch(...replies: Reply[]): { fetch: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const s: Sent = {
      url: String(input),
      method: String(init.method),
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal ?? undefined,
      init,
    };
    sent.push(s);
    const reply = replies[Math.min(sent.length - 1, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply(s) : reply.clone();
  }) as typeof fetch;
  return { fetch: fetchFn, sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const schemes: Record<string, Scheme> = {
  bearer: { type: "bearer" },
  basic: { type: "basic" },
  headerKey: { type: "apiKey", in: "header", name: "X-API-Key" },
  queryKey: { type: "apiKey", in: "query", name: "api_key" },
  cookieKey: { type: "apiKey", in: "cookie", name: "session" },
};

const BASE = "https://api.example.com/v1";

function op(partial: Partial<Op> = {}): Op {
  return { method: "GET", path: "/things", params: [], query: queryPairs, security: [], responses: { "200": ["application/json", "json"] }, ...partial };
}

function core(options: ClientOptions, ...replies: Reply[]) {
  const f = fakeFetch(...(replies.length > 0 ? replies : [json({})]));
  return { core: new Core({ fetch: f.fetch, ...options }, schemes, BASE), sent: f.sent };
}

/** The URL of one call with one parameter. */
async function urlOf(param: Param, value: unknown): Promise<string> {
  const { core: c, sent } = core({});
  const isPath = param[1] === "path";
  await c.call(op({ path: isPath ? `/things/{${param[0]}}` : "/things", params: [param] }), isPath ? [value] : [], isPath ? {} : { query: { [param[0]]: value } });
  return sent[0]!.url.slice(BASE.length);
}

describe("query parameters", () => {
  const colorArr = ["blue", "black", "brown"];
  const colorObj = { R: 100, G: 200, B: 150 };
  it.each<[string, Param, unknown, string]>([
    ["primitive", ["id", "query", "form", true, false], 5, "/things?id=5"],
    ["string encoded", ["q", "query", "form", true, false], "a b&c=d/é", "/things?q=a%20b%26c%3Dd%2F%C3%A9"],
    ["boolean", ["f", "query", "form", true, false], false, "/things?f=false"],
    ["Date as ISO", ["since", "query", "form", true, false], new Date(Date.UTC(2024, 1, 29, 12)), "/things?since=2024-02-29T12%3A00%3A00.000Z"],
    ["form explode array", ["color", "query", "form", true, false], colorArr, "/things?color=blue&color=black&color=brown"],
    ["form non-explode array", ["color", "query", "form", false, false], colorArr, "/things?color=blue,black,brown"],
    ["form non-explode array, commas inside encoded", ["t", "query", "form", false, false], ["a,b", "c"], "/things?t=a%2Cb,c"],
    ["spaceDelimited array", ["color", "query", "spaceDelimited", false, false], colorArr, "/things?color=blue%20black%20brown"],
    ["pipeDelimited array", ["color", "query", "pipeDelimited", false, false], colorArr, "/things?color=blue%7Cblack%7Cbrown"],
    ["form explode object", ["color", "query", "form", true, false], colorObj, "/things?R=100&G=200&B=150"],
    ["form non-explode object", ["color", "query", "form", false, false], colorObj, "/things?color=R,100,G,200,B,150"],
    ["deepObject", ["color", "query", "deepObject", true, false], colorObj, "/things?color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"],
    ["deepObject leaves undefined members out", ["f", "query", "deepObject", true, false], { a: 1, b: undefined }, "/things?f%5Ba%5D=1"],
    ["deepObject array as name[] (Stripe's expand)", ["expand", "query", "deepObject", true, false], ["customer", "invoice"], "/things?expand%5B%5D=customer&expand%5B%5D=invoice"],
    ["deepObject nested objects in brackets", ["f", "query", "deepObject", true, false], { a: { b: 1, c: [2, 3] } }, "/things?f%5Ba%5D%5Bb%5D=1&f%5Ba%5D%5Bc%5D%5B0%5D=2&f%5Ba%5D%5Bc%5D%5B1%5D=3"],
    ["deepObject array of objects (Stripe's lines)", ["lines", "query", "deepObject", true, false], [{ amount: 5 }, { amount: 6 }], "/things?lines%5B0%5D%5Bamount%5D=5&lines%5B1%5D%5Bamount%5D=6"],
    ["deepObject empty objects and arrays write nothing; indices count what was written", ["l", "query", "deepObject", true, false], [{}, { a: [], b: {} }, { c: 1 }], "/things?l%5B0%5D%5Bc%5D=1"],
    ["empty array (non-explode)", ["t", "query", "form", false, false], [], "/things?t="],
    ["empty array (explode) sends nothing", ["t", "query", "form", true, false], [], "/things"],
    ["allowReserved keeps reserved characters", ["p", "query", "form", true, true], "a/b:c,d@e", "/things?p=a/b:c,d@e"],
    ["allowReserved still encodes spaces and %", ["p", "query", "form", true, true], "a b%", "/things?p=a%20b%25"],
    ["null as text", ["n", "query", "form", true, false], null, "/things?n=null"],
  ])("%s", async (_name, param, value, expected) => {
    expect(await urlOf(param, value)).toBe(expected);
  });

  it("leaves undefined parameters out and keeps the declared order", async () => {
    const { core: c, sent } = core({});
    await c.call(
      op({
        params: [
          ["b", "query", "form", true, false],
          ["a", "query", "form", true, false],
          ["c", "query", "form", true, false],
        ],
      }),
      [],
      { query: { a: 1, c: undefined, b: 2, notDeclared: 3 } },
    );
    expect(sent[0]!.url).toBe(`${BASE}/things?b=2&a=1`);
  });

  it("an inherited property is not a parameter value", async () => {
    const { core: c, sent } = core({});
    await c.call(op({ params: [["toString", "query", "form", true, false]] }), [], { query: {} });
    expect(sent[0]!.url).toBe(`${BASE}/things`);
  });

  // Was a bug (client.ts, encode): allowReserved also leaves "#" unencoded, so a value holding "#" cuts the query string
  // there: "…?p=a?b#c" sends p="a?b" and the rest becomes the URL's fragment (OpenAPI 3.1.1: "#" must still be
  // percent-encoded in a query).
  it("allowReserved does not let '#' end the query", async () => {
    const url = new URL(BASE + (await urlOf(["p", "query", "form", true, true], "a?b#c")));
    expect(url.searchParams.get("p")).toBe("a?b#c");
  });
});

describe("path parameters", () => {
  const arr = [3, 4, 5];
  const obj = { role: "admin", firstName: "Alex" };
  it.each<[string, Param, unknown, string]>([
    ["simple", ["id", "path", "simple", false, false], 5, "/things/5"],
    ["simple encodes reserved characters", ["id", "path", "simple", false, false], "a/b?c#d e", "/things/a%2Fb%3Fc%23d%20e"],
    ["simple array", ["id", "path", "simple", false, false], arr, "/things/3,4,5"],
    ["simple object", ["id", "path", "simple", false, false], obj, "/things/role,admin,firstName,Alex"],
    ["simple explode object", ["id", "path", "simple", true, false], obj, "/things/role=admin,firstName=Alex"],
    ["label", ["id", "path", "label", false, false], 5, "/things/.5"],
    ["label array", ["id", "path", "label", false, false], arr, "/things/.3,4,5"],
    ["label explode array", ["id", "path", "label", true, false], arr, "/things/.3.4.5"],
    ["label object", ["id", "path", "label", false, false], obj, "/things/.role,admin,firstName,Alex"],
    ["label explode object", ["id", "path", "label", true, false], obj, "/things/.role=admin.firstName=Alex"],
    ["matrix", ["id", "path", "matrix", false, false], 5, "/things/;id=5"],
    ["matrix array", ["id", "path", "matrix", false, false], arr, "/things/;id=3,4,5"],
    ["matrix explode array", ["id", "path", "matrix", true, false], arr, "/things/;id=3;id=4;id=5"],
    ["matrix object", ["id", "path", "matrix", false, false], obj, "/things/;id=role,admin,firstName,Alex"],
    ["Date", ["d", "path", "simple", false, false], new Date(0), "/things/1970-01-01T00%3A00%3A00.000Z"],
  ])("%s", async (_name, param, value, expected) => {
    expect(await urlOf(param, value)).toBe(expected);
  });

  // Was a bug (client.ts, pathText): matrix + explode for an object sends ";id=role=admin,firstName=Alex"; OpenAPI's
  // style table says ";role=admin;firstName=Alex" (each property as its own matrix parameter).
  it("matrix explode object, as in OpenAPI's style table", async () => {
    expect(await urlOf(["id", "path", "matrix", true, false], obj)).toBe("/things/;role=admin;firstName=Alex");
  });

  it.each([".", ".."])(
    "a path parameter %j, a dot segment URLs would resolve, is refused and nothing is sent (review finding 5)",
    async (value) => {
      const { core: c, sent } = core({});
      const meta = op({ path: "/meta/{name}", params: [["name", "path", "simple", false, false]] });
      await expect(c.call(meta, [value])).rejects.toThrow(/dot segment/);
      expect(sent).toHaveLength(0);
    },
  );

  it("dots inside a path parameter are data: '...', 'a..b', '.env', 'v1.2'; '%2e%2e' is sent encoded, no dot segment", async () => {
    for (const v of ["...", "a..b", ".env", "v1.2"]) expect(await urlOf(["id", "path", "simple", false, false], v)).toBe(`/things/${v}`);
    expect(await urlOf(["id", "path", "simple", false, false], "%2e%2e")).toBe("/things/%252e%252e");
  });

  it("fills several path parameters in order, each occurrence", async () => {
    const { core: c, sent } = core({ baseUrl: "http://localhost:8080/api///" });
    await c.call(
      op({
        path: "/orgs/{org}/repos/{repo}",
        params: [
          ["org", "path", "simple", false, false],
          ["repo", "path", "simple", false, false],
        ],
      }),
      ["acme", "web app"],
    );
    expect(sent[0]!.url).toBe("http://localhost:8080/api/orgs/acme/repos/web%20app");
  });
});

describe("headers, cookies and Accept", () => {
  it("sends header parameters (arrays comma-joined) and cookie parameters in one Cookie header", async () => {
    const { core: c, sent } = core({ headers: { "x-client": "t", cookie: "pre=1" } });
    await c.call(
      op({
        params: [
          ["X-Request-Id", "header", "simple", false, false],
          ["X-Tags", "header", "simple", false, false],
          ["X-When", "header", "simple", false, false],
          ["theme", "cookie", "form", false, false],
          ["name", "cookie", "form", false, false],
        ],
      }),
      [],
      { headers: { "X-Request-Id": "abc", "X-Tags": ["a", "b"], "X-When": new Date(0) }, cookies: { theme: "dark", name: "a b;c" } },
    );
    const h = sent[0]!.headers;
    expect(h.get("x-request-id")).toBe("abc");
    expect(h.get("x-tags")).toBe("a,b");
    expect(h.get("x-when")).toBe("1970-01-01T00:00:00.000Z");
    expect(h.get("cookie")).toBe("pre=1; theme=dark; name=a%20b%3Bc");
    expect(h.get("x-client")).toBe("t");
  });

  it("per-call headers override the client's", async () => {
    const { core: c, sent } = core({ headers: { "x-a": "client", "x-b": "client" } });
    await c.call(op(), [], {}, { headers: { "x-a": "call", accept: "text/plain" } });
    expect(sent[0]!.headers.get("x-a")).toBe("call");
    expect(sent[0]!.headers.get("x-b")).toBe("client");
    expect(sent[0]!.headers.get("accept")).toBe("text/plain");
  });

  it.each<[string, Op["responses"], string | null]>([
    ["one media type", { "200": ["application/json", "json"] }, "application/json"],
    [
      "the distinct media types of all responses, no empty ones",
      { "200": ["application/json", "json"], "204": ["", "empty"], "404": ["application/problem+json", "json"], default: ["application/json", "json"] },
      "application/json, application/problem+json",
    ],
    ["none when nothing has content", { "204": ["", "empty"] }, null],
  ])("Accept: %s", async (_name, responses, accept) => {
    const { core: c, sent } = core({}, new Response(null, { status: 204 }));
    await c.call(op({ responses }), []);
    expect(sent[0]!.headers.get("accept")).toBe(accept);
  });

  it("passes the credentials option to fetch", async () => {
    const { core: c, sent } = core({ credentials: "omit" });
    await c.call(op(), []);
    expect(sent[0]!.init.credentials).toBe("omit");
    const { core: c2, sent: sent2 } = core({});
    await c2.call(op(), []);
    expect(sent2[0]!.init).not.toHaveProperty("credentials");
  });
});

describe("bodies", () => {
  it("JSON: stringified, with the operation's media type", async () => {
    const { core: c, sent } = core({});
    await c.call(op({ method: "PATCH", body: ["application/merge-patch+json", "json"] }), [], { body: { a: [1, null], b: "é" } });
    expect(sent[0]!.method).toBe("PATCH");
    expect(sent[0]!.body).toBe('{"a":[1,null],"b":"é"}');
    expect(sent[0]!.headers.get("content-type")).toBe("application/merge-patch+json");
  });

  it("a content-type given as a header is kept", async () => {
    const { core: c, sent } = core({ headers: { "content-type": "application/vnd.x+json" } });
    await c.call(op({ method: "POST", body: ["application/json", "json"] }), [], { body: 1 });
    expect(sent[0]!.headers.get("content-type")).toBe("application/vnd.x+json");
  });

  it("no body and no content-type when the input has none", async () => {
    const { core: c, sent } = core({});
    await c.call(op({ method: "POST", body: ["application/json", "json"] }), [], {});
    expect(sent[0]!.body).toBeUndefined();
    expect(sent[0]!.headers.has("content-type")).toBe(false);
  });

  it("form-urlencoded: arrays repeated, null empty, Date ISO, objects in brackets, undefined left out", async () => {
    const { core: c, sent } = core({});
    await c.call(op({ method: "POST", body: ["application/x-www-form-urlencoded", formBody] }), [], {
      body: { Name: "A b", tags: ["x", "y"], none: null, skip: undefined, at: new Date(Date.UTC(2020, 0, 1)), meta: { k: [1], z: null }, n: 3, ok: true, items: [{ price: "p1" }, { price: "p2", q: 2 }] },
    });
    const body = sent[0]!.body;
    expect(body).toBeInstanceOf(URLSearchParams);
    expect(decodeURIComponent(String(body))).toBe(
      "Name=A+b&tags=x&tags=y&none=&at=2020-01-01T00:00:00.000Z&meta[k][0]=1&meta[z]=&n=3&ok=true&items[0][price]=p1&items[1][price]=p2&items[1][q]=2",
    );
    expect(sent[0]!.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  });

  it("form-urlencoded: a property its Encoding Object styles otherwise is written in that style", async () => {
    const { core: c, sent } = core({});
    const styles = [["expand", "deepObject", true], ["ids", "form", false], ["words", "spaceDelimited", false], ["bars", "pipeDelimited", false], ["pt", "form", false]] as const;
    await c.call(op({ method: "POST", body: ["application/x-www-form-urlencoded", formBody, [], styles] }), [], {
      body: { expand: ["a", "b"], ids: [1, 2], words: ["x", "y"], bars: ["p", "q"], pt: { x: 1, y: 2 }, plain: ["r", "s"], one: "a,b" },
    });
    expect(decodeURIComponent(String(sent[0]!.body))).toBe("expand[]=a&expand[]=b&ids=1,2&words=x+y&bars=p|q&pt=x,1,y,2&plain=r&plain=s&one=a,b");
  });

  it("form-urlencoded: an empty object or array in brackets writes nothing, and indices count the items written", async () => {
    const { core: c, sent } = core({});
    await c.call(op({ method: "POST", body: ["application/x-www-form-urlencoded", formBody] }), [], {
      body: { items: [{}, { price: "p" }, { tags: [], meta: {} }, { q: 2 }], none: {}, n: 1 },
    });
    expect(decodeURIComponent(String(sent[0]!.body))).toBe("items[0][price]=p&items[1][q]=2&n=1");
  });

  it("multipart: Blobs as file parts, arrays repeated, objects JSON, null left out; fetch sets the boundary", async () => {
    const { core: c, sent } = core({});
    const file = new Blob(["hello"], { type: "text/plain" });
    await c.call(op({ method: "POST", body: ["multipart/form-data", multipartBody] }), [], {
      body: { file, tags: ["a", "b"], meta: { x: 1 }, gone: null, n: 2 },
    });
    const fd = sent[0]!.body as FormData;
    expect(fd).toBeInstanceOf(FormData);
    expect(sent[0]!.headers.has("content-type")).toBe(false);
    expect([...fd.keys()]).toEqual(["file", "tags", "tags", "meta", "n"]);
    expect(fd.getAll("tags")).toEqual(["a", "b"]);
    expect(fd.get("meta")).toBe('{"x":1}');
    expect(fd.get("n")).toBe("2");
    const part = fd.get("file") as File;
    expect(part).toBeInstanceOf(Blob);
    expect(await part.text()).toBe("hello");
    // and it encodes to a real multipart body
    const encoded = new Request("http://x/", { method: "POST", body: fd });
    expect(encoded.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await encoded.text()).toContain('name="file"');
  });

  it("multipart: a FormData is sent as it is", async () => {
    const { core: c, sent } = core({});
    const fd = new FormData();
    fd.append("a", "1");
    await c.call(op({ method: "POST", body: ["multipart/form-data", multipartBody] }), [], { body: fd });
    expect(sent[0]!.body).toBe(fd);
  });

  it("text and binary bodies go as given with their media type", async () => {
    const { core: c, sent } = core({});
    const bin = new Uint8Array([1, 2, 3]);
    await c.call(op({ method: "PUT", body: ["application/octet-stream", "raw"] }), [], { body: bin });
    await c.call(op({ method: "PUT", body: ["text/csv", "raw"] }), [], { body: "a,b" });
    expect(sent[0]!.body).toBe(bin);
    expect(sent[0]!.headers.get("content-type")).toBe("application/octet-stream");
    expect(sent[1]!.body).toBe("a,b");
    expect(sent[1]!.headers.get("content-type")).toBe("text/csv");
  });
});

describe("response bodies", () => {
  it.each<[string, Op["responses"], () => Response, unknown]>([
    ["JSON", { "200": ["application/json", "json"] }, () => json({ a: 1 }), { a: 1 }],
    ["+json by content type", { "200": ["text/plain", "text"] }, () => new Response('{"a":1}', { headers: { "content-type": "application/hal+json" } }), { a: 1 }],
    ["declared JSON that is not", { "200": ["application/json", "json"] }, () => new Response("oops"), "oops"],
    ["empty JSON", { "200": ["application/json", "json"] }, () => new Response(""), undefined],
    ["text", { "200": ["text/plain", "text"] }, () => new Response("hi", { headers: { "content-type": "text/plain" } }), "hi"],
    ["204", { "204": ["", "empty"] }, () => new Response(null, { status: 204 }), undefined],
    ["2XX range", { "2XX": ["text/plain", "text"] }, () => new Response("r", { status: 202 }), "r"],
  ])("%s", async (_name, responses, reply, expected) => {
    const { core: c } = core({}, reply());
    expect(await c.call(op({ responses }), [])).toEqual(expected);
  });

  it("binary as a Blob", async () => {
    const { core: c } = core({}, new Response(new Uint8Array([9, 8])));
    const out = await c.call(op({ responses: { "200": ["application/octet-stream", "binary"] } }), []);
    expect(out).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (out as Blob).arrayBuffer())]).toEqual([9, 8]);
  });
});

describe("auth", () => {
  const secured = (security: string[][]) => op({ security });

  it.each<[string, string[][], Record<string, unknown>, Record<string, string>, string]>([
    ["bearer", [["bearer"]], { bearer: "tok" }, { authorization: "Bearer tok" }, ""],
    ["basic", [["basic"]], { basic: { username: "aladdin", password: "opensesame" } }, { authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" }, ""],
    ["basic, non-ASCII as UTF-8", [["basic"]], { basic: { username: "jürgen", password: "pässwörd€" } }, { authorization: "Basic " + Buffer.from("jürgen:pässwörd€", "utf8").toString("base64") }, ""],
    ["apiKey in a header", [["headerKey"]], { headerKey: "k1" }, { "x-api-key": "k1" }, ""],
    ["apiKey in the query", [["queryKey"]], { queryKey: "a b&c" }, {}, "?api_key=a%20b%26c"],
    ["apiKey in a cookie", [["cookieKey"]], { cookieKey: "s;1" }, { cookie: "session=s%3B1" }, ""],
    ["the first alternative that has credentials", [["headerKey"], ["bearer"]], { bearer: "tok" }, { authorization: "Bearer tok" }, ""],
    ["an alternative's schemes together (AND)", [["headerKey", "queryKey"], ["bearer"]], { headerKey: "h", queryKey: "q", bearer: "b" }, { "x-api-key": "h" }, "?api_key=q"],
    ["an AND missing one scheme is skipped", [["headerKey", "queryKey"], ["bearer"]], { headerKey: "h", bearer: "b" }, { authorization: "Bearer b" }, ""],
    ["no credentials, nothing sent", [["bearer"]], {}, {}, ""],
    ["optional auth ([] alternative) sends none", [[], ["bearer"]], { bearer: "b" }, {}, ""],
    ["a scheme named like an Object.prototype member finds nothing", [["constructor"]], {}, {}, ""],
  ])("%s", async (_name, security, auth, headers, search) => {
    const { core: c, sent } = core({ auth });
    await c.call(secured(security), []);
    const s = sent[0]!;
    expect(s.url).toBe(`${BASE}/things${search}`);
    for (const [k, v] of Object.entries(headers)) expect(s.headers.get(k)).toBe(v);
    if (!("authorization" in headers)) expect(s.headers.has("authorization")).toBe(false);
  });

  it("a credential function is called for every request (token refresh)", async () => {
    let n = 0;
    const { core: c, sent } = core({ auth: { bearer: async () => `t${++n}` } });
    await c.call(secured([["bearer"]]), []);
    await c.call(secured([["bearer"]]), []);
    expect(sent.map((s) => s.headers.get("authorization"))).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("per-call auth overrides the client's; an apiKey query param follows the other parameters", async () => {
    const { core: c, sent } = core({ auth: { queryKey: "client", bearer: "x" } });
    await c.call(op({ security: [["queryKey"]], params: [["page", "query", "form", true, false]] }), [], { query: { page: 2 } }, { auth: { queryKey: "call" } });
    expect(sent[0]!.url).toBe(`${BASE}/things?page=2&api_key=call`);
  });

  it("an apiKey cookie joins the cookie parameters", async () => {
    const { core: c, sent } = core({ auth: { cookieKey: "s" } });
    await c.call(op({ security: [["cookieKey"]], params: [["lang", "cookie", "form", false, false]] }), [], { cookies: { lang: "en" } });
    expect(sent[0]!.headers.get("cookie")).toBe("lang=en; session=s");
  });
});

const fast = { baseDelayMs: 1, maxDelayMs: 5 };

describe("retries", { timeout: 5000 }, () => {
  it("retries an idempotent GET on 503 up to maxRetries, then throws the ApiError", async () => {
    const { core: c, sent } = core({ retry: { ...fast, maxRetries: 3 } }, json({ e: 1 }, 503));
    const err = await c.call(op(), []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(503);
    expect(sent).toHaveLength(4);
  });

  it("succeeds when a retry succeeds", async () => {
    const { core: c, sent } = core({ retry: fast }, json({}, 503), json({}, 502), json({ ok: true }));
    expect(await c.call(op(), [])).toEqual({ ok: true });
    expect(sent).toHaveLength(3);
  });

  it.each([408, 429, 500, 504])("retries %d", async (status) => {
    const { core: c, sent } = core({ retry: fast }, new Response("", { status }), json(1));
    expect(await c.call(op(), [])).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it.each([400, 401, 404, 409, 422])("does not retry %d", async (status) => {
    const { core: c, sent } = core({ retry: fast }, new Response("", { status }), json(1));
    await expect(c.call(op(), [])).rejects.toMatchObject({ name: "ApiError", status });
    expect(sent).toHaveLength(1);
  });

  it("retries a network error, then throws NetworkError with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const { core: c, sent } = core({ retry: fast }, cause);
    const err = await c.call(op(), []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).cause).toBe(cause);
    expect((err as NetworkError).operation).toBe("GET /things");
    expect((err as Error).message).toBe("GET /things: network error: fetch failed");
    expect(sent).toHaveLength(3); // default maxRetries: 2
  });

  it("recovers after a network error", async () => {
    const { core: c, sent } = core({ retry: fast }, new TypeError("reset"), json("ok"));
    expect(await c.call(op(), [])).toBe("ok");
    expect(sent).toHaveLength(2);
  });

  it.each(["POST", "PATCH"])("does not retry %s (on 503 or a network error)", async (method) => {
    const a = core({ retry: fast }, json({}, 503));
    await expect(a.core.call(op({ method }), [])).rejects.toBeInstanceOf(ApiError);
    expect(a.sent).toHaveLength(1);
    const b = core({ retry: fast }, new TypeError("x"));
    await expect(b.core.call(op({ method }), [])).rejects.toBeInstanceOf(NetworkError);
    expect(b.sent).toHaveLength(1);
  });

  it.each(["PUT", "DELETE", "HEAD", "OPTIONS"])("retries idempotent %s", async (method) => {
    const { core: c, sent } = core({ retry: fast }, json({}, 503), new Response(null, { status: 204 }));
    await c.call(op({ method, responses: { "204": ["", "empty"] } }), []);
    expect(sent).toHaveLength(2);
  });

  it("retries POST with retryNonIdempotent, resending the body", async () => {
    const { core: c, sent } = core({ retry: { ...fast, retryNonIdempotent: true } }, json({}, 503), json({ id: 1 }, 201));
    const out = await c.call(op({ method: "POST", body: ["application/json", "json"], responses: { "201": ["application/json", "json"] } }), [], { body: { a: 1 } });
    expect(out).toEqual({ id: 1 });
    expect(sent.map((s) => s.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("maxRetries 0 disables retries; per-call retry options override the client's", async () => {
    const a = core({ retry: { ...fast, maxRetries: 0 } }, json({}, 503));
    await expect(a.core.call(op(), [])).rejects.toBeInstanceOf(ApiError);
    expect(a.sent).toHaveLength(1);
    const b = core({ retry: { ...fast, maxRetries: 0 } }, json({}, 503));
    await expect(b.core.call(op(), [], {}, { retry: { maxRetries: 1 } })).rejects.toBeInstanceOf(ApiError);
    expect(b.sent).toHaveLength(2);
  });

  it("honours Retry-After (0 seconds) instead of the backoff", async () => {
    // baseDelayMs is an hour: only Retry-After can make this finish
    const { core: c, sent } = core({ retry: { baseDelayMs: 3_600_000 } }, json({}, 429, { "retry-after": "0" }), json("done"));
    const t0 = Date.now();
    expect(await c.call(op(), [])).toBe("done");
    expect(sent).toHaveLength(2);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("honours Retry-After as an HTTP date in the past", async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const { core: c, sent } = core({ retry: { baseDelayMs: 3_600_000 } }, json({}, 503, { "retry-after": past }), json("done"));
    expect(await c.call(op(), [])).toBe("done");
    expect(sent).toHaveLength(2);
  });

  it("caps Retry-After at maxDelayMs", async () => {
    const { core: c, sent } = core({ retry: { maxDelayMs: 20 } }, json({}, 503, { "retry-after": "3600" }), json("done"));
    const t0 = Date.now();
    expect(await c.call(op(), [])).toBe("done");
    const took = Date.now() - t0;
    expect(sent).toHaveLength(2);
    expect(took).toBeGreaterThanOrEqual(15);
    expect(took).toBeLessThan(1000);
  });
});

/** A fetch that never answers, and rejects with the signal's reason once aborted (as fetch does). */
const hanging = (s: Sent) =>
  new Promise<Response>((_resolve, reject) => {
    if (s.signal?.aborted) return reject(s.signal.reason);
    s.signal?.addEventListener("abort", () => reject(s.signal!.reason));
  });

describe("timeouts and aborts", { timeout: 5000 }, () => {
  it("timeoutMs → TimeoutError after the retries of an idempotent method (issue 23: a timed-out GET is retried)", async () => {
    const { core: c, sent } = core({ timeoutMs: 20, retry: fast }, hanging, hanging, hanging);
    const err = await c.call(op(), []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).timeoutMs).toBe(20);
    expect((err as TimeoutError).operation).toBe("GET /things");
    expect(sent).toHaveLength(3); // the first attempt and maxRetries (2) more
  });

  it("a timed-out attempt retried answers when a later one does; a POST is not retried", async () => {
    const { core: c, sent } = core({ timeoutMs: 20, retry: fast }, hanging, json({ ok: 1 }));
    expect(await c.call(op(), [])).toEqual({ ok: 1 });
    expect(sent).toHaveLength(2);
    const post = core({ timeoutMs: 20, retry: fast }, hanging, json({ ok: 1 }));
    await expect(post.core.call(op({ method: "POST" }), [])).rejects.toBeInstanceOf(TimeoutError);
    expect(post.sent).toHaveLength(1);
  });

  it("the default timeout is 60 s; 0 or Infinity mean none", async () => {
    const timers: number[] = [];
    const real = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms?: number) => (timers.push(ms ?? 0), real(fn, ms))) as typeof setTimeout;
    try {
      await core({}).core.call(op(), []);
      expect(timers).toContain(60_000);
      timers.length = 0;
      await core({ timeoutMs: 0 }).core.call(op(), []);
      await core({}).core.call(op(), [], {}, { timeoutMs: Infinity });
      expect(timers).toEqual([]);
    } finally {
      globalThis.setTimeout = real;
    }
  });

  it("a per-call timeoutMs overrides the client's", async () => {
    const { core: c } = core({ timeoutMs: 60_000 }, hanging);
    await expect(c.call(op(), [], {}, { timeoutMs: 10 })).rejects.toMatchObject({ name: "TimeoutError", timeoutMs: 10 });
  });

  it("the timeout covers reading the body", async () => {
    // As fetch's, the body stream errors with the signal's reason once the request is aborted.
    const stalled = (s: Sent) =>
      new Response(
        new ReadableStream({
          start(ctl) {
            ctl.enqueue(new TextEncoder().encode("{"));
            s.signal?.addEventListener("abort", () => ctl.error(s.signal!.reason));
          },
        }),
        { headers: { "content-type": "application/json" } },
      );
    const { core: c } = core({ timeoutMs: 20 }, stalled);
    await expect(c.call(op(), [])).rejects.toBeInstanceOf(TimeoutError);
  });

  it("a fast answer is not hit by its timeout later", async () => {
    const { core: c } = core({ timeoutMs: 30 }, json("fine"));
    expect(await c.call(op(), [])).toBe("fine");
    await new Promise((r) => setTimeout(r, 50));
  });

  it("an abort signal rejects with its reason and is not retried", async () => {
    const ctl = new AbortController();
    const { core: c, sent } = core({ retry: fast }, hanging);
    const p = c.call(op(), [], {}, { signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error("user left")), 5);
    await expect(p).rejects.toThrow("user left");
    expect(sent).toHaveLength(1);
  });

  it("an already aborted signal sends nothing", async () => {
    const { core: c, sent } = core({});
    const reason = new Error("stop");
    await expect(c.call(op(), [], {}, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toHaveLength(0);
  });

  it("aborting during the backoff ends the wait at once", async () => {
    const ctl = new AbortController();
    const { core: c, sent } = core({ retry: { baseDelayMs: 60_000 } }, json({}, 503));
    const p = c.call(op(), [], {}, { signal: ctl.signal });
    setTimeout(() => ctl.abort(new Error("cancelled")), 20);
    const t0 = Date.now();
    await expect(p).rejects.toThrow("cancelled");
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(sent).toHaveLength(1);
  });
});

describe("errors and response validation", () => {
  it("ApiError carries the operation, status, parsed body, headers and response", async () => {
    const { core: c } = core({}, json({ title: "nope" }, 404, { "content-type": "application/problem+json", "x-req": "r1" }));
    const err = (await c.call(op({ responses: { "200": ["application/json", "json"], "404": ["application/problem+json", "json"] } }), []).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.name).toBe("ApiError");
    expect(err.message).toBe("GET /things failed with HTTP 404");
    expect(err.operation).toBe("GET /things");
    expect(err.status).toBe(404);
    expect(err.body).toEqual({ title: "nope" });
    expect(err.headers.get("x-req")).toBe("r1");
    expect(err.response.status).toBe(404);
  });

  it("an undeclared error status keeps a text body", async () => {
    const { core: c } = core({}, new Response("gateway down", { status: 400, headers: { "content-type": "text/html" } }));
    await expect(c.call(op(), [])).rejects.toMatchObject({ status: 400, body: "gateway down" });
  });

  const positive = validator("Positive", (v, p, o) => (typeof v === "number" && v > 0) || !fail(o, p, "minimum", "must be > 0", "#/S/minimum"));
  const validators = { getThing: { route: "GET /things", responses: { "200": { "application/json": positive } } } };

  it("validateResponses: a body that fails throws ResponseValidationError", async () => {
    const { core: c } = core({ validateResponses: validators }, json(-1));
    const err = (await c.call(op(), []).catch((e: unknown) => e)) as ResponseValidationError;
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err.status).toBe(200);
    expect(err.body).toBe(-1);
    expect(err.issues).toEqual([{ path: "", keyword: "minimum", message: "must be > 0", schemaPointer: "#/S/minimum" }]);
    expect(err.message).toBe("GET /things: the 200 response does not match the spec: / must be > 0");
  });

  it("a HEAD answer has no content whatever its status declares: undefined, not read as JSON, not validated", async () => {
    const head = { headThing: { route: "HEAD /things", responses: { "200": { "application/json": positive } } } };
    // What a server that (wrongly) sent bytes with a HEAD answer would give: still undefined.
    const { core: c } = core({ validateResponses: head }, json(-1));
    expect(await c.call(op({ method: "HEAD" }), [])).toBeUndefined();
  });

  it("validateResponses: a body that passes is returned", async () => {
    const { core: c } = core({ validateResponses: validators }, json(5));
    expect(await c.call(op(), [])).toBe(5);
  });

  it("validateResponses: operations, statuses it does not hold are not checked", async () => {
    const a = core({ validateResponses: validators }, json(-1));
    expect(await a.core.call(op({ path: "/other" }), [])).toBe(-1);
    const b = core({ validateResponses: validators }, json(-1, 201));
    expect(await b.core.call(op({ responses: { "201": ["application/json", "json"] } }), [])).toBe(-1);
    const c = core({ validateResponses: {} }, json(-1));
    expect(await c.core.call(op({ path: "/constructor" }), [])).toBe(-1);
  });

  it("validateResponses: the validator of the response's media type, else the first", async () => {
    const never = validator("Never", (_v, p, o) => !fail(o, p, "x", "never", ""));
    const v = { getThing: { route: "GET /things", responses: { "200": { "application/json": never, "text/plain": positive } } } };
    const a = core({ validateResponses: v }, new Response("7", { headers: { "content-type": "Text/Plain; charset=utf-8" } }));
    await expect(a.core.call(op({ responses: { "200": ["text/plain", "json"] } }), [])).resolves.toBe(7);
    const b = core({ validateResponses: v }, new Response("7", { headers: { "content-type": "application/xml" } }));
    await expect(b.core.call(op({ responses: { "200": ["text/plain", "json"] } }), [])).rejects.toBeInstanceOf(ResponseValidationError);
  });

  it("validateResponses: a binary response (a Blob) is not checked against the schema", async () => {
    const { core: c } = core({ validateResponses: validators }, new Response("bytes", { headers: { "content-type": "application/octet-stream" } }));
    const out = await c.call(op({ responses: { "200": ["application/octet-stream", "binary"] } }), []);
    expect(out).toBeInstanceOf(Blob);
    expect(await (out as Blob).text()).toBe("bytes");
  });

  it("validateResponses: true is a TypeError at construction", () => {
    expect(() => new Core({ validateResponses: true as unknown as object }, schemes, BASE)).toThrow(TypeError);
  });
});

describe("pagination", () => {
  async function all(gen: AsyncGenerator<unknown>): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const x of gen) out.push(x);
    return out;
  }
  const list = op({ params: [["page", "query", "form", true, false], ["cursor", "query", "form", true, false], ["q", "query", "form", true, false]] });

  it("page: requests pages until totalPages", async () => {
    const { core: c, sent } = core({}, (s) => {
      const page = Number(new URL(s.url).searchParams.get("page") ?? 1);
      return json({ data: [page * 10, page * 10 + 1], pages: 3 });
    });
    const p: Pagination = { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] };
    expect(await all(paginate(c, list, [], { query: { q: "x" } }, undefined, p))).toEqual([10, 11, 20, 21, 30, 31]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things?q=x", "/things?page=2&q=x", "/things?page=3&q=x"]);
  });

  it("page: starts at the page given", async () => {
    const { core: c, sent } = core({}, json({ data: ["z"], pages: 5 }));
    const p: Pagination = { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] };
    expect(await all(paginate(c, list, [], { query: { page: 5 } }, undefined, p))).toEqual(["z"]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things?page=5"]);
  });

  it("page: stops at an empty page", async () => {
    const { core: c, sent } = core({}, json({ data: [1], pages: 10 }), json({ data: [], pages: 10 }));
    const p: Pagination = { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] };
    expect(await all(paginate(c, list, [], {}, undefined, p))).toEqual([1]);
    expect(sent).toHaveLength(2);
  });

  it("cursor: passes the last item's id while hasMore", async () => {
    const { core: c, sent } = core(
      {},
      json({ items: [{ id: "a" }, { id: "b" }], more: true }),
      json({ items: [{ id: "c" }], more: true }),
      json({ items: [{ id: "d" }], more: false }),
    );
    const p: Pagination = { kind: "cursor", items: ["items"], cursorParam: "cursor", hasMore: ["more"], idField: "id" };
    expect(await all(paginate(c, list, [], { query: { q: "x" } }, undefined, p))).toEqual([{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things?q=x", "/things?cursor=b&q=x", "/things?cursor=c&q=x"]);
  });

  it("next: follows relative and absolute next URLs on the base URL's origin with the auth, until there is none", async () => {
    const { core: c, sent } = core(
      { auth: { queryKey: "k", bearer: "t" } },
      json({ results: [1], next: "/v1/things?page=2" }),
      json({ results: [2], next: "https://api.example.com/v1/things?page=3" }),
      json({ results: [3], next: null }),
    );
    const p: Pagination = { kind: "next", items: ["results"], next: ["next"] };
    const secured = op({ security: [["queryKey", "bearer"]] });
    expect(await all(paginate(c, secured, [], {}, undefined, p))).toEqual([1, 2, 3]);
    expect(sent.map((s) => s.url)).toEqual([
      `${BASE}/things?api_key=k`,
      "https://api.example.com/v1/things?page=2&api_key=k",
      "https://api.example.com/v1/things?page=3&api_key=k",
    ]);
    expect(sent.map((s) => s.method)).toEqual(["GET", "GET", "GET"]);
    expect(sent.every((s) => s.headers.get("authorization") === "Bearer t")).toBe(true);
  });

  it("next: a link to another origin is an error, and nothing is sent there (credentials stay home)", async () => {
    for (const next of ["https://other.example.com/p3?x=1", "http://api.example.com/v1/things?page=2", "//evil.example/x"]) {
      const { core: c, sent } = core({ auth: { queryKey: "k", bearer: "t" } }, json({ results: [1], next }), json({ results: [2] }));
      const p: Pagination = { kind: "next", items: ["results"], next: ["next"] };
      const items: unknown[] = [];
      const e = await (async () => {
        for await (const x of paginate(c, op({ security: [["queryKey", "bearer"]] }), [], {}, undefined, p)) items.push(x);
      })().catch((x: unknown) => x);
      expect(e, next).toBeInstanceOf(Error);
      expect(String(e)).toContain("another origin");
      expect(items).toEqual([1]);
      expect(sent).toHaveLength(1);
    }
  });

  it("next: an empty string ends it", async () => {
    const { core: c, sent } = core({}, json({ results: [1], next: "" }));
    expect(await all(paginate(c, list, [], {}, undefined, { kind: "next", items: ["results"], next: ["next"] }))).toEqual([1]);
    expect(sent).toHaveLength(1);
  });

  // Was a bug (client.ts, paginate): a relative `next` is resolved against the client's base URL, not against the URL
  // of the page that returned it (RFC 3986 §5.1), so "?page=2" from /v1/things goes to /v1?page=2 and
  // "things?page=2" to https://api.example.com/things (the base URL has no trailing slash).
  it("next: a relative URL resolves against the page that returned it", async () => {
    const { core: c, sent } = core({}, json({ results: [1], next: "?page=2" }), json({ results: [2] }));
    await all(paginate(c, list, [], {}, undefined, { kind: "next", items: ["results"], next: ["next"] }));
    expect(sent[1]!.url).toBe(`${BASE}/things?page=2`);
  });

  // Was a bug (client.ts, follow): follow() builds its headers from the client's options only, so per-call
  // `options.headers` are dropped from every page after the first.
  it("next: later pages keep the per-call headers", async () => {
    const { core: c, sent } = core({}, json({ results: [1], next: "/v1/things?page=2" }), json({ results: [2] }));
    await all(paginate(c, list, [], {}, { headers: { "x-trace": "abc" } }, { kind: "next", items: ["results"], next: ["next"] }));
    expect(sent[0]!.headers.get("x-trace")).toBe("abc");
    expect(sent[1]!.headers.get("x-trace")).toBe("abc");
  });

  // Was a bug (client.ts, follow): follow()'s Cookie header (an apiKey cookie) replaces the client's default Cookie
  // header, where call() joins the two.
  it("next: later pages keep the client's cookies beside an apiKey cookie", async () => {
    const { core: c, sent } = core({ headers: { cookie: "pref=1" }, auth: { cookieKey: "s" } }, json({ results: [1], next: "/v1/things?page=2" }), json({ results: [2] }));
    await all(paginate(c, op({ security: [["cookieKey"]] }), [], {}, undefined, { kind: "next", items: ["results"], next: ["next"] }));
    expect(sent[0]!.headers.get("cookie")).toBe("pref=1; session=s");
    expect(sent[1]!.headers.get("cookie")).toBe("pref=1; session=s");
  });
});

describe("pagination: more shapes", () => {
  async function all(gen: AsyncGenerator<unknown>): Promise<unknown[]> {
    const out: unknown[] = [];
    for await (const x of gen) out.push(x);
    return out;
  }
  const paths = (sent: Sent[]) => sent.map((s) => s.url.slice(BASE.length));
  const basic = { username: "AC1", password: "secret" };
  const BASIC = "Basic " + btoa("AC1:secret");

  it("next at a path (Twilio's meta.next_page_url): followed with basic auth and the per-call headers on every page", async () => {
    const { core: c, sent } = core(
      { auth: { basic } },
      json({ channels: [1, 2], meta: { page: 0, next_page_url: "https://api.example.com/v1/things?PageSize=2&Page=1&PageToken=PT2" } }),
      json({ channels: [3], meta: { page: 1, next_page_url: null } }),
    );
    const p: Pagination = { kind: "next", items: ["channels"], next: ["meta", "next_page_url"] };
    const items = await all(paginate(c, op({ security: [["basic"]], params: [["PageSize", "query", "form", true, false]] }), [], { query: { PageSize: 2 } }, { headers: { "x-trace": "t1" } }, p));
    expect(items).toEqual([1, 2, 3]);
    expect(paths(sent)).toEqual(["/things?PageSize=2", "/things?PageSize=2&Page=1&PageToken=PT2"]);
    expect(sent.map((s) => [s.headers.get("authorization"), s.headers.get("x-trace")])).toEqual([[BASIC, "t1"], [BASIC, "t1"]]);
  });

  it("next at a path: a body without it, or with something else than a string there, ends it", async () => {
    for (const meta of [undefined, { next_page_url: 2 }, { next_page_url: { href: "/v1/things?p=2" } }, "flat"]) {
      const { core: c, sent } = core({}, json({ channels: [1], meta }), json({ channels: [2] }));
      expect(await all(paginate(c, op(), [], {}, undefined, { kind: "next", items: ["channels"], next: ["meta", "next_page_url"] }))).toEqual([1]);
      expect(sent).toHaveLength(1);
    }
  });

  it("link: follows rel=\"next\" of the Link header (absolute, then relative to the page) with the auth and per-call headers; items are the body", async () => {
    const { core: c, sent } = core(
      { auth: { bearer: "t" } },
      json([1, 2], 200, { link: '<https://api.example.com/v1/things?per_page=2&page=2>; rel="next", <https://api.example.com/v1/things?per_page=2&page=3>; rel="last"' }),
      json([3, 4], 200, { link: '<things?per_page=2&page=3>; rel="next", <things?per_page=2&page=1>; rel="first"' }),
      json([5], 200, { link: '<https://api.example.com/v1/things?per_page=2&page=1>; rel="first", <https://api.example.com/v1/things?per_page=2&page=2>; rel="prev"' }),
    );
    const list = op({ security: [["bearer"]], params: [["per_page", "query", "form", true, false]] });
    const items = await all(paginate(c, list, [], { query: { per_page: 2 } }, { headers: { "x-github-api-version": "2022-11-28" } }, { kind: "link", items: [] }));
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(paths(sent)).toEqual(["/things?per_page=2", "/things?per_page=2&page=2", "/things?per_page=2&page=3"]);
    expect(sent.map((s) => [s.method, s.headers.get("authorization"), s.headers.get("x-github-api-version")])).toEqual(Array(3).fill(["GET", "Bearer t", "2022-11-28"]));
  });

  it("link: no Link header, or none with rel=next, ends it; so does a next link to the page itself", async () => {
    const cases: Array<Record<string, string>> = [{}, { link: '<https://api.example.com/v1/things?page=1>; rel="prev"' }, { link: '<https://api.example.com/v1/things>; rel="next"' }];
    for (const headers of cases) {
      const { core: c, sent } = core({}, json([1], 200, headers), json([2]));
      expect(await all(paginate(c, op(), [], {}, undefined, { kind: "link", items: [] }))).toEqual([1]);
      expect(sent).toHaveLength(1);
    }
  });

  it("link: a next link to another origin is an error, and nothing is sent there", async () => {
    const { core: c, sent } = core({ auth: { bearer: "t" } }, json([1], 200, { link: '<https://evil.example/steal>; rel="next"' }), json([2]));
    const items: unknown[] = [];
    const e = await (async () => {
      for await (const x of paginate(c, op({ security: [["bearer"]] }), [], {}, undefined, { kind: "link", items: [] })) items.push(x);
    })().catch((x: unknown) => x);
    expect(String(e)).toContain("another origin");
    expect(items).toEqual([1]);
    expect(sent).toHaveLength(1);
  });

  it.each<[string, string | null, string | undefined]>([
    ["GitHub's", '<https://api.github.com/resource?page=2>; rel="next", <https://api.github.com/resource?page=5>; rel="last"', "https://api.github.com/resource?page=2"],
    ["next after another", '<https://x.test/?page=1>; rel="prev", <https://x.test/?page=3>; rel="next"', "https://x.test/?page=3"],
    ["an unquoted rel, in another case", "<https://x.test/?page=2>; REL=Next", "https://x.test/?page=2"],
    ["several relation types", '<https://x.test/?page=2>; rel="last next"', "https://x.test/?page=2"],
    ["commas and semicolons inside the URL", '<https://x.test/?a=1,2;b=3>; rel="next"', "https://x.test/?a=1,2;b=3"],
    ["other parameters first, with quoted commas", '<https://x.test/a>; title="a, b; <c>"; rel="next"', "https://x.test/a"],
    ["only the first rel counts", '<https://x.test/a>; rel="prev"; rel="next", <https://x.test/b>; rel="next"', "https://x.test/b"],
    ["a relative target", '</v1/things?page=2>; rel="next"', "/v1/things?page=2"],
    ["no next", '<https://x.test/?page=1>; rel="prev"', undefined],
    ["next only as a word inside another type", '<https://x.test/a>; rel="nextpage", <https://x.test/b>; rel="next-archive"', undefined],
    ["no header", null, undefined],
    ["garbage", "next", undefined],
  ])("nextLink: %s", (_name, header, want) => {
    expect(nextLink(header)).toBe(want);
  });

  const offsetList = op({ params: [["offset", "query", "form", true, false], ["limit", "query", "form", true, false], ["q", "query", "form", true, false]] });
  /** A server over `n` items that answers offset/limit, capping the limit at `cap`, with `total` when asked to. */
  function offsetServer(n: number, opts: { cap?: number; total?: boolean; defaultLimit?: number } = {}) {
    return (s: Sent) => {
      const q = new URL(s.url).searchParams;
      const offset = Number(q.get("offset") ?? 0);
      const limit = Math.min(Number(q.get("limit") ?? opts.defaultLimit ?? 10), opts.cap ?? Infinity);
      const items = Array.from({ length: Math.max(0, Math.min(limit, n - offset)) }, (_, i) => offset + i);
      return json({ data: items, ...(opts.total ? { meta: { total: n } } : {}) });
    };
  }

  it("offset: steps by the items received and stops at the total", async () => {
    const { core: c, sent } = core({}, offsetServer(5, { total: true }));
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit", total: ["meta", "total"] };
    expect(await all(paginate(c, offsetList, [], { query: { limit: 2, q: "x" } }, undefined, p))).toEqual([0, 1, 2, 3, 4]);
    expect(paths(sent)).toEqual(["/things?limit=2&q=x", "/things?offset=2&limit=2&q=x", "/things?offset=4&limit=2&q=x"]);
  });

  it("offset: a full last page ends it at the total, without asking for an empty one", async () => {
    const { core: c, sent } = core({}, offsetServer(4, { total: true }));
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit", total: ["meta", "total"] };
    expect(await all(paginate(c, offsetList, [], { query: { limit: 2 } }, undefined, p))).toEqual([0, 1, 2, 3]);
    expect(paths(sent)).toEqual(["/things?limit=2", "/things?offset=2&limit=2"]);
  });

  it("offset: with a total, a server that caps the limit is followed to the end (short pages are not the end)", async () => {
    const { core: c, sent } = core({}, offsetServer(7, { cap: 3, total: true }));
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit", total: ["meta", "total"] };
    expect(await all(paginate(c, offsetList, [], { query: { limit: 100 } }, undefined, p))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(paths(sent)).toEqual(["/things?limit=100", "/things?offset=3&limit=100", "/things?offset=6&limit=100"]);
  });

  it("offset: without a total, a page shorter than the limit is the last", async () => {
    const { core: c, sent } = core({}, offsetServer(5));
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit" };
    expect(await all(paginate(c, offsetList, [], { query: { offset: 1, limit: 2 } }, undefined, p))).toEqual([1, 2, 3, 4]);
    expect(paths(sent)).toEqual(["/things?offset=1&limit=2", "/things?offset=3&limit=2", "/things?offset=5&limit=2"]);
  });

  it("offset: without a limit, the first page's size is the page size; an empty page ends it", async () => {
    const a = core({}, offsetServer(25, { defaultLimit: 10 }));
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit" };
    expect(await all(paginate(a.core, offsetList, [], {}, undefined, p))).toHaveLength(25);
    expect(paths(a.sent)).toEqual(["/things", "/things?offset=10", "/things?offset=20"]);
    // A first page shorter than the server's default cannot be told from a capped one: one more request, empty.
    const b = core({}, offsetServer(3, { defaultLimit: 10 }));
    expect(await all(paginate(b.core, offsetList, [], {}, undefined, p))).toEqual([0, 1, 2]);
    expect(paths(b.sent)).toEqual(["/things", "/things?offset=3"]);
  });

  it("cursor: a last item without the id field ends it (the next request would be the first again)", async () => {
    const { core: c, sent } = core({}, json({ data: [{ id: "a" }, { name: "no id" }], has_more: true }), json({ data: [{ id: "z" }], has_more: false }));
    const p: Pagination = { kind: "cursor", items: ["data"], cursorParam: "starting_after", hasMore: ["has_more"], idField: "id" };
    expect(await all(paginate(c, op(), [], {}, undefined, p))).toEqual([{ id: "a" }, { name: "no id" }]);
    expect(sent).toHaveLength(1);
  });

  it("items that are not an array are an empty page, the last (a string's characters are no items)", async () => {
    for (const body of [{ results: "abc", next: "/v1/things?p=2" }, { next: "/v1/things?p=2" }, null]) {
      const { core: c, sent } = core({}, json(body), json({ results: [1] }));
      expect(await all(paginate(c, op(), [], {}, undefined, { kind: "next", items: ["results"], next: ["next"] }))).toEqual([]);
      expect(sent).toHaveLength(1);
    }
  });

  it("a body key named like an Object.prototype member is not found there", async () => {
    const { core: c, sent } = core({}, json({ results: [1] }), json({ results: [2] }));
    expect(await all(paginate(c, op(), [], {}, undefined, { kind: "next", items: ["results"], next: ["constructor", "name"] }))).toEqual([1]);
    expect(sent).toHaveLength(1);
  });
});

describe("pages: the page iterator", () => {
  const list = op({ security: [["bearer"]], params: [["page", "query", "form", true, false]] });
  const p: Pagination = { kind: "page", items: ["users"], pageParam: "page", totalPages: ["total_pages"] };
  const pageServer = (pages: number) => (s: Sent) => {
    const page = Number(new URL(s.url).searchParams.get("page") ?? 1);
    return json({ users: [`u${page}a`, `u${page}b`], total_pages: pages }, 200, { "x-page": String(page) });
  };

  it("yields each page: its items, body and response (body read), whether there is a next; auth and per-call headers on every request", async () => {
    const { core: c, sent } = core({ auth: { bearer: "t" } }, pageServer(3));
    const seen: Array<[unknown[], unknown, number, string | null, boolean, boolean]> = [];
    for await (const page of pagesOf(c, list, [], {}, { headers: { "x-trace": "p" } }, p)) {
      seen.push([page.items, page.body, page.response.status, page.response.headers.get("x-page"), page.response.bodyUsed, page.hasNextPage()]);
    }
    expect(seen).toEqual([
      [["u1a", "u1b"], { users: ["u1a", "u1b"], total_pages: 3 }, 200, "1", true, true],
      [["u2a", "u2b"], { users: ["u2a", "u2b"], total_pages: 3 }, 200, "2", true, true],
      [["u3a", "u3b"], { users: ["u3a", "u3b"], total_pages: 3 }, 200, "3", true, false],
    ]);
    expect(sent.map((s) => [s.url.slice(BASE.length), s.headers.get("authorization"), s.headers.get("x-trace")])).toEqual([
      ["/things", "Bearer t", "p"],
      ["/things?page=2", "Bearer t", "p"],
      ["/things?page=3", "Bearer t", "p"],
    ]);
  });

  it("by hand: nextPage() gives the next page, undefined after the last; each page is requested once however often it is asked for", async () => {
    const { core: c, sent } = core({}, pageServer(2));
    const first = (await pagesOf(c, list, [], {}, undefined, p).next()).value as Page;
    expect(first.items).toEqual(["u1a", "u1b"]);
    const [a, b] = await Promise.all([first.nextPage(), first.nextPage()]);
    expect(a).toBe(b);
    expect(a!.items).toEqual(["u2a", "u2b"]);
    expect(a!.hasNextPage()).toBe(false);
    expect(await a!.nextPage()).toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it("a page asked for by hand is the one the iterator goes on with (no second request)", async () => {
    const { core: c, sent } = core({}, pageServer(3));
    const pages: Page[] = [];
    for await (const page of pagesOf(c, list, [], {}, undefined, p)) {
      pages.push(page);
      if (pages.length === 1) await page.nextPage();
    }
    expect(pages.map((x) => x.items[0])).toEqual(["u1a", "u2a", "u3a"]);
    expect(sent).toHaveLength(3);
  });

  it("a failed nextPage() rejects with the error, and can be asked again", async () => {
    let fail = true;
    const { core: c, sent } = core({ retry: { maxRetries: 0 } }, (s) => {
      const page = new URL(s.url).searchParams.get("page");
      if (page === "2" && fail) return json({ message: "down" }, 503);
      return pageServer(2)(s);
    });
    const first = (await pagesOf(c, list, [], {}, undefined, p).next()).value as Page;
    const e = await first.nextPage().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(503);
    fail = false;
    expect((await first.nextPage())!.items).toEqual(["u2a", "u2b"]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things", "/things?page=2", "/things?page=2"]);
  });

  it("an empty page has no next, whatever its body says", async () => {
    const { core: c, sent } = core({}, json({ users: [], total_pages: 9 }));
    const pages: Page[] = [];
    for await (const page of pagesOf(c, list, [], {}, undefined, p)) pages.push(page);
    expect(pages.map((x) => [x.items, x.hasNextPage()])).toEqual([[[], false]]);
    expect(sent).toHaveLength(1);
  });

  it("every shape gives pages: a Link header's, through the response", async () => {
    const { core: c } = core(
      {},
      json([1, 2], 200, { link: '</v1/things?page=2>; rel="next"' }),
      json([3], 200, { link: '</v1/things?page=1>; rel="prev"' }),
    );
    const pages: Page[] = [];
    for await (const page of pagesOf(c, op(), [], {}, undefined, { kind: "link", items: [] })) pages.push(page);
    expect(pages.map((x) => [x.items, x.body, x.hasNextPage(), x.response.headers.get("link")])).toEqual([
      [[1, 2], [1, 2], true, '</v1/things?page=2>; rel="next"'],
      [[3], [3], false, '</v1/things?page=1>; rel="prev"'],
    ]);
  });
});

describe("page: one page, and where the next one is as data (PageRef)", () => {
  const list = op({ params: [["page", "query", "form", true, false], ["cursor", "query", "form", true, false], ["q", "query", "form", true, false]] });
  const offsetList = op({ params: [["offset", "query", "form", true, false], ["limit", "query", "form", true, false]] });

  it("each shape's next is plain JSON, and the page it says is the one nextPage() gets, with the call's input", async () => {
    const pageP: Pagination = { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] };
    const cursorP: Pagination = { kind: "cursor", items: ["data"], cursorParam: "cursor", hasMore: ["more"], idField: "id" };
    const nextP: Pagination = { kind: "next", items: ["data"], next: ["next"] };
    const cases: Array<[Pagination, Op, Response, unknown]> = [
      [pageP, list, json({ data: [1], pages: 3 }), { query: { page: 2 } }],
      [cursorP, list, json({ data: [{ id: "a" }, { id: "b" }], more: true }), { query: { cursor: "b" } }],
      [nextP, list, json({ data: [1], next: "?page=2&token=T" }), { url: `${BASE}/things?page=2&token=T` }],
      [{ kind: "link", items: [] }, list, json([1], 200, { link: '</v1/things?page=2>; rel="next"' }), { url: `${BASE}/things?page=2` }],
      [{ kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit" }, offsetList, json({ data: [1, 2, 3] }), { query: { offset: 3 }, size: 3 }],
    ];
    for (const [p, o, reply, next] of cases) {
      const { core: c, sent } = core({}, reply, json({ data: [], pages: 0 }));
      const first = await firstPage(c, o, [], { query: { q: "x" } }, undefined, p);
      expect(first.next, p.kind).toEqual(next);
      expect(JSON.parse(JSON.stringify(first.next)), p.kind).toEqual(next);
      // The page the ref says, asked for afresh (no Page object at hand), is the request nextPage() sends.
      await firstPage(c, o, [], { query: { q: "x" } }, undefined, p, first.next);
      await first.nextPage();
      expect(sent[1]!.url, p.kind).toBe(sent[2]!.url);
    }
  });

  it("without from (or with null), the page the input asks for; the last page's next is undefined", async () => {
    const { core: c, sent } = core({}, json({ data: [9], pages: 4 }));
    const p: Pagination = { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] };
    const last = await firstPage(c, list, [], { query: { page: 4 } }, undefined, p, null);
    expect([last.items, last.next, last.hasNextPage()]).toEqual([[9], undefined, false]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things?page=4"]);
  });

  it("an offset ref carries the page size when no limit was asked for, so that a short page is still the last", async () => {
    const server = (s: Sent) => {
      const offset = Number(new URL(s.url).searchParams.get("offset") ?? 0);
      return json({ data: Array.from({ length: Math.max(0, Math.min(10, 25 - offset)) }, (_, i) => offset + i) });
    };
    const { core: c, sent } = core({}, server);
    const p: Pagination = { kind: "offset", items: ["data"], offsetParam: "offset", limitParam: "limit" };
    let page = await firstPage(c, offsetList, [], {}, undefined, p);
    const refs: unknown[] = [page.next];
    while (page.next !== undefined) {
      page = await firstPage(c, offsetList, [], {}, undefined, p, JSON.parse(JSON.stringify(page.next)) as typeof page.next);
      refs.push(page.next);
    }
    expect(refs).toEqual([{ query: { offset: 10 }, size: 10 }, { query: { offset: 20 }, size: 10 }, undefined]);
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things", "/things?offset=10", "/things?offset=20"]);
  });

  it("a ref from elsewhere (a persisted cache, a URL) is held to the rules: another origin is refused, undeclared query names are not sent", async () => {
    const { core: c, sent } = core({ auth: { bearer: "t" } }, json({ data: [1] }));
    const p: Pagination = { kind: "next", items: ["data"], next: ["next"] };
    const e = await firstPage(c, op({ security: [["bearer"]] }), [], {}, undefined, p, { url: "https://evil.example/steal" }).catch((x: unknown) => x);
    expect(String(e)).toContain("another origin");
    expect(sent).toHaveLength(0);
    await firstPage(c, list, [], {}, undefined, { kind: "page", items: ["data"], pageParam: "page", totalPages: ["pages"] }, { query: { page: 2, admin: "1" } });
    expect(sent.map((s) => s.url.slice(BASE.length))).toEqual(["/things?page=2"]);
  });
});
