/**
 * A JavaScript string literal for any string, quoted the way prettier would (double quotes unless the text
 * holds more double than single quotes), with every character that could end the literal, the line or the
 * file escaped: backslash, the quote, control characters, U+2028/U+2029, lone surrogates.
 */
export function stringLiteral(s: string): string {
  const doubles = count(s, '"');
  const quote = doubles > 0 && doubles > count(s, "'") ? "'" : '"';
  // Most strings need no escape at all: one scan of a regular expression instead of a loop.
  if (!NEEDS_ESCAPE.test(s) && !s.includes(quote)) return quote + s + quote;
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || isBidiControl(c)) out += '\\u' + c.toString(16).padStart(4, '0');
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + s[i + 1];
        i++;
      } else out += '\\u' + c.toString(16);
    } else if (c >= 0xdc00 && c <= 0xdfff) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + quote;
}

/**
 * Characters that a literal must escape whatever its quote: backslash, controls, DEL, U+2028/9, surrogates, and
 * the bidirectional controls, which would make the code read otherwise than it runs (Trojan Source).
 */
const NEEDS_ESCAPE = /[\\\u0000-\u001f\u007f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** The bidirectional formatting characters: ALM, LRM, RLM, LRE…RLO, LRI…PDI. */
function isBidiControl(c: number): boolean {
  return c === 0x061c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i !== -1; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * A literal type (or value) for a JSON value: strings quoted and escaped, finite numbers, booleans, null;
 * objects as object literal types with quoted keys, arrays as tuples.
 */
export function valueLiteral(v: unknown): string {
  if (typeof v === 'string') return stringLiteral(v);
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? '0' : String(v)) : 'number';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(valueLiteral).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length === 0 ? 'Record<string, never>' : `{ ${entries.map(([k, x]) => `${propertyKey(k)}: ${valueLiteral(x)}`).join('; ')} }`;
  }
  return 'unknown';
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A property key as written in a type or object literal: bare when it is a plain identifier, a number key when
 * it is a canonical non-negative integer, quoted otherwise (`__proto__` always quoted).
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return stringLiteral(name);
  if (SIMPLE_KEY.test(name)) return name;
  return stringLiteral(name);
}

/**
 * A property key for an object literal that runs (a table, a method map): like `propertyKey`, except that
 * `__proto__` becomes the computed key `["__proto__"]`, because `__proto__: x` and `"__proto__": x` in an
 * object literal set the prototype instead of creating a property.
 */
export function objectKey(name: string): string {
  return name === '__proto__' ? `[${stringLiteral(name)}]` : propertyKey(name);
}

/** Names Object.prototype has: a lookup or a key of one of these in generated code needs care (own properties). */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * A quoted key of a runtime table keyed by the spec's strings (media types, statuses): always a string literal,
 * except `__proto__`, the computed `["__proto__"]` (which `"__proto__": x` would make the table's prototype).
 */
export function tableKey(name: string): string {
  return name === '__proto__' ? `[${stringLiteral(name)}]` : stringLiteral(name);
}

/**
 * Generated code with the contents of its string literals (as `stringLiteral` writes them: either quote, escapes
 * inside) emptied, so that names are looked for in the code alone. Only for code this generator wrote.
 */
export function withoutStringLiterals(code: string): string {
  return code.indexOf('"') === -1 && code.indexOf("'") === -1 ? code : code.replace(/"[^"\\\n]*(?:\\.[^"\\\n]*)*"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'/g, '""');
}
