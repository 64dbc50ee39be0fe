import { createRequire } from 'node:module';

/**
 * How names are made from words in the spec. Pure functions; the names pass decides the order in which
 * candidates claim names.
 */

/** Reserved words of JavaScript and TypeScript, and TypeScript's built-in type names. */
export const RESERVED_WORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as',
  'implements', 'interface', 'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'await',
  'async', 'any', 'unknown', 'never', 'string', 'number', 'boolean', 'symbol', 'object', 'bigint', 'undefined',
  'type', 'keyof', 'infer', 'is', 'asserts', 'readonly', 'unique', 'declare', 'namespace', 'module', 'abstract',
  'satisfies', 'accessor', 'arguments', 'eval', 'of', 'get', 'set', 'constructor', 'prototype', '__proto__',
]);

/** Globals of JavaScript, the DOM, Node and TypeScript's lib that generated code may need to name. */
export const GLOBAL_NAMES = new Set([
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Date', 'RegExp', 'Error',
  'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Promise', 'Proxy',
  'Reflect', 'JSON', 'Math', 'Intl', 'Atomics', 'Iterator', 'Generator', 'ArrayBuffer', 'SharedArrayBuffer',
  'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'Infinity', 'NaN', 'globalThis',
  'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'ReturnType',
  'Parameters', 'InstanceType', 'Awaited', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize', 'ThisType',
  'PropertyKey', 'PromiseLike', 'ArrayLike', 'Iterable', 'AsyncIterable', 'IterableIterator', 'AsyncIterator',
  'Blob', 'File', 'FileList', 'FormData', 'Headers', 'Request', 'Response', 'URL', 'URLSearchParams', 'fetch',
  'ReadableStream', 'WritableStream', 'TransformStream', 'AbortSignal', 'AbortController', 'Event', 'EventTarget',
  'CustomEvent', 'Element', 'HTMLElement', 'Node', 'Document', 'Window', 'Location', 'History', 'Navigator',
  'Storage', 'Image', 'Text', 'Comment', 'Range', 'Selection', 'Worker', 'Buffer', 'TextEncoder', 'TextDecoder',
  'Crypto', 'CryptoKey', 'Performance', 'Console', 'console', 'Notification', 'Attr', 'Screen', 'Touch',
  'Animation', 'Plugin', 'Credential', 'Permissions', 'WebSocket', 'MessageChannel', 'MessagePort',
  'BroadcastChannel', 'Cache', 'CacheStorage', 'Clipboard', 'DOMException', 'Audio', 'Option', 'Symbol',
  'process', 'require', 'window', 'document', 'self', 'name', 'length', 'status', 'event', 'top', 'parent',
  'Deno', 'Bun', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'structuredClone', 'atob', 'btoa',
]);

/** Names the generated runtime itself declares (a test keeps this list in step with the templates' exports). */
export const RUNTIME_NAMES = new Set([
  'ApiError', 'Client', 'ClientOptions', 'createClient', 'Handlers', 'createHandler', 'Validator', 'Issue', 'Result',
  'StandardSchemaV1', 'RawParams', 'ParamsParser', 'MAX_ISSUES', 'T', 'V', 'Auth', 'Credential', 'RequestOptions', 'RetryOptions',
  'NetworkError', 'TimeoutError', 'ResponseValidationError', 'DEFAULT_BASE_URL', 'decodeForm', 'Problem',
  'HandlerOptions', 'AuthContext', 'ChallengeInfo', 'CorsOptions', 'createNodeListener', 'serve', 'NotImplemented',
  'notImplemented', 'Reply', 'handlers', 'createCore', 'ResponseValidators', 'undeclared', 'Undeclared', 'ErrorBody', 'ErrorInfo',
  'mockResponses', 'mockBasePath', 'MockOverrides', 'createMockHandler', 'createMockFetch', 'createMswHandlers',
  'QUERY_SCOPE',
  'clientCredentials',
  // Not exported, but a module constant beside the operations' descriptors (`$schemes` beside `$<operation>`).
  'schemes',
]);

const ID_START = /[\p{ID_Start}$_]/u;
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

export function isIdentifier(s: string): boolean {
  return IDENTIFIER.test(s);
}

/** Names every object inherits (`toString`, `valueOf`, `hasOwnProperty`…): a method or resource must not shadow them. */
const OBJECT_PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

export function isReserved(s: string): boolean {
  return RESERVED_WORDS.has(s) || RESERVED_WORDS.has(s.toLowerCase()) || GLOBAL_NAMES.has(s) || RUNTIME_NAMES.has(s) || OBJECT_PROTOTYPE_NAMES.has(s);
}

/** Words of a raw string: split on anything not a letter or digit, and where a lower-case letter meets an upper-case one. */
export function words(raw: string): string[] {
  let ws = WORDS.get(raw);
  if (ws === undefined) {
    ws = ASCII.test(raw) ? asciiWords(raw) : unicodeWords(raw);
    if (WORDS.size > 100_000) WORDS.clear();
    WORDS.set(raw, ws);
  }
  return ws.slice();
}

