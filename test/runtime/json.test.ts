// Unit tests of parseJson/stringifyJson (src/runtime/json.ts): the int64 rules, JSON.parse's and JSON.stringify's
// behaviour everywhere else (tables, and seeded differential runs against them), round trips, and hostile input.
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJson, stringifyJson } from "../../src/runtime/json.js";

const MAX_SAFE = 2n ** 53n - 1n;

/**
 * An exact rendering of a parsed value, to compare two: types (bigint vs number), -0, own keys in order
 * (`__proto__` included), data properties only, and plain prototypes. `rounded`: each bigint as the number
 * JSON.parse reads for its digits (and a bigint in the safe range is an error).
 */
function show(v: unknown, rounded = false): string {
  if (typeof v === "bigint") {
    if (!rounded) return `${v}n`;
    return v >= -MAX_SAFE && v <= MAX_SAFE ? `SAFE BIGINT ${v}` : show(Number(v));
  }
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v !== "object") return String(v);
  const props = Reflect.ownKeys(v).flatMap((k) => {
    if (Array.isArray(v) && k === "length") return [];
    const d = Object.getOwnPropertyDescriptor(v, k)!;
    const flags = "value" in d && d.writable && d.enumerable && d.configurable ? "" : "!";
    return [`${JSON.stringify(String(k))}${flags}:${show(d.value, rounded)}`];
  });
  if (Array.isArray(v)) return `[${props.join(",")}]${Object.getPrototypeOf(v) === Array.prototype ? "" : "!proto"}`;
  return `{${props.join(",")}}${Object.getPrototypeOf(v) === Object.prototype ? "" : "!proto"}`;
}
const showRounded = (v: unknown): string => show(v, true);

/** What a call gives: the rendered value, or the class of what it threw. */
function outcome(f: () => unknown, render: (v: unknown) => string = show): string {
  try {
    return "= " + render(f());
  } catch (e) {
    return "throws " + (e as Error).constructor.name;
  }
}

/**
 * The text inside an object beside a string with a 16-digit run after a space: parseJson cannot tell it from a
 * number without parsing, so it takes its own parser (asserted below), for any text inside.
 */
const slow = (text: string): string => `{"pad":" 1234567890123456","v":${text}}`;

