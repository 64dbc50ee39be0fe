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
  'StandardSchemaV1', 'RawParams', 'MAX_ISSUES', 'T', 'V', 'Auth', 'Credential', 'RequestOptions', 'RetryOptions',
  'NetworkError', 'TimeoutError', 'ResponseValidationError', 'DEFAULT_BASE_URL', 'decodeForm', 'Problem',
  'HandlerOptions', 'AuthContext', 'createNodeListener', 'serve', 'NotImplemented', 'notImplemented', 'Reply',
  'handlers',
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
  return raw
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((w) => w.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})/u))
    .filter((w) => w !== '');
}

function capitalize(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** `user_id`, `userId`, `UserId` → `UserId`. Leading digits get a `_` prefix; nothing usable → `fallback`. */
export function pascalCase(parts: readonly string[], fallback = 'Unnamed'): string {
  const out = parts.flatMap(words).map(capitalize).join('');
  if (out === '') return fallback;
  return ID_START.test(out.charAt(0)) ? out : '_' + out;
}

/** `create_dm_member`, `CreateDmMember`, `POST /dm_members` → `createDmMember`, `postDmMembers`. */
export function camelCase(parts: readonly string[], fallback = 'operation'): string {
  const ws = parts.flatMap(words);
  if (ws.length === 0) return fallback;
  const [first, ...rest] = ws;
  const head = /^\p{Lu}+$/u.test(first!) ? first!.toLowerCase() : first!.charAt(0).toLowerCase() + first!.slice(1);
  const out = head + rest.map(capitalize).join('');
  return ID_START.test(out.charAt(0)) ? out : '_' + out;
}

/** Claims `base`, else `base2`, `base3`… in `taken`. */
export function claim(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
