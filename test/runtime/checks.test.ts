// Unit tests of the validators' runtime core (src/runtime/checks.ts) and the formats (src/runtime/formats.ts),
// run against the TypeScript sources.
import { describe, expect, it } from "vitest";
import {
  MAX_ISSUES,
  at,
  cpLen,
  eq,
  fail,
  fp,
  multipleOf,
  ptr,
  r,
  t,
  tp,
  unique,
  validator,
  type Check,
  type Issue,
  type Out,
} from "../../src/runtime/checks.js";
import * as F from "../../src/runtime/formats.js";
import * as V from "../../src/runtime/validation.js";

const collect = (): { issues: Issue[]; n: number } => ({ issues: [], n: 0 });

describe("fail and its helpers", () => {
  it("answers 'stop' at once in yes/no mode (o === null) and records nothing", () => {
    expect(fail(null, "/a", "type", "must be string", "#/s")).toBe(true);
    expect(t(null, "/a", "string", "#/s")).toBe(true);
    expect(fp(null, "", "#/s", "a", "minimum", "too small")).toBe(true);
    expect(tp(null, "", "#/s", "a", "integer")).toBe(true);
    expect(r(null, "", "a", "#/s")).toBe(true);
  });

  it("collects the issue and counts it in collection mode, answering 'go on'", () => {
    const o = collect();
    expect(fail(o, "/a", "minimum", "must be >= 1", "#/components/schemas/A/minimum")).toBe(false);
    expect(o).toEqual({ n: 1, issues: [{ path: "/a", keyword: "minimum", message: "must be >= 1", schemaPointer: "#/components/schemas/A/minimum" }] });
  });

  it.each([
    ["t", (o: Out) => t(o, "/x", "integer", "#/S"), { path: "/x", keyword: "type", message: "must be integer", schemaPointer: "#/S/type" }],
    ["r", (o: Out) => r(o, "/x", "id", "#/S"), { path: "/x", keyword: "required", message: "must have the property 'id'", schemaPointer: "#/S/required" }],
    [
      "fp escapes the property name in both pointers",
      (o: Out) => fp(o, "/x", "#/S", "a/b~c", "maxLength", "too long"),
      { path: "/x/a~1b~0c", keyword: "maxLength", message: "too long", schemaPointer: "#/S/properties/a~1b~0c/maxLength" },
    ],
    ["tp", (o: Out) => tp(o, "", "#/S", "n", "number"), { path: "/n", keyword: "type", message: "must be number", schemaPointer: "#/S/properties/n/type" }],
  ] as const)("%s builds the issue", (_name, call, issue) => {
    const o = collect();
    expect(call(o)).toBe(false);
    expect(o.issues).toEqual([issue]);
  });

  it("caps the issues at MAX_ISSUES but counts every failure", () => {
    const o = collect();
    for (let i = 0; i < MAX_ISSUES + 25; i++) fail(o, `/${i}`, "type", "x", "");
    expect(MAX_ISSUES).toBe(100);
    expect(o.issues).toHaveLength(MAX_ISSUES);
    expect(o.n).toBe(MAX_ISSUES + 25);
    expect(o.issues.at(-1)!.path).toBe(`/${MAX_ISSUES - 1}`);
  });

  it("ptr escapes ~ before /", () => {
    expect(ptr("a~/b")).toBe("a~0~1b");
    expect(ptr("~1")).toBe("~01");
  });

  it("at binds a shared check to one schema pointer", () => {
    const seen: string[] = [];
    const check = at((_v, _p, _o, s) => (seen.push(s), true), "#/components/schemas/X");
    expect(check(1, "", null)).toBe(true);
    expect(seen).toEqual(["#/components/schemas/X"]);
  });
});