/** mulberry32: a small seeded PRNG, so that every run draws the same cases. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("parseJson: the int64 rules", () => {
  it.each<[string, unknown]>([
    ["9007199254740993", 9007199254740993n],
    ["-9007199254740993", -9007199254740993n],
    ["9007199254740992", 9007199254740992n],
    ["9007199254740991", 9007199254740991],
    ["-9007199254740991", -9007199254740991],
    ["1234567890123456", 1234567890123456],
    ["9223372036854775807", 9223372036854775807n],
    ["-9223372036854775808", -9223372036854775808n],
    ["18446744073709551615", 18446744073709551615n],
    ["123456789012345678901234567890", 123456789012345678901234567890n],
    ["-0", -0],
    ["0", 0],
    ["1.0", 1],
    ["1e3", 1000],
    ["12345678901234567890.0", 12345678901234567890.0],
    ["12345678901234567890e0", 12345678901234567890],
    ["1234567890123456789012E-3", 1234567890123456789.012],
    ["90071992547409930E-1", 9007199254740993],
    ["0.12345678901234567890", 0.1234567890123456789],
    ["1e400", Infinity],
    ["-1e-400", -0],
    [" \t\n\r9007199254740993 \t\n\r", 9007199254740993n],
    ["[9007199254740993,-9007199254740993,1.5]", [9007199254740993n, -9007199254740993n, 1.5]],
    ['{"id":12345678901234567890,"n":1}', { id: 12345678901234567890n, n: 1 }],
    ['{"a":[{"b":{"c":[0,99999999999999999999]}}]}', { a: [{ b: { c: [0, 99999999999999999999n] } }] }],
    ['[ 9007199254740993 ,\n-9007199254740993\t]', [9007199254740993n, -9007199254740993n]],
  ])("%s", (text, want) => {
    expect(show(parseJson(text))).toBe(show(want));
  });

  it("an unsafe literal is found after everything a number can follow", () => {
    for (const [before, after] of [["", ""], ["[", "]"], ["[1,", "]"], ['{"a":', "}"], [" ", " "], ["\t", "\t"], ["\n", "\n"], ["\r", "\r"], ['{"a" : ', " }"], ["[ ", " ]"]]) {
      for (const digits of ["9007199254740993", "-9007199254740993", "100000000000000000000"]) {
        const got = parseJson(before + digits + after);
        const inner: unknown = Array.isArray(got) ? got[got.length - 1] : got !== null && typeof got === "object" ? (got as Record<string, unknown>)["a"] : got;
        expect(inner, JSON.stringify(before + digits + after)).toBe(BigInt(digits));
      }
    }
  });

  it("text that cannot hold an unsafe integer is JSON.parse's; text that may is read by the parser", () => {
    const parse = vi.spyOn(JSON, "parse");
    const fast = [
      '{"id_str":"1234567890123456789","x":1}', // digits after a quote: a string
      "[0.12345678901234567890,1e12345678901234567,1.5E-12345678901234567]", // a fraction's, an exponent's digits
      "[0123456789012345678]", // not a number (JSON.parse's SyntaxError)
      '{"n":123456789012345}',
    ];
    for (const text of fast) {
      parse.mockClear();
      outcome(() => parseJson(text));
      expect(parse.mock.calls.map((c) => c[0]), text).toEqual([text]);
    }
    for (const text of [slow("1"), slow('"no escapes"'), "[1e1,9007199254740993]"]) {
      parse.mockClear();
      parseJson(text);
      expect(parse).not.toHaveBeenCalled(); // JSON.parse reads only strings with escapes, on this path
    }
    parse.mockClear();
    expect(parseJson(slow('"a\\nb"'))).toEqual({ pad: " 1234567890123456", v: "a\nb" });
    expect(parse.mock.calls.map((c) => c[0])).toEqual(['"a\\nb"']);
  });

  it("what is not a string is read as its text, as JSON.parse reads it", () => {
    for (const given of [Buffer.from("[9007199254740993]"), new String("[9007199254740993]"), { toString: () => "[9007199254740993]" }]) {
      expect(JSON.parse(given as never)).toEqual([9007199254740992]);
      expect(parseJson(given as never)).toEqual([9007199254740993n]);
    }
    expect(parseJson(12 as never)).toBe(12);
    expect(() => parseJson(Symbol() as never)).toThrow(TypeError);
  });

  it("an integer literal of more than 1000 digits is refused with a SyntaxError, not read slowly", () => {
    const d1000 = "7".repeat(1000);
    expect(parseJson(d1000)).toBe(BigInt(d1000));
    expect(parseJson("-" + d1000)).toBe(-BigInt(d1000));
    expect(parseJson(`[${d1000}]`)).toEqual([BigInt(d1000)]);
    expect(() => parseJson(d1000 + "7")).toThrow(new SyntaxError("an integer of more than 1000 digits in JSON at position 0"));
    expect(() => parseJson(`[-${d1000}7]`)).toThrow(SyntaxError);
    // A fraction or exponent makes it a number, of any length, as JSON.parse reads it.
    expect(parseJson(d1000 + "7.5")).toBe(JSON.parse(d1000 + "7.5"));
    expect(parseJson(d1000 + "7e-1005")).toBe(JSON.parse(d1000 + "7e-1005"));
  });
});

describe("parseJson: JSON.parse's results on both paths", () => {
  const valid = [
    "[]", "{}", "[[]]", "[{}]", '{"":0}', '{"a":{}}', "0", "-0", "1", "-1", "0.5", "-0.0", "0e0", "0E+1", "0e-1", "1E22",
    "1e-400", "-1e-400", "1e400", "-1e400", "123.456e-789", "[1.5e+9999]", "[1e1,1E1,1e+1,1e-1,1.0e1,10E-0]",
    "123456789012345", "1234567890123456", "9007199254740991", "-9007199254740991", "[0,-0,0.0,-0.0]",
    '""', '" "', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u0000\\u001f\\u0041\\u00e9\\u00E9\\uFFFF"', '"\\ud83d\\ude00"',
    '"\\ud800"', '"\\udc00\\ud800"', '"\ud800"', '"\udfff x"', '"\u007f"', '"\u2028\u2029"', '"😀"', '"a\\u0022b"', '"\\/"',
    '"é\u00a0ü"', " [ 1 , 2 ] ", "\t\n\r 1", "1 \t\n\r", "true", "false", "null", "[true,false,null]", " [ true , { } ] ",
    '{"a":1,"a":2}', '{"a":1,"b":2,"a":3}', '{"__proto__":[]}', '{"__proto__":1,"__proto__":{"x":1}}',
    '{"constructor":1,"toString":2,"hasOwnProperty":3,"valueOf":4,"__defineGetter__":5}',
    '{"1":1,"0":0,"b":2,"a":1,"4294967295":3,"4294967294":4,"-1":5,"01":6,"1.5":7}', '{"\\u0061":1,"a":2}',
    '[[[[[[[[[[1]]]]]]]]]]', '{"a":{"b":{"c":{"d":[{"e":null}]}}}}', '[{"k0":[0,"s0"]},{"k1":[1,"s1"]},{"k2":[2,"s2"]}]',
  ];
  it.each(valid)("%s", (text) => {
    const want = outcome(() => JSON.parse(text));
    expect(want).toMatch(/^= /);
    expect(outcome(() => parseJson(text))).toBe(want);
    expect(outcome(() => parseJson(slow(text)))).toBe(outcome(() => JSON.parse(slow(text))));
  });

  it("a key `__proto__` is an own data property and sets no prototype; duplicates: the last wins, in the first's place", () => {
    for (const text of [slow('{"__proto__":{"polluted":1},"a":9007199254740993}'), '{"__proto__":{"polluted":1},"a":9007199254740993}']) {
      const v = (parseJson(text) as Record<string, unknown>)["v"] ?? parseJson(text);
      expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
      expect(Object.keys(v as object)).toEqual(["__proto__", "a"]);
      expect(Object.getOwnPropertyDescriptor(v, "__proto__")).toEqual({ value: { polluted: 1 }, writable: true, enumerable: true, configurable: true });
      expect((v as { polluted?: unknown }).polluted).toBeUndefined();
      expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(show(parseJson('{"a":1,"b":2,"a":9007199254740993}'))).toBe('{"a":9007199254740993n,"b":2}');
  });

  it("a setter on Object.prototype is not called for a key of that name (JSON.parse defines, it does not assign)", () => {
    let called = 0;
    Object.defineProperty(Object.prototype, "sneaky", { set: () => void called++, configurable: true });
    try {
      const v = parseJson('{"sneaky":9007199254740993}') as Record<string, unknown>;
      expect(Object.getOwnPropertyDescriptor(v, "sneaky")?.value).toBe(9007199254740993n);
      expect(show(JSON.parse('{"sneaky":1}'))).toBe('{"sneaky":1}');
    } finally {
      delete (Object.prototype as Record<string, unknown>)["sneaky"];
    }
    expect(called).toBe(0);
  });
});

describe("parseJson: invalid JSON throws a SyntaxError, as JSON.parse does", () => {
  const invalid = [
    "", " ", "\t\n", "[", "]", "{", "}", "[1,]", "[,1]", "[,]", "[1 2]", "[1,,2]", '{"a":1,}', "{,}", '{"a"}', '{"a" 1}', '{"a":}',
    "{a:1}", "{'a':1}", "['a']", '{"a":1 "b":2}', '{"a",1}', '{1:1}', '{null:1}', "[1:2]", "01", "-01", "00", "-00", "-", "+1",
    ".5", "1.", "1.e5", "1e", "1e+", "1E-", "-e5", "0x10", "1_000", "Infinity", "-Infinity", "NaN", "tru", "True", "nul", "nulll",
    "falsey", "t", "n", "f", '"abc', '"\\"', '"\\x"', '"\\u12"', '"\\u12G4"', '"\\U0041"', '"\\a"', '"\\\'"', '"\\\n"',
    '"a\u0000b"', '"a\nb"', '"a\tb"', '"\u001f"', '"\\\u0000"', "\u00a0 1", "\ufeff1", "\u2028 1", "\u000b1", "\u000c1",
    "1 2", "[1] x", "{} {}", "[1]]", "[[1]", '{"a":[1}', "[1}", "{]", '["\\"]', "/*c*/1", "1 //c", "undefined", "'a'", "[-]",
    "[1e309", '"\ud800', "-1234567890123456789.", "12345678901234567890abc", "[12345678901234567890,]",
    '{"a":12345678901234567890 "b":1}', "1234567890123456789 0", "[9007199254740993", "9007199254740993]", "--9007199254740993",
    "-+9007199254740993", "[9007199254740993.]", "[9007199254740993e]", '{"a":9007199254740993,}', "[true false]", "nulltrue",
    '["a",]', '{"a":"b",}', '{"a":"b"]', '["a"}', "[[[[]]]]]", '"\\uD83D\\uDE0"', '"\\u"', '"\\',
  ];
  it.each(invalid)("%j", (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseJson(text)).toThrow(SyntaxError);
    // and on the parser's path, inside an object
    expect(() => JSON.parse(slow(text))).toThrow(SyntaxError);
    expect(() => parseJson(slow(text))).toThrow(SyntaxError);
  });
});

