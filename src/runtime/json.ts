/**
 * JSON that keeps 64-bit integers (the `int64: "bigint"` output): `parseJson` reads an integer literal beyond
 * ±(2^53−1) as a bigint, where `JSON.parse` rounds it before anyone can see it, and `stringifyJson` writes a bigint
 * as its digits, where `JSON.stringify` throws. Otherwise both give what `JSON.parse`/`JSON.stringify` give.
 * Written once into the output folder (`runtime/json.ts`); no imports, for browsers and every server runtime.
 */

/**
 * A run of 16 digits or more: 2^53−1 has 16, so a shorter integer literal is safe. Not `\d{16,}`: V8 backtracks
 * through that one digit at a time, and 10 MB of digits overflow its stack.
 */
const DIGITS = /\d{16}\d*/g;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/**
 * The longest integer literal read as a bigint, in digits. Converting decimal digits to a bigint is not linear
 * (10 MB of digits take seconds), so a longer literal, which no 64-bit (or 128-bit) integer needs, is refused with
 * a SyntaxError: reading hostile text stays linear.
 */
const MAX_DIGITS = 1000;

/**
 * `JSON.parse`, but an integer literal (no fraction, no exponent) outside ±(2^53−1) becomes a bigint instead of a
 * rounded number (`9007199254740993` → `9007199254740993n`; `1e20` and `12345678901234567890.0` stay numbers).
 * Throws a SyntaxError on text that is not JSON, and on an integer literal of more than 1000 digits. Text that
 * cannot hold an unsafe integer goes to `JSON.parse` itself; the rest is read by a parser without recursion
 * (nesting of any depth), 3–4 times slower.
 */
export function parseJson(text: string): unknown {
  const s = `${text}`; // as JSON.parse reads what it is given (a caller in JavaScript may pass a Buffer)
  return mayHoldUnsafe(s) ? parse(s) : JSON.parse(s);
}

/**
 * Whether the text has a run of 16 digits or more, not starting with 0, where a number can start: at the start,
 * or after `[`, `,`, `:` or white space, with an optional `-` between. A string can hold one too (`"… 2605736670972794746"`),
 * which only costs the slow path; text that is not JSON gets JSON.parse's SyntaxError either way.
 */
export function mayHoldUnsafe(s: string): boolean {
  DIGITS.lastIndex = 0;
  for (let m; (m = DIGITS.exec(s)) !== null; ) {
    let j = m.index - 1;
    if (s[j] === "-") j--;
    if (s[m.index] !== "0" && (j < 0 || " \t\n\r[,:".includes(s[j] as string))) return true;
  }
  return false;
}

function parse(s: string): unknown {
  let i = 0;
  const fail = (what = i < s.length ? "unexpected " + JSON.stringify(s[i]) : "unexpected end"): never => {
    throw new SyntaxError(`${what} in JSON at position ${i}`);
  };
  /** Skips white space (JSON's four characters); the code of the character after it (NaN at the end). */
  const skip = (): number => {
    let c = s.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = s.charCodeAt(++i);
    return c;
  };
  /** The string that starts at `i` (its opening quote). Escapes, if any, are JSON.parse's to read and check. */
  const string = (): string => {
    let j = i + 1;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        j++;
      } else if (!(c >= 32)) {
        // a control character, or the end (NaN)
        i = j;
        fail();
      }
      j++;
    }
    const v: string = escaped ? JSON.parse(s.slice(i, j + 1)) : s.slice(i + 1, j);
    i = j + 1;
    return v;
  };
  const key = (): string => {
    if (skip() !== 34) fail();
    const k = string();
    if (skip() !== 58) fail();
    i++;
    return k;
  };
  const scalar = (c: number): unknown => {
    if (c === 34) return string();
    const word = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : "";
    if (word !== "") {
      if (!s.startsWith(word, i)) fail();
      i += word.length;
      return c === 110 ? null : c === 116;
    }
    NUMBER.lastIndex = i;
    if (!NUMBER.test(s)) fail();
    const t = s.slice(i, NUMBER.lastIndex);
    const n = +t;
    if (!Number.isSafeInteger(n) && !/[.eE]/.test(t)) {
      if (t.length > MAX_DIGITS + (n < 0 ? 1 : 0)) fail(`an integer of more than ${MAX_DIGITS} digits`);
      i = NUMBER.lastIndex;
      return BigInt(t);
    }
    i = NUMBER.lastIndex;
    return n;
  };

  // The open arrays and objects, innermost last, and the key each open object waits to set.
  const open: (unknown[] | Record<string, unknown>)[] = [];
  const keys: string[] = [];
  for (;;) {
    let c = skip();
    let v: unknown;
    if (c === 91 || c === 123) {
      i++;
      if (skip() !== c + 2) {
        // not empty (] is [ + 2, } is { + 2)
        open.push(c === 91 ? [] : {});
        if (c === 123) keys.push(key());
        continue;
      }
      i++;
      v = c === 91 ? [] : {};
    } else v = scalar(c);
    // v is complete: it goes into its container, which may end after it, and so on outwards.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) {
        skip();
        if (i < s.length) fail();
        return v;
      }
      const array = Array.isArray(top);
      if (array) top.push(v);
      else {
        const k = keys.pop() as string;
        // As JSON.parse: an own data property, also where Object.prototype has the name (`__proto__`, or a
        // `toString` of a frozen Object.prototype), and the last of duplicate keys wins.
        if (k in top) Object.defineProperty(top, k, { value: v, writable: true, enumerable: true, configurable: true });
        else top[k] = v;
      }
      c = skip();
      if (c === 44) {
        i++;
        if (!array) keys.push(key());
        break;
      }
      if (c !== (array ? 93 : 125)) fail();
      i++;
      open.pop();
      v = top;
    }
  }
}

