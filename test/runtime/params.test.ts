// Unit tests of parameter coercion + validation (params()) and form decoding (decodeForm()) in src/runtime/params.ts.
import { describe, expect, it } from "vitest";
import { fail, type Check } from "../../src/runtime/checks.js";
import { decodeForm, params, type ParamSpec, type RawParams, type Shape } from "../../src/runtime/params.js";

const yes: Check = () => true;
const accept = { path: yes, query: yes, headers: yes, cookies: yes };

/** Coerces one parameter and returns its value (all checks accept). */
function one(spec: ParamSpec, raw: RawParams): unknown {
  const res = params([spec], accept)(raw);
  if (!res.ok) throw new Error("unexpected issues");
  const loc = spec[1] === "header" ? "headers" : spec[1] === "cookie" ? "cookies" : spec[1];
  return (res.value as Record<string, Record<string, unknown>>)[loc]![spec[0]];
}

const color: Shape = ["o", [["R", "i"], ["G", "i"], ["B", "i"]]];

describe("params(): coercion by style and shape", () => {
  it.each<[string, ParamSpec, RawParams, unknown]>([
    ["integer", ["n", "query", "form", true, "i"], { query: "?n=42" }, 42],
    ["negative exponent number", ["n", "query", "form", true, "n"], { query: "n=-1.5e3" }, -1500],
    ["non-numeric stays a string (the check reports it)", ["n", "query", "form", true, "i"], { query: "n=12abc" }, "12abc"],
    ["empty integer stays a string", ["n", "query", "form", true, "i"], { query: "n=" }, ""],
    ["boolean true", ["b", "query", "form", true, "b"], { query: "b=true" }, true],
    ["boolean false", ["b", "query", "form", true, "b"], { query: "b=false" }, false],
    ["boolean other stays a string", ["b", "query", "form", true, "b"], { query: "b=1" }, "1"],
    ["JSON content", ["f", "query", "form", true, "j"], { query: "f=" + encodeURIComponent('{"a":[1]}') }, { a: [1] }],
    ["malformed JSON stays a string", ["f", "query", "form", true, "j"], { query: "f={" }, "{"],
    ["string percent-decoded", ["s", "query", "form", true, "s"], { query: "s=a%20b%26c" }, "a b&c"],
    ["form explode array (repeated keys)", ["id", "query", "form", true, ["a", "i"]], { query: "id=1&id=2&id=3" }, [1, 2, 3]],
    ["form non-explode array", ["id", "query", "form", false, ["a", "i"]], { query: "id=1,2,3" }, [1, 2, 3]],
    ["form non-explode array, empty", ["id", "query", "form", false, ["a", "i"]], { query: "id=" }, []],
    ["spaceDelimited array", ["id", "query", "spaceDelimited", false, ["a", "s"]], { query: "id=a%20b" }, ["a", "b"]],
    ["pipeDelimited array", ["id", "query", "pipeDelimited", false, ["a", "b"]], { query: "id=true|false" }, [true, false]],
    ["form explode object (its properties as keys)", ["color", "query", "form", true, color], { query: "R=100&G=200&other=1" }, { R: 100, G: 200 }],
    ["form non-explode object", ["color", "query", "form", false, color], { query: "color=R,100,G,200" }, { R: 100, G: 200 }],
    ["deepObject", ["color", "query", "deepObject", true, color], { query: "color[R]=100&color%5BB%5D=150&x[R]=1" }, { R: 100, B: 150 }],
    ["deepObject array as name[] (Stripe's expand)", ["expand", "query", "deepObject", true, ["a", "s"]], { query: "expand%5B%5D=customer&expand[]=invoice&other[]=x" }, ["customer", "invoice"]],
    ["deepObject array as name[0], name[1]", ["ids", "query", "deepObject", true, ["a", "i"]], { query: "ids[0]=3&ids[1]=4&ids[x]=9" }, [3, 4]],
    ["deepObject scalar (a union's plain member) as name=value", ["created", "query", "deepObject", true, "s"], { query: "created=7" }, "7"],
    ["query as a map", ["id", "query", "form", true, ["a", "i"]], { query: { id: ["1", "2"] } }, [1, 2]],
    ["query as URLSearchParams", ["id", "query", "form", true, "i"], { query: new URLSearchParams("id=7") }, 7],
    ["path simple", ["id", "path", "simple", false, "i"], { path: { id: "5" } }, 5],
    ["path simple array", ["id", "path", "simple", false, ["a", "i"]], { path: { id: "3,4,5" } }, [3, 4, 5]],
    ["path simple object", ["c", "path", "simple", false, color], { path: { c: "R,100,G,200" } }, { R: 100, G: 200 }],
    ["path simple explode object", ["c", "path", "simple", true, color], { path: { c: "R=100,G=200" } }, { R: 100, G: 200 }],
    ["path label array", ["id", "path", "label", false, ["a", "i"]], { path: { id: ".3,4,5" } }, [3, 4, 5]],
    ["path label explode array", ["id", "path", "label", true, ["a", "i"]], { path: { id: ".3.4.5" } }, [3, 4, 5]],
    ["path label explode object", ["c", "path", "label", true, color], { path: { c: ".R=100.G=200" } }, { R: 100, G: 200 }],
    ["path matrix", ["id", "path", "matrix", false, "i"], { path: { id: ";id=5" } }, 5],
    ["path matrix array", ["id", "path", "matrix", false, ["a", "i"]], { path: { id: ";id=3,4,5" } }, [3, 4, 5]],
    ["path matrix explode array", ["id", "path", "matrix", true, ["a", "i"]], { path: { id: ";id=3;id=4;id=5" } }, [3, 4, 5]],
    ["header, any case of its name", ["X-Rate", "header", "simple", false, "n"], { headers: { "x-rate": "1.5" } }, 1.5],
    ["header from Headers", ["X-Ids", "header", "simple", false, ["a", "i"]], { headers: new Headers({ "x-ids": "1,2" }) }, [1, 2]],
    ["header given as an array", ["X-Ids", "header", "simple", false, ["a", "i"]], { headers: { "X-Ids": ["1", "2"] } }, [1, 2]],
    ["cookie from a Cookie header, percent-decoded", ["sid", "cookie", "form", false, "s"], { cookies: "a=1; sid=x%20y; b=2" }, "x y"],
    ["cookie with malformed encoding kept as sent", ["sid", "cookie", "form", false, "s"], { cookies: "sid=%E0%A4%A" }, "%E0%A4%A"],
    ["cookie from a map", ["n", "cookie", "form", false, "i"], { cookies: { n: "9" } }, 9],
    // The opt-in representations: dates: "Date" (t, d), int64: "bigint" (L).
    ["date-time as a Date", ["t", "query", "form", true, "t"], { query: "t=2024-02-29T12%3A00%3A00Z" }, new Date("2024-02-29T12:00:00Z")],
    ["date as a Date (UTC midnight)", ["d", "path", "simple", false, "d"], { path: { d: "2024-02-29" } }, new Date("2024-02-29T00:00:00Z")],
    ["a date that is none stays text", ["d", "path", "simple", false, "d"], { path: { d: "2024-02-30" } }, "2024-02-30"],
    ["an empty nullable date is null", ["d", "query", "form", true, "d?"], { query: "d=" }, null],
    ["int64 as a bigint, exactly", ["n", "query", "form", true, "L"], { query: "n=9007199254740993" }, 9007199254740993n],
    ["int64 array", ["n", "query", "form", true, ["a", "L"]], { query: "n=-1&n=9223372036854775807" }, [-1n, 9223372036854775807n]],
    ["int64 that is no integer stays text", ["n", "query", "form", true, "L"], { query: "n=1.5" }, "1.5"],
    ["a union of a date-time and a string: a valid date is a Date", ["u", "query", "form", true, ["u", ["t", "s"]]], { query: "u=2024-01-01T00%3A00%3A00Z" }, new Date("2024-01-01T00:00:00Z")],
    ["a union of a date-time and a string: other text is text", ["u", "query", "form", true, ["u", ["t", "s"]]], { query: "u=soon" }, "soon"],
    ["a union of an int64 and a string: an integer is a bigint", ["u", "query", "form", true, ["u", ["L", "s"]]], { query: "u=12" }, 12n],
  ])("%s", (_name, spec, raw, expected) => {
    expect(one(spec, raw)).toEqual(expected);
  });

  it("leaves absent parameters out (not undefined)", () => {
    const res = params(
      [
        ["a", "query", "form", true, "i"],
        ["b", "header", "simple", false, "s"],
        ["c", "cookie", "form", false, "s"],
        ["d", "path", "simple", false, "s"],
        ["e", "query", "deepObject", true, color],
      ],
      accept,
    )({ query: "z=1", headers: {}, cookies: "x=1", path: {} });
    expect(res).toEqual({ ok: true, value: { path: {}, query: {}, headers: {}, cookies: {} } });
    expect(res.ok && Object.keys(res.value)).toEqual(["path", "query", "headers", "cookies"]);
  });

  it("a parameter named __proto__ or constructor is plain data", () => {
    const res = params(
      [
        ["__proto__", "query", "form", true, "s"],
        ["constructor", "path", "simple", false, "s"],
      ],
      accept,
    )({ query: "__proto__=x", path: { constructor: "y" } as Record<string, string> });
    expect(res.ok).toBe(true);
    const v = (res as { value: { query: object; path: object } }).value;
    expect(Object.getPrototypeOf(v.query)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(v.query, "__proto__")?.value).toBe("x");
    expect(Object.getOwnPropertyDescriptor(v.path, "constructor")?.value).toBe("y");
    // an inherited "constructor" is not taken for a path value
    const none = params([["constructor", "path", "simple", false, "s"]], accept)({ path: {} });
    expect(none.ok && (none.value as { path: object }).path).toEqual({});
  });

  it("a deepObject key __proto__ is plain data", () => {
    const v = one(["o", "query", "deepObject", true, ["o", []]], { query: "o[__proto__]=1&o[a]=2" }) as object;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(["__proto__", "a"]);
  });

  // Was a bug (params.ts, pathValue): a label-style value is split on every "." and joined with ",", so a scalar with a
  // dot in it (".3.14" for 3.14, ".a.txt" for "a.txt") comes out as "3,14" / "a,txt"; for a non-exploded label
  // array (".a,b") only the leading "." is a delimiter.
  it("label style keeps dots inside a scalar value", () => {
    expect(one(["v", "path", "label", false, "n"], { path: { v: ".3.14" } })).toBe(3.14);
    expect(one(["f", "path", "label", false, "s"], { path: { f: ".a.txt" } })).toBe("a.txt");
  });

  // Was a bug (params.ts, coerce): header list values are split on "," without trimming the optional whitespace HTTP
  // allows after it (RFC 9110 §5.6.1); Headers.get also joins repeated header lines with ", ". So
  // "X-Tags: a, b" (or two X-Tags lines) gives ["a", " b"].
  it("header list items are trimmed", () => {
    const h = new Headers();
    h.append("x-tags", "a");
    h.append("x-tags", "b");
    expect(one(["X-Tags", "header", "simple", false, ["a", "s"]], { headers: h })).toEqual(["a", "b"]);
  });
});