// ---- seeded random texts ---------------------------------------------------------------------------------------

/** A random JSON text, its value as parseJson must give it (worked out from the tokens), and whether any literal is unsafe. */
interface Generated {
  text: string;
  value: unknown;
  unsafe: boolean;
}

function generator(rand: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const ws = () => (rand() < 0.7 ? "" : pick([" ", "\t", "\n", "\r", "  \n\t", "\r\n "]));
  const digits = (n: number) => Array.from({ length: n }, (_, i) => String(Math.floor(rand() * 10) || (i === 0 ? 1 : 0))).join("");
  const numberLiteral = (): string => {
    const sign = rand() < 0.3 ? "-" : "";
    switch (Math.floor(rand() * 9)) {
      case 0:
        return sign + String(Math.floor(rand() * 1000));
      case 1:
        return sign + String(2n ** 53n + BigInt(Math.floor(rand() * 7)) - 4n); // around the edge, either side
      case 2:
        return sign + digits(16 + Math.floor(rand() * 10)); // 16 to 25 digits: mostly unsafe
      case 3:
        return sign + digits(16 + Math.floor(rand() * 4)) + pick([".0", ".000", ".5", "e0", "E+2", "e-3", ".25e1"]);
      case 4:
        return sign + String(rand() * 10 ** Math.floor(rand() * 30 - 10)).replace("e+", pick(["e+", "E+", "e"]));
      case 5:
        return sign + pick(["0", "0.0", "0e0", "0E-0", "1e400", "1e-400", "2.5E308", "4.9e-324"]);
      case 6:
        return sign + digits(1 + Math.floor(rand() * 15)); // up to 15 digits: always safe
      default:
        return sign + digits(1 + Math.floor(rand() * 20)) + "." + digits(1 + Math.floor(rand() * 20));
    }
  };
  const units = [
    "a", "Z", " ", "/", "é", "\u007f", "\u00a0", "\u2028", "\u2029", "😀", "\ud800", "\udbff", "\udc00", "\udfff", '"', "\\",
    "\u0000", "\n", "\t", "\u001f", "\b", "\f", "\r", " 12345678901234567", ", 98765432109876543210", ":-1234567890123456789",
  ];
  const stringValue = () => Array.from({ length: Math.floor(rand() * 6) }, () => pick(units)).join("");
  const short: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "/": "\\/" };
  const hex = (c: number) => {
    const h = c.toString(16).padStart(4, "0");
    return "\\u" + (rand() < 0.5 ? h : h.toUpperCase());
  };
  const encode = (s: string): string => {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      const c = s.charCodeAt(i);
      const must = ch === '"' || ch === "\\" || c < 0x20;
      if (must || rand() < 0.2) out += short[ch] !== undefined && rand() < 0.7 ? short[ch] : hex(c);
      else out += ch;
    }
    return out + '"';
  };
  const keys = ["a", "b", "", "__proto__", "constructor", "toString", "0", "1", "10", "4294967295", "-1", "a b", "ключ", "😀"];
  const value = (depth: number): Generated => {
    const r = rand();
    if (depth > 0 && r < 0.2) {
      const items = Array.from({ length: Math.floor(rand() * 5) }, () => value(depth - 1));
      return { text: "[" + ws() + items.map((x) => x.text).join(ws() + "," + ws()) + ws() + "]", value: items.map((x) => x.value), unsafe: items.some((x) => x.unsafe) };
    }
    if (depth > 0 && r < 0.4) {
      const o: Record<string, unknown> = {};
      const members = Array.from({ length: Math.floor(rand() * 5) }, () => {
        const k = rand() < 0.8 ? pick(keys) : stringValue();
        const v = value(depth - 1);
        Object.defineProperty(o, k, { value: v.value, writable: true, enumerable: true, configurable: true });
        return { text: encode(k) + ws() + ":" + ws() + v.text, unsafe: v.unsafe };
      });
      return { text: "{" + ws() + members.map((m) => m.text).join(ws() + "," + ws()) + ws() + "}", value: o, unsafe: members.some((m) => m.unsafe) };
    }
    if (r < 0.65) {
      const lit = numberLiteral();
      const unsafe = /^-?\d+$/.test(lit) && (BigInt(lit) > MAX_SAFE || BigInt(lit) < -MAX_SAFE);
      return { text: lit, value: unsafe ? BigInt(lit) : Number(lit), unsafe };
    }
    if (r < 0.9) {
      const s = stringValue();
      return { text: encode(s), value: s, unsafe: false };
    }
    const word = pick(["true", "false", "null"]);
    return { text: word, value: word === "null" ? null : word === "true", unsafe: false };
  };
  return (): Generated => {
    const g = value(4);
    return { ...g, text: ws() + g.text + ws() };
  };
}