/** A check of "an array of strings, each at most 3 code points", written the way compiled checks are. */
const shortStrings: Check = (v, p, o) => {
  if (!Array.isArray(v)) return !t(o, p, "array", "#/S");
  let ok = true;
  v.forEach((x, i) => {
    if (!ok && o === null) return;
    if (typeof x !== "string") {
      if (t(o, `${p}/${i}`, "string", "#/S/items")) ok = false;
      else ok = false;
    } else if (cpLen(x) > 3) {
      if (fail(o, `${p}/${i}`, "maxLength", "must have at most 3 characters", "#/S/items/maxLength")) ok = false;
      else ok = false;
    }
  });
  return ok;
};

describe("validator()", () => {
  const v = validator("ShortStrings", shortStrings);

  it("validate returns the value itself when it passes", () => {
    const value = ["a", "bc"];
    const res = v.validate(value);
    expect(res).toEqual({ ok: true, value });
    expect(res.ok && res.value).toBe(value);
    expect(v.name).toBe("ShortStrings");
  });

  it("validate collects every issue", () => {
    expect(v.validate(["ok", 1, "long!"])).toEqual({
      ok: false,
      issues: [
        { path: "/1", keyword: "type", message: "must be string", schemaPointer: "#/S/items/type" },
        { path: "/2", keyword: "maxLength", message: "must have at most 3 characters", schemaPointer: "#/S/items/maxLength" },
      ],
    });
  });

  it("validate reports at most MAX_ISSUES issues", () => {
    const res = v.validate(Array.from({ length: 250 }, () => 0));
    expect(res.ok).toBe(false);
    expect(!res.ok && res.issues.length).toBe(MAX_ISSUES);
  });

  it("is answers yes/no, stopping at the first failure", () => {
    let calls = 0;
    const counting = validator("C", (x, p, o) => {
      calls++;
      return shortStrings(x, p, o);
    });
    expect(counting.is(["a"])).toBe(true);
    expect(counting.is([1, 2, 3])).toBe(false);
    expect(calls).toBe(2); // is() never runs the collecting pass
  });

  it("~standard follows Standard Schema v1 (issues' paths as keys)", () => {
    const std = v["~standard"];
    expect(std.version).toBe(1);
    expect(std.vendor).toBe("specforge");
    expect(std.validate(["x"])).toEqual({ value: ["x"] });
    expect(std.validate(["x", "toolong"])).toEqual({ issues: [{ message: "must have at most 3 characters", path: ["1"] }] });
    const nested = validator("N", (_x, _p, o) => !fail(o, "/a~1b/0/c~0d", "type", "bad", ""));
    expect(nested["~standard"].validate({})).toEqual({ issues: [{ message: "bad", path: ["a/b", "0", "c~d"] }] });
    expect(nested["~standard"].validate(1)).not.toHaveProperty("value");
  });

  it("turns a stack overflow (infinite recursion) into one 'nesting' issue, never a throw", () => {
    const deep: Check = (x, p, o) => deep(x, p + "/0", o);
    const dv = validator("Deep", deep);
    expect(dv.validate({})).toEqual({ ok: false, issues: [{ path: "", keyword: "nesting", message: "is nested too deeply to be checked", schemaPointer: "" }] });
    expect(dv.is({})).toBe(false);
  });

  it("a deeply nested value against a recursive check is rejected with the nesting issue", () => {
    const tree: Check = (x, p, o) => x === null || (Array.isArray(x) && x.every((c, i) => tree(c, `${p}/${i}`, o)));
    let value: unknown = null;
    for (let i = 0; i < 200_000; i++) value = [value];
    const res = validator("Tree", tree).validate(value);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.issues.map((i) => i.keyword)).toEqual(["nesting"]);
    expect(validator("Tree", tree).validate([[null], null]).ok).toBe(true);
  });

  it("other errors than stack overflow propagate", () => {
    const boom = validator("Boom", () => {
      throw new TypeError("bug");
    });
    expect(() => boom.validate(1)).toThrow(TypeError);
  });

  it("validation.ts re-exports the checks, formats and params", () => {
    expect(V.validator).toBe(validator);
    expect(V.fmtUuid).toBe(F.fmtUuid);
    expect(typeof V.params).toBe("function");
    expect(typeof V.decodeForm).toBe("function");
  });
});