/** Words of the strings seen (a spec repeats its words: statuses, 'Response', property names). */
const WORDS = new Map<string, string[]>();
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Compatibility forms first (NFKC: `²` → `2`, `①` → `1`, `ﬁ` → `fi`), then only what may continue an identifier is
 * kept in a word: a digit that is not one (`½` is `1⁄2` after NFKC, and `⁄` is no identifier character) splits.
 */
function unicodeWords(raw: string): string[] {
  return raw
    .normalize('NFKC')
    .split(/[^\p{L}\p{Nd}\p{Nl}\p{Mn}\p{Mc}]+/u)
    .flatMap((w) => w.split(/(?<=[\p{Ll}\p{Nd}\p{Nl}])(?=\p{Lu})/u))
    .map((w) => (IDENTIFIER_PART.test(w) ? w : w.replace(NOT_IDENTIFIER_CHAR, '')))
    .map(knownToTypeScript)
    .filter((w) => w !== '');
}

/**
 * A word without the letters TypeScript's scanner does not know yet: Node's Unicode tables can be newer (Unicode
 * 16 and 17 letters, `Ᲊ` U+1C89) than the compiler's, and a name is only a name if the user's tsc reads it so.
 * TypeScript (ts-morph's, a dependency) is asked only about words that are not ASCII, and loaded on the first.
 */
function knownToTypeScript(word: string): string {
  if (ASCII.test(word)) return word;
  const ts = typescript();
  let out = '';
  for (const ch of word) if (ts.isIdentifierPart(ch.codePointAt(0)!, ts.ScriptTarget.ESNext)) out += ch;
  return out;
}

type Scanner = { isIdentifierPart(ch: number, target: number): boolean; ScriptTarget: { ESNext: number } };
let ts: Scanner | undefined;
function typescript(): Scanner {
  ts ??= (createRequire(import.meta.url)('ts-morph') as { ts: Scanner }).ts;
  return ts;
}

const IDENTIFIER_PART = /^[\p{ID_Continue}]*$/u;
const NOT_IDENTIFIER_CHAR = /[^\p{ID_Continue}]/gu;

/** `words` for ASCII text, without regular expressions: the same rules, a character at a time. */
function asciiWords(raw: string): string[] {
  const out: string[] = [];
  let start = -1;
  let prev = 0; // 1: lower-case letter or digit, 2: upper-case letter
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : 0;
    const upper = c >= 65 && c <= 90;
    const lowerOrDigit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (!upper && !lowerOrDigit) {
      if (start !== -1) out.push(raw.slice(start, i));
      start = -1;
      prev = 0;
      continue;
    }
    if (start === -1) start = i;
    else if (upper && prev === 1) {
      out.push(raw.slice(start, i));
      start = i;
    }
    prev = upper ? 2 : 1;
  }
  return out;
}

function capitalize(w: string): string {
  const c = w.charCodeAt(0);
  if (c >= 97 && c <= 122) return String.fromCharCode(c - 32) + w.slice(1);
  if (c < 128) return w;
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** True when a name may start with this character as it is (a digit, for one, may not). */
function startsIdentifier(out: string): boolean {
  const c = out.charCodeAt(0);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95) return true;
  if (c < 128) return false;
  return ID_START.test(out.charAt(0));
}

/** `user_id`, `userId`, `UserId` → `UserId`. Leading digits get a `_` prefix; nothing usable → `fallback`. */
export function pascalCase(parts: readonly string[], fallback = 'Unnamed'): string {
  let out = '';
  for (const part of parts) for (const w of words(part)) out += capitalize(w);
  if (out === '') return fallback;
  return startsIdentifier(out) ? out : '_' + out;
}

/** `create_dm_member`, `CreateDmMember`, `POST /dm_members` → `createDmMember`, `postDmMembers`. */
export function camelCase(parts: readonly string[], fallback = 'operation'): string {
  let out = '';
  for (const part of parts) {
    for (const w of words(part)) {
      if (out !== '') out += capitalize(w);
      else out = ALL_UPPER.test(w) ? w.toLowerCase() : w.charAt(0).toLowerCase() + w.slice(1);
    }
  }
  if (out === '') return fallback;
  return startsIdentifier(out) ? out : '_' + out;
}

const ALL_UPPER = /^\p{Lu}+$/u;

/**
 * Claims `base`, else `base2`, `base3`… in `taken` (names are only ever added to it). The suffix to try next
 * is remembered per base, so that thousands of names on one base cost one lookup each, not one per name
 * claimed before them.
 */
export function claim(base: string, taken: Set<string>): string {
  if (!taken.has(base)) {
    taken.add(base);
    return base;
  }
  let next = NEXT_SUFFIX.get(taken);
  if (!next) NEXT_SUFFIX.set(taken, (next = new Map()));
  let i = next.get(base) ?? 2;
  while (taken.has(`${base}${i}`)) i++;
  const name = `${base}${i}`;
  next.set(base, i + 1);
  taken.add(name);
  return name;
}
const NEXT_SUFFIX = new WeakMap<Set<string>, Map<string, number>>();