describe("parseJson: seeded random texts", () => {
  it("gives the value each generated text spells (bigints where a literal is unsafe); JSON.parse agrees where none is", () => {
    const next = generator(prng(27));
    let unsafe = 0;
    for (let n = 0; n < 3000; n++) {
      const g = next();
      expect(show(parseJson(g.text)), g.text).toBe(show(g.value));
      expect(show((parseJson(slow(g.text)) as { v: unknown }).v), g.text).toBe(show(g.value));
      if (g.unsafe) unsafe++;
      else expect(show(JSON.parse(g.text)), g.text).toBe(show(g.value)); // the generator's reading is JSON.parse's
    }
    expect(unsafe).toBeGreaterThan(200);
    expect(unsafe).toBeLessThan(2800);
  });

  it("on mutated texts: a SyntaxError exactly where JSON.parse throws one, otherwise its value up to the unsafe integers' bigints", () => {
    const rand = prng(64);
    const next = generator(rand);
    const noise = ["{", "}", "[", "]", ",", ":", '"', "\\", "-", "+", ".", "e", "E", "0", "1", "9", " ", "\n", "\u0000", "t", "n", "u", "x", "/", "\u00a0"];
    const counts = { threw: 0, parsed: 0 };
    for (let n = 0; n < 4000; n++) {
      let t = next().text;
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const at = Math.floor(rand() * (t.length + 1));
        const op = Math.floor(rand() * 4);
        const ch = noise[Math.floor(rand() * noise.length)]!;
        if (op === 0) t = t.slice(0, at) + t.slice(at + 1);
        else if (op === 1) t = t.slice(0, at) + ch + t.slice(at);
        else if (op === 2) t = t.slice(0, at) + ch + t.slice(at + 1);
        else t = t.slice(0, at);
      }
      for (const text of [t, slow(t)]) {
        const want = outcome(() => JSON.parse(text));
        expect(outcome(() => parseJson(text), showRounded), JSON.stringify(text)).toBe(want);
        counts[want.startsWith("throws") ? "threw" : "parsed"]++;
      }
    }
    expect(counts.threw).toBeGreaterThan(2000);
    expect(counts.parsed).toBeGreaterThan(1000);
  });
});

