/**
 * Worker thread: validates documents against the Swagger 2.0 and OpenAPI 3.0/3.1 JSON Schemas, the way swagger-parser's own
 * schema validator does (its schemas, its Ajv set-up), on the raw (not dereferenced) document, so that it runs
 * beside IR building. The worker lives for the process (see validate.ts). Each schema's validator is loaded
 * once: precompiled by the build (Ajv standalone code, dist/parse/openapi-*-validate.cjs) or, where that file
 * is missing, compiled here on first use.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { escapeToken, join, split } from '../diagnostics/pointer.js';
import { openapiSchema, precompiledName, schemaVersionOf, type AjvError, type AjvLike, type SchemaVersion, type Validate } from './openapi-schemas.js';

const require = createRequire(import.meta.url);
const loaded = new Map<SchemaVersion, Validate>();

function validatorFor(version: SchemaVersion): Validate {
  let v = loaded.get(version);
  if (!v) {
    try {
      v = require(`./${precompiledName(version)}`) as Validate;
    } catch {
      const { schema, ajv } = openapiSchema(version);
      v = ajv.compile(schema);
    }
    loaded.set(version, v);
  }
  return v;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Documents kept for a later edit (`--watch`), by key (the spec's path): the raw document as last validated and
 * the id of that request. An edit then comes as the path and new text of the one value that changed.
 */
const kept = new Map<string, Kept>();

interface Kept {
  version: number;
  doc: unknown;
  /** The errors of its last validation (raw). */
  errors: AjvError[];
}

interface Request {
  id: number;
  /** The whole document: its text, or its UTF-8 bytes (decoded here, off the main thread; a BOM is dropped). */
  text?: string;
  bytes?: Uint8Array;
  /** Keep the document under this key. */
  keep?: string;
  /** Or an edit of a kept document: request `base` was its last version. */
  splice?: { key: string; base: number; path: Array<string | number>; text: string };
  /** Or: compile ahead the validators of the parts most edits fall in (an operation, a path item, a schema). */
  prepare?: string;
}

/** Paths of typical edits, whose parts' validators `prepare` compiles. */
const TYPICAL_EDITS: Array<Array<string | number>> = [
  ['paths', '/a', 'get'],
  ['paths', '/a'],
  ['components', 'schemas', 'A'],
];

parentPort!.on('message', ({ id, text, bytes, keep, splice, prepare }: Request) => {
  let errors: AjvError[] = [];
  if (prepare !== undefined) {
    const entry = kept.get(prepare);
    const version = schemaVersionOf(entry?.doc);
    for (const path of TYPICAL_EDITS) partValidator(version, path);
    parentPort!.postMessage({ id, errors });
    return;
  }
  try {
    let doc: unknown;
    let entry: Kept | undefined;
    let checked = false;
    if (splice) {
      entry = kept.get(splice.key);
      const value = JSON.parse(splice.text) as unknown;
      if (!entry || entry.version !== splice.base || !replaceIn(entry, splice.path, value)) {
        kept.delete(splice.key);
        parentPort!.postMessage({ id, stale: true });
        return;
      }
      entry.version = id;
      doc = entry.doc;
      checked = validPart(entry, splice.path, value);
    } else {
      doc = JSON.parse(text ?? utf8.decode(bytes));
      if (keep !== undefined) kept.set(keep, (entry = { version: id, doc, errors: [] }));
    }
    if (!checked) {
      const validate = validatorFor(schemaVersionOf(doc));
      if (!validate(doc)) errors = plain(validate.errors ?? []);
    }
    if (entry) entry.errors = errors;
  } catch (e) {
    errors = [{ instancePath: '', keyword: 'internal', message: (e as Error).message }];
  }
  parentPort!.postMessage({ id, errors });
});

function plain(errors: AjvError[]): AjvError[] {
  return errors.map((d) => ({ instancePath: d.instancePath, keyword: d.keyword, message: d.message ?? '', params: d.params ?? {} }));
}

/**
 * After an edit of one value of a kept document: true when the document is known valid without validating all
 * of it, because it was valid but (maybe) for that value, and the value is valid against the one part of the
 * OpenAPI schema that applies to it, and no part of the schema above it looks at more than the names of its
 * members (see `subschemaFor`). False means: validate all of it (which also gives the errors in the order a
 * whole validation finds them).
 */
function validPart(entry: Kept, path: Array<string | number>, value: unknown): boolean {
  const at = join('', ...path);
  if (!entry.errors.every((e) => e.instancePath === at || e.instancePath.startsWith(at + '/'))) return false;
  const version = schemaVersionOf(entry.doc);
  const check = partValidator(version, path);
  return check !== undefined && check(value) === true;
}