describe("cpLen", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["é", 1],
    ["😀", 1], // one surrogate pair
    ["a😀b😀", 4],
    ["\ud83d", 1], // a lone high surrogate
    ["\ude00\ud83d", 2], // low then high: not a pair
    ["\ud83d\ud83d\ude00", 2], // lone high, then a pair
  ])("cpLen(%j) = %d", (s, n) => {
    expect(cpLen(s)).toBe(n);
  });
});

describe("eq and unique", () => {
  it.each([
    [1, 1, true],
    [1, "1", false],
    [null, null, true],
    [null, {}, false],
    [[1, [2, { a: 3 }]], [1, [2, { a: 3 }]], true],
    [[1, 2], [2, 1], false],
    [[1], [1, 1], false],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: undefined }, { b: undefined }, false],
    [[], {}, false],
    [{}, [], false],
    [{ 0: "x" }, ["x"], false],
    [{ __proto__: 1 }, {}, true], // a literal's __proto__ sets the prototype: no own key
  ] as const)("eq(%j, %j) = %s", (a, b, expected) => {
    expect(eq(a, b)).toBe(expected);
    expect(eq(b, a)).toBe(expected);
  });

  it("eq sees an own '__proto__' key as data", () => {
    const a = JSON.parse('{"__proto__": 1}');
    expect(eq(a, {})).toBe(false);
    expect(eq(a, JSON.parse('{"__proto__": 1}'))).toBe(true);
  });

  it.each([
    [[], true],
    [[1, 2, 3], true],
    [[1, 2, 1], false],
    [[{ a: [1] }, { a: [2] }], true],
    [[{ a: [1] }, { a: [1] }], false],
    [["1", 1], true],
    [[{ a: 1, b: 2 }, { b: 2, a: 1 }], false],
    [[[1, 2], [2, 1]], true],
    [[null, "null"], true],
    [[true, "true"], true],
    [[{ a: "1" }, { a: 1 }], true],
    [[0, -0], false],
    [[{ '"a":1': 1 }, { a: 1 }], true],
  ])("unique(%j) = %s", (a, expected) => {
    expect(unique(a)).toBe(expected);
  });

  it("unique sees an own '__proto__' key as data", () => {
    expect(unique([JSON.parse('{"__proto__": 1}'), {}])).toBe(true);
    expect(unique([JSON.parse('{"__proto__": 1}'), JSON.parse('{"__proto__": 1}')])).toBe(false);
  });

  it("unique reads each item a bounded number of times (was every pair: 16,000 items took seconds; review finding 4)", () => {
    let reads = 0;
    const item = (i: number) =>
      new Proxy({ id: i, tags: ["a", "b"] }, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver);
        },
        ownKeys(target) {
          reads++;
          return Reflect.ownKeys(target);
        },
      });
    const items = Array.from({ length: 16_000 }, (_, i) => item(i));
    expect(unique(items)).toBe(true);
    expect(reads).toBeLessThan(16_000 * 10);
    items.push(item(3));
    expect(unique(items)).toBe(false);
  });
});

describe("multipleOf", () => {
  it.each([
    [0.3, 0.1, true],
    [0.7, 0.1, true],
    [1.1, 0.1, true],
    [0.35, 0.1, false],
    [10, 2.5, true],
    [7, 2, false],
    [-6, 3, true],
    [0, 5, true],
    [19.99, 0.01, true],
    [1, 0, false], // never divides by zero into "true"
    [Infinity, 1, false],
  ])("multipleOf(%d, %d) = %s", (v, m, expected) => {
    expect(multipleOf(v, m)).toBe(expected);
  });

  it("the % operator would have got 0.3 of 0.1 wrong", () => {
    expect(0.3 % 0.1).not.toBe(0);
    expect(multipleOf(0.3, 0.1)).toBe(true);
  });
});