// ---- stringifyJson ---------------------------------------------------------------------------------------------

describe("stringifyJson: JSON.stringify's output for every value without bigints", () => {
  const spoofNumber = { [Symbol.toStringTag]: "Number", a: 1 };
  const cases: [string, (log: string[]) => unknown][] = [
    ["strings", () => ["a", "", "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029", "\ud800", "\udc00", "\ud83d\ude00", "a\ud800b", "\udc00\ud800", "é😀"]],
    ["numbers", () => [0, -0, 1.5, -2, 1e21, 1e-7, 123456789.125, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 60, NaN, Infinity, -Infinity]],
    ["literals", () => [true, false, null]],
    ["top-level undefined", () => undefined],
    ["top-level function", () => () => 1],
    ["top-level symbol", () => Symbol("s")],
    ["top-level NaN", () => NaN],
    ["top-level string", () => "x\ud800"],
    ["undefined, functions, symbols: left out of objects", () => ({ a: undefined, b: () => 1, c: Symbol(), d: 1, e: class {} })],
    ["undefined, functions, symbols: null in arrays", () => [undefined, () => 1, Symbol(), 2]],
    ["symbol keys, non-enumerable and inherited properties are not written", () => Object.defineProperty(Object.assign(Object.create({ inherited: 1 }), { [Symbol("k")]: 1, own: 2 }), "hidden", { value: 3, enumerable: false })],
    ["own enumerable string keys in order (integer keys first)", () => ({ b: 1, a: 2, 2: 3, 1: 4, "-1": 5, "01": 6 })],
    ["an own __proto__ key", () => JSON.parse('{"__proto__":{"x":1},"y":2}')],
    ["a null-prototype object", () => Object.assign(Object.create(null), { a: 1 })],
    ["getters are read", (log) => ({ get a() { log.push("get a"); return [1]; }, b: 2 })],
    ["a class instance", () => new (class { x = 1; m() { return 1; } })()],
    ["Map, Set, RegExp, Error, typed array", () => [new Map([[1, 2]]), new Set([1]), /re/g, new Error("x"), new Uint8Array([1, 2])]],
    ["sparse arrays: holes are null", () => [, 1, , ]], // eslint-disable-line no-sparse-arrays
    ["an array's extra properties are not written", () => Object.assign([1, 2], { extra: 3 })],
    ["an array-like object is an object", () => ({ length: 2, 0: "a" })],
    ["Proxies of an array and of an object", () => [new Proxy([1, 2], {}), new Proxy({ a: 1 }, {})]],
    ["Date (toJSON)", () => [new Date(0), new Date(NaN), { d: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) }]],
    ["toJSON gets its key (object key, array index, '' at the top)", (log) => {
      const probe = (name: string) => ({ toJSON(key: string) { log.push(`${name}:${JSON.stringify(key)}`); return name; } });
      return { top: [probe("in-array"), probe("second")], k: probe("in-object"), toJSON: undefined, nested: { toJSON(key: string) { log.push(`outer:${key}`); return { inner: probe("inner") }; } } };
    }],
    ["toJSON at the top", (log) => ({ toJSON(key: string) { log.push(`top:${JSON.stringify(key)}`); return [1]; } })],
    ["toJSON returning undefined, a function, an object with its own toJSON (not called again)", () => ({ a: { toJSON: () => undefined }, b: { toJSON: () => () => 1 }, c: { toJSON: () => ({ toJSON: () => "no", x: 1 }) }, d: [{ toJSON: () => undefined }] })],
    ["a toJSON that is not a function is a property", () => ({ toJSON: 1, a: 2 })],
    ["a toJSON inherited from a class", () => [new (class { toJSON() { return "from class"; } })()]],
    ["a function with toJSON", () => ({ f: Object.assign(() => 1, { toJSON: () => "fn" }) })],
    ["toJSON returning a boxed number", () => ({ a: { toJSON: () => new Number(4) } })],
    ["boxed primitives are unwrapped", () => [new Number(3), new String("s"), new Boolean(false), Object(Symbol("x")), new Number(NaN)]],
    ["boxes read as JSON.stringify reads them (ToNumber, ToString, the boolean's own value)", () => [Object.assign(new Number(1), { valueOf: () => 7 }), Object.assign(new String("a"), { toString: () => "b" }), Object.assign(new Boolean(true), { valueOf: () => false })]],
    ["an object that only says it is a Number, String, Boolean or BigInt", () => [spoofNumber, { [Symbol.toStringTag]: "String" }, { [Symbol.toStringTag]: "Boolean", b: 1 }, { [Symbol.toStringTag]: "BigInt" }]],
    ["the same object twice is not a cycle", () => { const o = { x: 1 }; return { a: o, b: o, c: [o, [o]] }; }],
    ["a cycle through an object is a TypeError", () => { const o: Record<string, unknown> = { a: 1 }; o["self"] = o; return o; }],
    ["a cycle through an array is a TypeError", () => { const a: unknown[] = [1]; a.push({ a }); return a; }],
    ["a cycle through toJSON is a TypeError", () => { const o: Record<string, unknown> = {}; o["a"] = { toJSON: () => o }; return o; }],
    ["a getter's error propagates", () => ({ get a(): unknown { throw new RangeError("boom"); } })],
    ["keys are escaped", () => ({ "a\"b": 1, "\n": 2, "\ud800": 3, "\\": 4, "": 5 })],
    ["nested", () => ({ a: [{ b: { c: [1, "2", null, true, { d: [] }] } }], e: {} })],
  ];
  it.each(cases)("%s", (_name, make) => {
    const theirs: string[] = [];
    const ours: string[] = [];
    const want = outcome(() => JSON.stringify(make(theirs)), (v) => String(v));
    expect(outcome(() => stringifyJson(make(ours)), (v) => String(v))).toBe(want);
    expect(ours).toEqual(theirs); // the same toJSON calls and getter reads, in the same order
  });

  it("the error of a cycle says what JSON.stringify's does", () => {
    const o: Record<string, unknown> = {};
    o["o"] = o;
    expect(() => stringifyJson(o)).toThrow(new TypeError("Converting circular structure to JSON"));
  });
});