describe("params(): validation by location", () => {
  /** path.id must be a number; query.limit, when present, at most 100. */
  const pathCheck: Check = (v, p, o) => {
    const id = (v as Record<string, unknown>).id;
    if (typeof id === "number") return true;
    fail(o, p + "/id", "type", "must be integer", "#/paths/~1items~1{id}/get/parameters/0/schema/type");
    return false;
  };
  const queryCheck: Check = (v, p, o) => {
    const limit = (v as Record<string, unknown>).limit;
    let ok = true;
    for (const x of Array.isArray(limit) ? limit : limit === undefined ? [] : [limit]) {
      if (typeof x !== "number" || x > 100) {
        if (fail(o, p + "/limit", "maximum", "must be <= 100", "#/q")) return false;
        ok = false;
      }
    }
    return ok;
  };
  const parse = params(
    [
      ["id", "path", "simple", false, "i"],
      ["limit", "query", "form", true, "i"],
    ],
    { path: pathCheck, query: queryCheck, headers: yes, cookies: yes },
  );

  it("passes valid values through, coerced", () => {
    expect(parse({ path: { id: "12" }, query: "limit=5" })).toEqual({ ok: true, value: { path: { id: 12 }, query: { limit: 5 }, headers: {}, cookies: {} } });
  });

  it("reports each location's issues under its own prefix", () => {
    expect(parse({ path: { id: "x" }, query: "limit=500" })).toEqual({
      ok: false,
      issues: [
        { path: "/path/id", keyword: "type", message: "must be integer", schemaPointer: "#/paths/~1items~1{id}/get/parameters/0/schema/type" },
        { path: "/query/limit", keyword: "maximum", message: "must be <= 100", schemaPointer: "#/q" },
      ],
    });
  });

  it("runs the collecting pass only for locations that fail", () => {
    const calls: Array<[string, boolean]> = [];
    const spy =
      (loc: string): Check =>
      (_v, _p, o) => {
        calls.push([loc, o === null]);
        return loc !== "headers";
      };
    params([], { path: spy("path"), query: spy("query"), headers: spy("headers"), cookies: spy("cookies") })({});
    expect(calls).toEqual([
      ["path", true],
      ["query", true],
      ["headers", true],
      ["headers", false],
      ["cookies", true],
    ]);
  });

  it("a check's failure in the collecting pass makes the result not ok even if it returns true", () => {
    const sloppy: Check = (_v, p, o) => (o === null ? false : (fail(o, p, "x", "bad", ""), true));
    const res = params([], { path: sloppy, query: yes, headers: yes, cookies: yes })({});
    expect(res).toEqual({ ok: false, issues: [{ path: "/path", keyword: "x", message: "bad", schemaPointer: "" }] });
  });
});