/** Validators of parts of the OpenAPI schemas, by version and schema pointer, compiled on first use. */
const parts = new Map<string, Validate | null>();
const roots = new Map<SchemaVersion, { schema: Record<string, unknown>; id: string; ajv: AjvLike & { addSchema(s: unknown): unknown } }>();

function partValidator(version: SchemaVersion, path: Array<string | number>): Validate | undefined {
  let root = roots.get(version);
  if (!root) {
    const { schema, ajv } = openapiSchema(version);
    const s = schema as Record<string, unknown>;
    const id = String(s.$id ?? s.id);
    (ajv as unknown as { addSchema(x: unknown): unknown }).addSchema(s);
    root = { schema: s, id, ajv: ajv as AjvLike & { addSchema(s: unknown): unknown } };
    roots.set(version, root);
  }
  const pointer = subschemaFor(root.schema, path);
  if (pointer === undefined) return undefined;
  const key = `${version} ${pointer}`;
  let v = parts.get(key);
  if (v === undefined) {
    try {
      // A URI fragment: each pointer token percent-encoded (a pattern's `^`, `\\`, `[`…).
      const fragment = pointer.split('/').map((t) => encodeURIComponent(t)).join('/');
      v = root.ajv.compile({ $ref: `${root.id}#${fragment}` });
    } catch {
      v = null;
    }
    parts.set(key, v);
  }
  return v === null ? undefined : v;
}

/** Keywords of a schema that, on an object or array, look only at the names (or count) of its members. */
const LOCAL = new Set([
  'type', 'properties', 'patternProperties', 'additionalProperties', 'required', 'minProperties', 'maxProperties',
  'propertyNames', 'items', 'minItems', 'maxItems', 'description', 'title', '$comment', '$id', 'id', '$schema',
  'definitions', '$defs', '$anchor', '$dynamicAnchor', 'format', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
]);

/**
 * The pointer (in `root`) of the one subschema that applies to the value at `path` of a document, or undefined
 * when there is not exactly one, or when a schema on the way looks at more than the names of its members (a
 * `oneOf`, an `enum`, `uniqueItems`…: then the value's validity is not the whole story).
 */
function subschemaFor(root: Record<string, unknown>, path: Array<string | number>): string | undefined {
  let s: unknown = root;
  let ptr = '';
  for (const step of path) {
    ({ s, ptr } = followRefs(root, s, ptr));
    if (!isPlainObject(s) || Object.keys(s).some((k) => !LOCAL.has(k))) return undefined;
    const found: Array<[unknown, string]> = [];
    if (typeof step === 'number') {
      if (isPlainObject(s.items)) found.push([s.items, `${ptr}/items`]);
    } else {
      if (isPlainObject(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, step)) found.push([s.properties[step], `${ptr}/properties/${escapeToken(step)}`]);
      if (isPlainObject(s.patternProperties)) {
        for (const [pattern, sub] of Object.entries(s.patternProperties)) if (new RegExp(pattern, 'u').test(step)) found.push([sub, `${ptr}/patternProperties/${escapeToken(pattern)}`]);
      }
      if (found.length === 0 && isPlainObject(s.additionalProperties)) found.push([s.additionalProperties, `${ptr}/additionalProperties`]);
    }
    if (found.length !== 1) return undefined;
    [s, ptr] = found[0]!;
  }
  return ptr;
}

/** A schema that is only a local `$ref` stands for its target. */
function followRefs(root: Record<string, unknown>, s: unknown, ptr: string): { s: unknown; ptr: string } {
  for (let i = 0; i < 32 && isPlainObject(s) && typeof s.$ref === 'string' && s.$ref.startsWith('#') && Object.keys(s).length === 1; i++) {
    ptr = s.$ref.slice(1);
    s = split(ptr).reduce<unknown>((v, t) => (isPlainObject(v) ? v[t] : undefined), root);
  }
  return { s, ptr };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Puts `value` at `path` of the kept document (in place: the worker owns it); false when the path is absent. */
function replaceIn(k: { doc: unknown }, path: Array<string | number>, value: unknown): boolean {
  if (path.length === 0) {
    k.doc = value;
    return true;
  }
  let cur = k.doc;
  for (let i = 0; i < path.length - 1; i++) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, path[i]!)) return false;
    cur = (cur as Record<string, unknown>)[path[i] as string];
  }
  const last = path[path.length - 1]!;
  if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, last)) return false;
  // defineProperty, not assignment: a key "__proto__" stays a key.
  Object.defineProperty(cur, last, { value, writable: true, enumerable: true, configurable: true });
  return true;
}