describe("stringifyJson: bigints are written as digits", () => {
  it.each<[string, () => unknown, string | undefined]>([
    ["a bigint", () => 1n, "1"],
    ["a negative bigint", () => -9223372036854775808n, "-9223372036854775808"],
    ["zero", () => 0n, "0"],
    ["beyond 64 bits", () => 2n ** 70n, "1180591620717411303424"],
    ["in an object", () => ({ id: 9007199254740993n, n: 1 }), '{"id":9007199254740993,"n":1}'],
    ["in an array", () => [1n, undefined, -2n], "[1,null,-2]"],
    ["a boxed bigint", () => [Object(5n)], "[5]"],
    ["one toJSON returns", () => ({ a: { toJSON: () => 7n } }), '{"a":7}'],
    ["a boxed one toJSON returns", () => ({ a: { toJSON: () => Object(8n) } }), '{"a":8}'],
    ["an object that only says it is a BigInt", () => ({ [Symbol.toStringTag]: "BigInt", a: 1n }), '{"a":1}'],
    ["beside everything else", () => ({ d: new Date(0), s: "\ud800", b: [12345678901234567890n, new Boolean(true)] }), '{"d":"1970-01-01T00:00:00.000Z","s":"\\ud800","b":[12345678901234567890,true]}'],
  ])("%s", (_name, make, want) => {
    expect(stringifyJson(make())).toBe(want);
  });

  it("BigInt.prototype.toJSON, if an app defines one, is not called", () => {
    const proto = BigInt.prototype as unknown as { toJSON?: () => string };
    proto.toJSON = function (this: bigint) {
      return `"${this}"`;
    };
    try {
      expect(JSON.stringify({ a: 1n })).toBe('{"a":"\\"1\\""}');
      expect(stringifyJson({ a: 1n })).toBe('{"a":1}');
    } finally {
      delete proto.toJSON;
    }
  });
});