describe("decodeForm", () => {
  const shape: Shape = [
    "o",
    [
      ["age", "i"],
      ["score", "n"],
      ["ok", "b"],
      ["tags", ["a", "s"]],
      ["ids", ["a", "i"]],
      ["meta", "j"],
    ],
  ];

  it("coerces URLSearchParams by the body's shape", () => {
    const form = new URLSearchParams("age=30&score=1.5&ok=true&tags=a&tags=b&ids=1&ids=2&meta=%7B%22k%22%3A1%7D&name=Ann&extra=1&extra=2");
    expect(decodeForm(form, shape)).toEqual({ age: 30, score: 1.5, ok: true, tags: ["a", "b"], ids: [1, 2], meta: { k: 1 }, name: "Ann", extra: "1" });
  });

  it("a single value of an array property is an array of one; a repeated scalar keeps its first", () => {
    expect(decodeForm(new URLSearchParams("tags=x&age=1&age=2"), shape)).toEqual({ tags: ["x"], age: 1 });
  });

  it("values that do not fit the shape stay strings (the validator reports them)", () => {
    expect(decodeForm(new URLSearchParams("age=thirty&ok=yes&ids=1&ids=x"), shape)).toEqual({ age: "thirty", ok: "yes", ids: [1, "x"] });
  });

  it("without an object shape, every value is a string", () => {
    expect(decodeForm(new URLSearchParams("a=1&b=true"), "s")).toEqual({ a: "1", b: "true" });
  });

  it("FormData: files stay Blobs, text fields are coerced", async () => {
    const fd = new FormData();
    fd.append("age", "7");
    fd.append("avatar", new Blob(["PNG..."], { type: "image/png" }), "a.png");
    fd.append("tags", "x");
    fd.append("tags", "y");
    const out = decodeForm(fd, [
      "o",
      [
        ["age", "i"],
        ["avatar", "s"],
        ["tags", ["a", "s"]],
      ],
    ]);
    expect(out.age).toBe(7);
    expect(out.tags).toEqual(["x", "y"]);
    expect(out.avatar).toBeInstanceOf(Blob);
    expect(await (out.avatar as Blob).text()).toBe("PNG...");
    expect((out.avatar as File).name).toBe("a.png");
  });

  it("FormData: an array of files stays an array of Blobs", () => {
    const fd = new FormData();
    fd.append("files", new Blob(["1"]));
    fd.append("files", new Blob(["22"]));
    const out = decodeForm(fd, ["o", [["files", ["a", "s"]]]]);
    expect((out.files as Blob[]).map((b) => b.size)).toEqual([1, 2]);
  });

  it("a key '__proto__' is plain data, not the prototype", () => {
    const out = decodeForm(new URLSearchParams("__proto__=x&constructor=y&a=1"), ["o", [["a", "i"]]]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "constructor", "a"]);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toBe("x");
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("decodeForm: objects in brackets, and as JSON text", () => {
  const shape: Shape = ["o", [["meta", ["o", [["n", "i"], ["on", "b"]]]], ["items", ["a", ["o", [["price", "s"], ["q", "i"]]]]], ["tags", ["a", "s"]]]];

  it("meta[n]=1, items[0][price]=…, tags[]=a: nested objects and arrays, coerced by shape", () => {
    const out = decodeForm(new URLSearchParams("meta[n]=1&meta[on]=true&meta[x]=y&items[0][price]=p1&items[0][q]=2&items[1][price]=p2&tags[]=a&tags[]=b"), shape);
    expect(out).toEqual({ meta: { n: 1, on: true, x: "y" }, items: [{ price: "p1", q: 2 }, { price: "p2" }], tags: ["a", "b"] });
  });

  it("an object as JSON text (what a multipart part holds) is read as JSON; a bad one stays text", () => {
    expect(decodeForm(new URLSearchParams({ meta: '{"n":1}' }), shape)).toEqual({ meta: { n: 1 } });
    expect(decodeForm(new URLSearchParams({ meta: "{oops" }), shape)).toEqual({ meta: "{oops" });
  });

  it("hostile keys: an index past the end, a named key under an array, __proto__, and brackets 33 deep are left out or plain data", () => {
    const deep = "d" + "[a]".repeat(33) + "=1";
    const out = decodeForm(new URLSearchParams(`items[99999999][price]=x&items[0][price]=ok&items[x][price]=y&meta[__proto__][n]=1&${deep}`), shape);
    expect(out["items"]).toEqual([{ price: "ok" }]);
    expect(Object.getPrototypeOf(out["meta"])).toBe(Object.prototype);
    expect(Object.keys(out["meta"] as object)).toEqual(["__proto__"]);
    expect(out).not.toHaveProperty("d");
  });
});

describe("decodeForm: a body's cost is its size (review finding 4)", () => {
  /** Form entries that count how many entries each call walks: what URLSearchParams does, with a tally. */
  function counted(n: number): { entries: URLSearchParams; walked: () => number } {
    const real = new URLSearchParams();
    for (let i = 0; i < n; i++) real.append(`k${i}`, String(i));
    let walked = 0;
    const entries = {
      forEach(fn: (v: string, k: string) => void) {
        real.forEach((v, k) => {
          walked++;
          fn(v, k);
        });
      },
      getAll(k: string) {
        walked += n; // URLSearchParams.getAll looks at every entry
        return real.getAll(k);
      },
    } as unknown as URLSearchParams;
    return { entries, walked: () => walked };
  }

  it("40,000 distinct keys are walked once, not once per key (was quadratic: seconds under the 1 MiB limit)", () => {
    const { entries, walked } = counted(40_000);
    const out = decodeForm(entries, ["o", [["k1", "i"]]]);
    expect(Object.keys(out)).toHaveLength(40_000);
    expect(out["k1"]).toBe(1);
    expect(out["k2"]).toBe("2");
    expect(walked()).toBeLessThanOrEqual(40_000);
  });

  it("an object shape with many properties is looked up by name, and a key named like an Object.prototype member is data", () => {
    const props = Array.from({ length: 2_000 }, (_, i) => [`p${i}`, "i"] as const);
    const out = decodeForm(new URLSearchParams("p1999=7&constructor=x&__proto__=y&toString=z"), ["o", props]);
    expect(out["p1999"]).toBe(7);
    expect(Object.getOwnPropertyNames(out).sort()).toEqual(["__proto__", "constructor", "p1999", "toString"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe("union shapes: a member picked by what arrived (issue 23, Stripe and GitHub)", () => {
  const intOrEmpty: Shape = ["u", ["i", ["e", [""]]]];
  const listOrEmpty: Shape = ["u", [["a", "s"], ["e", [""]]]];
  const stringOrList: Shape = ["u", ["s", ["a", ["e", ["patch", "deployment"]]]]];
  const objectOrEmpty: Shape = ["u", [["o", [["day", "i"], ["month", "i"]]], "s"]];
  const rangeOrInt: Shape = ["u", [["o", [["gt", "i"], ["lte", "i"]]], "i"]];
  it.each<[string, ParamSpec, RawParams, unknown]>([
    ["anyOf [integer, enum ['']]: 7 is 7", ["n", "query", "form", true, intOrEmpty], { query: "n=7" }, 7],
    ["anyOf [integer, enum ['']]: empty is ''", ["n", "query", "form", true, intOrEmpty], { query: "n=" }, ""],
    ["oneOf [integer, string] path: 7 is 7, 1.5 stays a string", ["id", "path", "simple", false, ["u", ["i", "s"]]], { path: { id: "1.5" } }, "1.5"],
    ["oneOf [integer, string] path: an integer", ["id", "path", "simple", false, ["u", ["i", "s"]]], { path: { id: "7" } }, 7],
    ["oneOf [boolean, string]: true is true", ["b", "query", "form", true, ["u", ["b", "s"]]], { query: "b=true" }, true],
    ["nullable member, no string: empty is null", ["n", "query", "form", true, ["u", ["i?", "b?"]]], { query: "n=" }, null],
    ["anyOf [array, enum ['']]: one value is the array's item", ["t", "query", "form", true, listOrEmpty], { query: "t=a" }, ["a"]],
    ["anyOf [array, enum ['']]: empty is ''", ["t", "query", "form", true, listOrEmpty], { query: "t=" }, ""],
    ["anyOf [array, enum ['']]: a repeated key is the array", ["t", "query", "form", true, listOrEmpty], { query: "t=a&t=b" }, ["a", "b"]],
    ["oneOf [string, array]: one value is the string", ["has", "query", "form", true, stringOrList], { query: "has=patch" }, "patch"],
    ["oneOf [string, array]: a repeated key is the array", ["has", "query", "form", true, stringOrList], { query: "has=patch&has=deployment" }, ["patch", "deployment"]],
    ["deepObject anyOf [range, integer]: brackets are the object, coerced", ["created", "query", "deepObject", true, rangeOrInt], { query: "created[gt]=7&created[lte]=9" }, { gt: 7, lte: 9 }],
    ["deepObject anyOf [range, integer]: a plain value is the integer", ["created", "query", "deepObject", true, rangeOrInt], { query: "created=7" }, 7],
    ["deepObject anyOf [object, string]: empty is ''", ["dob", "query", "deepObject", true, objectOrEmpty], { query: "dob=" }, ""],
  ])("%s", (_, spec, raw, expected) => {
    expect(one(spec, raw)).toEqual(expected);
  });

  it("decodeForm: brackets under a union property read as its object (or, by index, array) member", () => {
    const body: Shape = ["o", [["dob", objectOrEmpty], ["tax_rates", listOrEmpty], ["n", intOrEmpty]]];
    const form = new URLSearchParams("dob[day]=1&dob[month]=12&tax_rates[0]=a&tax_rates[1]=b&n=3");
    expect(decodeForm(form, body)).toEqual({ dob: { day: 1, month: 12 }, tax_rates: ["a", "b"], n: 3 });
    expect(decodeForm(new URLSearchParams("dob=&tax_rates=&n="), body)).toEqual({ dob: "", tax_rates: "", n: "" });
  });
});

describe("object shapes with additionalProperties, and deepObject nesting", () => {
  const options: Shape = ["o", [], ["o", [["amount", "i"], ["enabled", "b"]]]];
  it("a map's values take the additionalProperties shape (Stripe's currency_options[usd][amount]=5)", () => {
    const body: Shape = ["o", [["currency_options", options]]];
    expect(decodeForm(new URLSearchParams("currency_options[usd][amount]=5&currency_options[eur][enabled]=true"), body)).toEqual({
      currency_options: { usd: { amount: 5 }, eur: { enabled: true } },
    });
  });

  it("a named property keeps its own shape beside the map's", () => {
    const shape: Shape = ["o", [["count", "i"]], "b"];
    expect(decodeForm(new URLSearchParams("count=2&flag=true"), shape)).toEqual({ count: 2, flag: true });
  });

  it("deepObject: nested objects and arrays of objects in brackets (Stripe's lines[0][amount]=)", () => {
    const lines: Shape = ["a", ["o", [["amount", "i"], ["tax_rates", ["a", "s"]], ["meta", ["o", [["n", "i"]]]]]]];
    const raw = "lines[0][amount]=5&lines[0][tax_rates][0]=t1&lines[0][meta][n]=3&lines[1][amount]=6";
    expect(one(["lines", "query", "deepObject", true, lines], { query: raw })).toEqual([{ amount: 5, tax_rates: ["t1"], meta: { n: 3 } }, { amount: 6 }]);
  });

  it("deepObject: an array of scalars as name[]=, name[0]=, or the key repeated", () => {
    const spec: ParamSpec = ["expand", "query", "deepObject", true, ["a", "s"]];
    expect(one(spec, { query: "expand[]=a&expand[]=b" })).toEqual(["a", "b"]);
    expect(one(spec, { query: "expand[0]=a&expand[1]=b" })).toEqual(["a", "b"]);
    expect(one(spec, { query: "expand=a&expand=b" })).toEqual(["a", "b"]);
  });

  it("deepObject: hostile brackets are bounded as in forms (index past the end, 33 deep)", () => {
    const spec: ParamSpec = ["f", "query", "deepObject", true, ["a", "s"]];
    expect(one(spec, { query: "f[99999999]=x" })).toEqual([]);
    const deep = "g" + "[a]".repeat(33) + "=x";
    expect(one(["g", "query", "deepObject", true, ["o", []]], { query: deep })).toBeUndefined();
  });
});

describe("decodeForm: properties the Encoding Object styles otherwise", () => {
  const shape: Shape = ["o", [["expand", ["a", "s"]], ["ids", ["a", "i"]], ["words", ["a", "s"]], ["bars", ["a", "s"]], ["pt", ["o", [["x", "i"], ["y", "i"]]]], ["plain", ["a", "s"]]]];
  const styled = ["styled", shape, [["expand", "deepObject", true], ["ids", "form", false], ["words", "spaceDelimited", false], ["bars", "pipeDelimited", false], ["pt", "form", false]]] as const;
  it("reads what the client writes for each style", () => {
    const form = new URLSearchParams("expand[]=a&expand[]=b&ids=1,2&words=x+y&bars=p|q&pt=x,1,y,2&plain=r&plain=s");
    expect(decodeForm(form, styled)).toEqual({ expand: ["a", "b"], ids: [1, 2], words: ["x", "y"], bars: ["p", "q"], pt: { x: 1, y: 2 }, plain: ["r", "s"] });
  });
  it("an unstyled form reads the same keys as before (a comma stays in the value)", () => {
    expect(decodeForm(new URLSearchParams("ids=1,2&plain=r"), shape)).toEqual({ ids: ["1,2"], plain: ["r"] });
  });
});
