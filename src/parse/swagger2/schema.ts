import { escapeToken } from '../../diagnostics/pointer.js';
import { isObject, SCHEMA_ARRAYS, SCHEMA_MAPS, SCHEMA_VALUED } from '../schema-positions.js';
import { upgradeSchema } from '../upgrade.js';
import type { Json } from './context.js';
import type { PointerMap } from './pointers.js';

/** Where 2.0 keeps what 3.x keeps under `components`. */
const REF_PREFIXES: Array<[string, string]> = [
  ['#/definitions/', '#/components/schemas/'],
  ['#/parameters/', '#/components/parameters/'],
  ['#/responses/', '#/components/responses/'],
];

/** What may stand beside a `$ref` in a 2.0 schema and is kept. */
const REF_SIBLINGS = new Set(['$ref', 'description', 'title', 'readOnly', 'example', 'default']);

/** A local `$ref` of the 2.0 document, pointed at the same thing in the upgraded one. */
export function rewriteRef(ref: string): string {
  for (const [from, to] of REF_PREFIXES) if (ref.startsWith(from)) return to + ref.slice(from.length);
  return ref;
}

/**
 * Upgrades every schema of the new document in place, each once (a schema object the new document holds in two
 * places, a body's schema under each of its media types, is one object): the 2.0 spellings, then the 3.0 → 3.1
 * upgrade (`upgradeSchema`: nullable, boolean exclusive bounds, `example`). Schema positions are the 3.1
 * document's (the new document is in that shape by now). A schema that the upgrade wraps (`nullable` without a
 * `type`: `anyOf: [schema, { type: 'null' }]`) is recorded in `inner`, so that a pointer below the wrapper maps
 * back to the schema as written.
 */
export function upgradeSchemas(doc: Json, inner: PointerMap): void {
  const done = new WeakMap<object, boolean>();
  // The walk's frames: a value, whether it is a schema, and its place (the parent frame and the key), from which
  // a pointer is made only for a wrapped schema.
  const stack: Frame[] = [{ value: doc, isSchema: false, parent: undefined, token: '' }];
  const push = (value: unknown, isSchema: boolean, parent: Frame, token: string | number) => {
    if (value !== null && typeof value === 'object') stack.push({ value, isSchema, parent, token });
  };
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const obj = frame.value as Json;
    if (!frame.isSchema || Array.isArray(obj)) {
      for (const k of Object.keys(obj)) {
        if (k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
        if (obj === doc.components && k === 'schemas' && isObject(obj.schemas)) {
          const map = { value: obj.schemas, isSchema: false, parent: frame, token: k };
          for (const name of Object.keys(obj.schemas)) push(obj.schemas[name], true, map, name);
          continue;
        }
        push(obj[k], k === 'schema', frame, k);
      }
      continue;
    }
    let wrapped = done.get(obj);
    if (wrapped === undefined) {
      wrapped = upgradeOne(obj);
      done.set(obj, wrapped);
    }
    if (wrapped) {
      const at = pointerOf(frame);
      inner.moved(`${at}/anyOf/0`, at);
    }
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (SCHEMA_VALUED.has(k)) push(v, true, frame, k);
      else if (SCHEMA_ARRAYS.has(k) && Array.isArray(v)) {
        const list = { value: v, isSchema: false, parent: frame, token: k };
        v.forEach((x, i) => push(x, true, list, i));
      } else if (SCHEMA_MAPS.has(k) && isObject(v)) {
        const map = { value: v, isSchema: false, parent: frame, token: k };
        for (const name of Object.keys(v)) push(v[name], true, map, name);
      }
    }
  }
}

interface Frame {
  value: object;
  isSchema: boolean;
  parent: Frame | undefined;
  token: string | number;
}

function pointerOf(frame: Frame): string {
  const tokens: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.parent; f = f.parent) tokens.push(f.token);
  return tokens.reverse().map((t) => '/' + escapeToken(t)).join('');
}

/** One schema's own keywords, 2.0 → 3.1; true when the schema was wrapped (see `upgradeSchemas`). */
function upgradeOne(s: Json): boolean {
  if (typeof s.$ref === 'string') {
    s.$ref = rewriteRef(s.$ref);
    // 2.0 ignores what stands beside a `$ref`; 3.1 applies it. Annotations are kept (docs on a property whose
    // schema is a ref: Kubernetes' `metadata`), and AutoRest's `x-nullable`; the other keywords are dropped.
    for (const k of Object.keys(s)) if (!REF_SIBLINGS.has(k) && !k.startsWith('x-')) delete s[k];
  }
  if ('x-nullable' in s) {
    // AutoRest's spelling of 3.0's `nullable` (also beside a `$ref`, where it means "this ref, or null").
    if (typeof s['x-nullable'] === 'boolean' && !('nullable' in s)) s.nullable = s['x-nullable'];
    delete s['x-nullable'];
  }
  if (typeof s.discriminator === 'string') s.discriminator = { propertyName: s.discriminator };
  if (s.type === 'file') {
    s.type = 'string';
    s.format = 'binary';
  }
  if (Array.isArray(s.items)) {
    // draft-04 tuple form: `items` as an array, `additionalItems` for the rest.
    s.prefixItems = s.items;
    delete s.items;
    if ('additionalItems' in s) {
      s.items = s.additionalItems;
      delete s.additionalItems;
    }
  }
  msEnum(s);
  const wraps = s.nullable === true && typeof s.type !== 'string' && !Array.isArray(s.type) && !Array.isArray(s.enum);
  upgradeSchema(s);
  return wraps;
}

/**
 * AutoRest's `x-ms-enum`: its values' `name`s become the members' names (`x-enum-varnames`) and their
 * `description`s the members' docs (`x-enum-descriptions`), when its values are the enum's, in order.
 * `modelAsString` is not followed: the enum stays closed.
 */
function msEnum(s: Json): void {
  const ms = s['x-ms-enum'];
  if (!isObject(ms) || !Array.isArray(ms.values) || !Array.isArray(s.enum)) return;
  const values = ms.values;
  const enumValues = s.enum;
  if (values.length !== enumValues.length || !values.every((v, i) => isObject(v) && v.value === enumValues[i])) return;
  const items = values as Json[];
  if (!('x-enum-varnames' in s) && items.every((v) => typeof v.name === 'string' && v.name !== '')) s['x-enum-varnames'] = items.map((v) => v.name);
  if (!('x-enum-descriptions' in s) && items.some((v) => typeof v.description === 'string')) {
    s['x-enum-descriptions'] = items.map((v) => (typeof v.description === 'string' ? v.description : ''));
  }
}