/** A random value of what JSON.stringify can meet, without bigints. */
function valueGenerator(rand: () => number, { roundTrip }: { roundTrip: boolean }) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const strings = ["", "a", "é", "😀", "\ud800", "\udc00", '"', "\\", "\u0000", "\n", "\u2028", "1234567890123456789", " 12345678901234567890", "__proto__", "0", "10"];
  const str = () => Array.from({ length: Math.floor(rand() * 4) }, () => pick(strings)).join("");
  const number = (): number => {
    const n = pick([0, 1, -1, 0.5, 1e21, 1e-7, 2 ** 53 - 1, -(2 ** 53 - 1), Number.MAX_VALUE, 5e-324, rand() * 1e6, Math.floor(rand() * 1e9), 2 ** 60, -0, NaN, Infinity]);
    return roundTrip && (!Number.isFinite(n) || Object.is(n, -0) || (Number.isInteger(n) && !Number.isSafeInteger(n) && n < 1e21)) ? 1 : n;
  };
  const big = () => pick([1n, -1n]) * (2n ** 53n + BigInt(Math.floor(rand() * 1e9)) * pick([1n, 2n ** 20n, 2n ** 40n]));
  const value = (depth: number, bigints: boolean): unknown => {
    const r = rand();
    if (depth > 0 && r < 0.2) return Array.from({ length: Math.floor(rand() * 5) }, () => value(depth - 1, bigints));
    if (depth > 0 && r < 0.4) {
      const o: Record<string, unknown> = {};
      for (let k = Math.floor(rand() * 5); k > 0; k--) Object.defineProperty(o, str(), { value: value(depth - 1, bigints), writable: true, enumerable: true, configurable: true });
      return o;
    }
    if (r < 0.55) return number();
    if (r < 0.7) return str();
    if (bigints && r < 0.8) return big();
    if (roundTrip) return pick([true, false, null]);
    return pick<() => unknown>([
      () => true, () => null, () => undefined, () => () => 1, () => Symbol(), () => new Date(Math.floor(rand() * 1e12)),
      () => new Number(number()), () => new String(str()), () => new Boolean(rand() < 0.5), () => ({ toJSON: (k: string) => `key ${k}` }),
      () => [, 1], // eslint-disable-line no-sparse-arrays
    ])();
  };
  return value;
}

describe("stringifyJson: seeded random values", () => {
  it("writes what JSON.stringify writes, for values without bigints", () => {
    const value = valueGenerator(prng(5), { roundTrip: false });
    for (let n = 0; n < 3000; n++) {
      const v = value(5, false);
      expect(stringifyJson(v)).toBe(JSON.stringify(v));
    }
  });

  it("parseJson(stringifyJson(v)) is v, for JSON values with bigints beyond the safe range", () => {
    const value = valueGenerator(prng(6), { roundTrip: true });
    let bigints = 0;
    for (let n = 0; n < 3000; n++) {
      const v = value(5, true);
      const text = stringifyJson(v)!;
      if (/\d{16}/.test(text)) bigints++;
      expect(show(parseJson(text)), text).toBe(show(v));
    }
    expect(bigints).toBeGreaterThan(1000);
  });

  it("a number that is an unsafe integer comes back as a bigint of the digits JSON.stringify writes", () => {
    expect(stringifyJson(2 ** 60)).toBe(JSON.stringify(2 ** 60));
    expect(parseJson(stringifyJson(2 ** 60)!)).toBe(1152921504606847000n); // not 2n ** 60n: JS writes the shortest digits
    expect(parseJson(stringifyJson(2n ** 60n)!)).toBe(2n ** 60n);
    expect(parseJson(stringifyJson(1e21)!)).toBe(1e21); // written 1e+21: a number
  });
});