/**
 * `JSON.stringify(value)` (no replacer, no indentation), but a bigint (also a boxed one, or one a `toJSON` returns)
 * is written as its digits; `BigInt.prototype.toJSON`, should an app define one, is not called. Without recursion:
 * a value of any depth is written (JSON.stringify throws a RangeError beyond a few thousand levels).
 */
export function stringifyJson(value: unknown): string | undefined {
  // The open arrays and objects, innermost last: each with its keys (an array: none), the number of members and
  // the next one, the members written, and the key of the member being written.
  const open: { of: object; keys: string[] | undefined; n: number; i: number; parts: string[]; key: string }[] = [];
  const seen = new Set<object>();
  let r = member(value, "");
  for (;;) {
    let top = open[open.length - 1];
    if (typeof r === "object") {
      if (seen.has(r)) throw new TypeError("Converting circular structure to JSON");
      seen.add(r);
      const keys = Array.isArray(r) ? undefined : Object.keys(r);
      open.push((top = { of: r, keys, n: keys ? keys.length : (r as unknown[]).length, i: 0, parts: [], key: "" }));
    } else if (top === undefined) return r;
    else if (!top.keys) top.parts.push(r ?? "null");
    else if (r !== undefined) top.parts.push(JSON.stringify(top.key) + ":" + r);
    if (top.i < top.n) {
      const key = top.keys ? (top.keys[top.i] as string) : String(top.i);
      top.i++;
      top.key = key;
      r = member((top.of as Record<string, unknown>)[key], key);
    } else {
      open.pop();
      seen.delete(top.of);
      r = top.keys ? "{" + top.parts.join(",") + "}" : "[" + top.parts.join(",") + "]";
    }
  }
}

/** A member as JSON.stringify sees it (after `toJSON`, unboxed): its text, undefined to leave it out, or an array or object to open. */
function member(v: unknown, key: string): string | undefined | object {
  if ((typeof v === "object" && v !== null) || typeof v === "function") {
    const toJSON: unknown = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") v = toJSON.call(v, key);
  }
  if (typeof v === "object" && v !== null) v = unbox(v);
  if (typeof v === "bigint") return String(v);
  if (typeof v === "object" && v !== null) return v;
  return typeof v === "function" ? undefined : JSON.stringify(v);
}

/** A boxed number, string, boolean or bigint as JSON.stringify reads it; any other object as it is. */
function unbox(v: object): unknown {
  const tag = Object.prototype.toString.call(v);
  const box = tag === "[object Number]" ? Number : tag === "[object String]" ? String : tag === "[object Boolean]" ? Boolean : tag === "[object BigInt]" ? BigInt : undefined;
  if (box === undefined) return v;
  const valueOf = box.prototype.valueOf as (this: unknown) => unknown;
  try {
    valueOf.call(v); // is it a box, or an object whose Symbol.toStringTag says so?
  } catch {
    return v;
  }
  return box === Number ? +(v as never) : box === String ? String(v) : valueOf.call(v);
}