type Table = ReadonlyArray<readonly [string, boolean]>;
const formats: Record<string, [(s: string) => boolean, Table]> = {
  fmtDate: [
    F.fmtDate,
    [
      ["2024-01-31", true],
      ["2024-02-29", true], // leap year
      ["2000-02-29", true], // divisible by 400
      ["1900-02-29", false], // divisible by 100, not 400
      ["2023-02-29", false],
      ["2023-02-28", true],
      ["2024-04-31", false],
      ["2024-12-31", true],
      ["2024-13-01", false],
      ["2024-00-10", false],
      ["2024-01-00", false],
      ["2024-1-01", false],
      ["20240101", false],
      ["2024-01-01T00:00:00Z", false],
    ],
  ],
  fmtTime: [
    F.fmtTime,
    [
      ["12:34:56Z", true],
      ["12:34:56z", true],
      ["12:34:56.789+02:00", true],
      ["00:00:00-23:59", true],
      ["23:59:60Z", true], // a leap second at 23:59:60 UTC
      ["15:59:60-08:00", true], // 23:59:60 UTC
      ["00:59:60+01:00", true], // 23:59:60 UTC the day before
      ["23:59:60+01:00", false], // 22:59:60 UTC
      ["12:00:60Z", false],
      ["23:59:61Z", false],
      ["24:00:00Z", false],
      ["12:60:00Z", false],
      ["12:00:00", false], // no offset
      ["12:00:00+24:00", false],
      ["12:00:00+01:60", false],
      ["1:00:00Z", false],
    ],
  ],
  fmtDateTime: [
    F.fmtDateTime,
    [
      ["2024-02-29T12:00:00Z", true],
      ["2024-02-29t12:00:00.5+05:30", true],
      ["2024-02-29 12:00:00Z", true],
      ["2016-12-31T23:59:60Z", true],
      ["2023-02-29T12:00:00Z", false],
      ["2024-01-01T12:00:00", false],
      ["2024-01-01", false],
      ["2024-01-01X12:00:00Z", false],
      ["2024-01-01T25:00:00Z", false],
    ],
  ],
  fmtEmail: [
    F.fmtEmail,
    [
      ["a@example.com", true],
      ["first.last+tag@sub.example.co.uk", true],
      ["user@localhost", true],
      ["a@b", true],
      ["@example.com", false],
      ["a@", false],
      ["a..b@example.com", false],
      [".a@example.com", false],
      ["a b@example.com", false],
      ["a@-example.com", false],
      ["a@example..com", false],
    ],
  ],
  fmtUuid: [
    F.fmtUuid,
    [
      ["123e4567-e89b-12d3-a456-426614174000", true],
      ["123E4567-E89B-12D3-A456-426614174000", true],
      ["00000000-0000-0000-0000-000000000000", true],
      ["123e4567e89b12d3a456426614174000", false],
      ["123e4567-e89b-12d3-a456-42661417400", false],
      ["123e4567-e89b-12d3-a456-42661417400g", false],
      ["{123e4567-e89b-12d3-a456-426614174000}", false],
    ],
  ],
  fmtIpv4: [
    F.fmtIpv4,
    [
      ["0.0.0.0", true],
      ["192.168.1.255", true],
      ["255.255.255.255", true],
      ["256.1.1.1", false],
      ["01.2.3.4", false], // a leading zero
      ["1.2.3", false],
      ["1.2.3.4.5", false],
      ["1.2.3.-4", false],
      [" 1.2.3.4", false],
    ],
  ],
  fmtIpv6: [
    F.fmtIpv6,
    [
      ["::", true],
      ["::1", true],
      ["2001:db8::1", true],
      ["2001:0db8:0000:0000:0000:ff00:0042:8329", true],
      ["1:2:3:4:5:6:7::", true],
      ["::ffff:192.168.0.1", true],
      ["1:2:3:4:5:6:1.2.3.4", true],
      ["FE80::ABCD", true],
      ["1:2:3:4:5:6:7:8:9", false],
      ["1:2:3:4:5:6:7", false],
      ["1::2::3", false],
      [":::", false],
      ["12345::", false],
      ["g::1", false],
      ["::ffff:256.1.1.1", false],
      ["1:2:3:4:5:6:7:1.2.3.4", false],
      [":1:2:3:4:5:6:7", false],
      ["1.2.3.4", false],
    ],
  ],
  fmtUri: [
    F.fmtUri,
    [
      ["https://example.com/a?b=c#d", true],
      ["urn:isbn:0451450523", true],
      ["mailto:a@example.com", true],
      ["example.com/a", false], // no scheme
      ["/relative/path", false],
      ["https://exa mple.com", false],
      ["http://example.com/<a>", false],
      ["1http://example.com", false],
    ],
  ],
  fmtUriReference: [
    F.fmtUriReference,
    [
      ["../a/b?c#d", true],
      ["", true],
      ["https://example.com", true],
      ["a b", false],
      ["a\\b", false],
      ['a"b', false],
    ],
  ],
  fmtByte: [
    F.fmtByte,
    [
      ["", true],
      ["aGVsbG8=", true],
      ["aGVsbA==", true],
      ["aGVs", true],
      ["a+/9", true],
      ["aGVsbG8", false], // length not a multiple of 4
      ["a===", false],
      ["ab=c", false],
      ["aGV-", false], // base64url alphabet
      ["aGV sbG8", false],
    ],
  ],
  fmtRegex: [
    F.fmtRegex,
    [
      ["^[a-z]+$", true],
      ["\\p{L}+", true],
      ["(a|b)*", true],
      ["(", false],
      ["[", false],
      ["a{2,1}", false],
      ["\\", false],
    ],
  ],
  fmtJsonPointer: [
    F.fmtJsonPointer,
    [
      ["", true],
      ["/", true],
      ["/a/b", true],
      ["/a~0b~1c", true],
      ["/0/-", true],
      ["a/b", false],
      ["/a~2", false],
      ["/a~", false],
      ["#/a", false],
    ],
  ],
  fmtHostname: [
    F.fmtHostname,
    [
      ["example.com", true],
      ["a", true],
      ["xn--bcher-kva.example", true],
      ["example.com.", true],
      ["a-b.c-d", true],
      ["-a.com", false],
      ["a-.com", false],
      ["a_b.com", false],
      ["a..com", false],
      ["", false],
      ["a".repeat(63) + ".com", true],
      ["a".repeat(64) + ".com", false],
      [Array.from({ length: 64 }, () => "abc").join("."), false], // 255 characters
    ],
  ],
  fmtDuration: [
    F.fmtDuration,
    [
      ["P1D", true],
      ["PT1H", true],
      ["P1Y2M3DT4H5M6S", true],
      ["P2W", true],
      ["PT0S", true],
      ["P", false],
      ["PT", false],
      ["P1DT", false],
      ["P1W2D", false],
      ["1D", false],
      ["P1.5D", false],
      ["P1H", false], // hours need T
    ],
  ],
};

describe("formats", () => {
  // One test per format; a failure lists every input whose answer is wrong.
  it.each(Object.entries(formats))("%s", (_name, [fn, table]) => {
    expect(table.some(([, ok]) => ok) && table.some(([, ok]) => !ok)).toBe(true);
    const wrong = table.filter(([s, expected]) => fn(s) !== expected).map(([s, expected]) => ({ input: s, expected }));
    expect(wrong).toEqual([]);
  });

  // Was a bug (formats.ts, fmtIpv6): an embedded IPv4 part must be the address's last part, but one before a trailing
  // "::" is accepted: "1.2.3.4::" passes (the IPv4 test looks at the last group of head+tail, and tail is empty).
  it("fmtIpv6 rejects an IPv4 part before '::'", () => {
    expect(F.fmtIpv6("1.2.3.4::")).toBe(false);
  });
});