// ---- hostile input ---------------------------------------------------------------------------------------------

/** How deep a parsed value nests through `step`, and what is at the bottom (iteratively: no stack to overflow). */
function depthOf(v: unknown, step: (v: unknown) => unknown): [number, unknown] {
  let d = 0;
  while (v !== null && typeof v === "object") {
    v = step(v);
    d++;
  }
  return [d, v];
}

describe("hostile input", () => {
  it("nesting of any depth is read without recursion (JSON.parse reads it too)", () => {
    const n = 1_000_000;
    const arrays = "[".repeat(n) + "9007199254740993" + "]".repeat(n);
    expect(() => JSON.parse(arrays)).not.toThrow();
    expect(depthOf(parseJson(arrays), (v) => (v as unknown[])[0])).toEqual([n, 9007199254740993n]);
    const objects = '{"a":'.repeat(n / 5) + "-9007199254740993" + "}".repeat(n / 5);
    expect(depthOf(parseJson(objects), (v) => (v as { a: unknown }).a)).toEqual([n / 5, -9007199254740993n]);
    const mixed = '[{"a":'.repeat(n / 10) + "12345678901234567890" + "}]".repeat(n / 10);
    expect(depthOf(parseJson(mixed), (v) => (Array.isArray(v) ? v[0] : (v as { a: unknown }).a))).toEqual([n / 5, 12345678901234567890n]);
  });

  it("deep text that does not close, or closes wrongly, is a SyntaxError", () => {
    const n = 200_000;
    for (const text of ["[".repeat(n) + "9007199254740993", "[".repeat(n) + "9007199254740993" + "]".repeat(n - 1) + "}", '{"a":'.repeat(n / 5) + "9007199254740993" + "]".repeat(n / 5)]) {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expect(() => parseJson(text)).toThrow(SyntaxError);
    }
  });

  it("10 MB of digits: refused as an integer (a SyntaxError, not seconds of BigInt), read as JSON.parse reads it with a fraction", () => {
    const digits = "1".repeat(10_000_000);
    expect(() => parseJson(digits)).toThrow(/more than 1000 digits/);
    expect(() => parseJson(`{"a":[-${digits}]}`)).toThrow(SyntaxError);
    expect(parseJson(digits + ".5")).toBe(Infinity);
    expect(parseJson("0." + digits)).toBe(JSON.parse("0." + digits));
    expect(parseJson(`[1${"0".repeat(999)},"${digits}"]`)).toEqual([10n ** 999n, digits]);
    expect(parseJson(`["${digits}"]`)).toEqual([digits]); // the fast path's scan
    expect(parseJson(`[1e${digits}, 1.${digits}, 12345678901234567]`)).toEqual([Infinity, JSON.parse("1." + digits), 12345678901234567n]);
  });

  it("long strings, with and without escapes, and many numbers are read in one pass", () => {
    const plain = "x".repeat(5_000_000);
    const escaped = "\\n\\u0041\\\\".repeat(500_000);
    const v = parseJson(`[9007199254740993,"${plain}","${escaped}"]`) as unknown[];
    expect(v[0]).toBe(9007199254740993n);
    expect(v[1]).toBe(plain);
    expect(v[2]).toBe(JSON.parse(`"${escaped}"`));
    const many = Array.from({ length: 200_000 }, (_, i) => String(9007199254740993n + BigInt(i)));
    const got = parseJson(`[${many.join(",")}]`) as bigint[];
    expect(got.length).toBe(many.length);
    expect(got.every((b, i) => typeof b === "bigint" && String(b) === many[i])).toBe(true);
  });

  it("stringifyJson writes a value of any depth (JSON.stringify throws a RangeError a few thousand levels down)", () => {
    const n = 200_000;
    let v: unknown = 9007199254740993n;
    for (let i = 0; i < n; i++) v = i % 2 === 0 ? [v] : { a: v };
    const text = stringifyJson(v)!;
    expect(text.length).toBe(16 + n / 2 * 2 + n / 2 * 6);
    expect(text.startsWith('{"a":[{"a":[')).toBe(true);
    expect(depthOf(parseJson(text), (x) => (Array.isArray(x) ? x[0] : (x as { a: unknown }).a))).toEqual([n, 9007199254740993n]);
    let deep: unknown = 1;
    for (let i = 0; i < n; i++) deep = [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(stringifyJson(deep)).toBe("[".repeat(n) + "1" + "]".repeat(n));
  });
});
