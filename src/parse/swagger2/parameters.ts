import { isObject } from '../schema-positions.js';
import { put, type Json, type Swagger2Context } from './context.js';
import { firstToken } from './pointers.js';

/** The keywords of a 2.0 non-body parameter, header or `items` object that are JSON Schema keywords. */
const SIMPLE_SCHEMA_KEYS = [
  'type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf', 'x-nullable', 'x-ms-enum',
];

/** Keys of a parameter that the conversion consumes (they are not copied as they are). */
const CONSUMED = new Set([...SIMPLE_SCHEMA_KEYS, 'collectionFormat', 'x-example', 'x-ms-skip-url-encoding', 'allowEmptyValue']);

export type Location = 'query' | 'path' | 'header' | 'formData';

/**
 * `collectionFormat` → OpenAPI 3 `style` and `explode`, by location; undefined where 3.x has no equivalent:
 * `tsv` anywhere, and `ssv`, `pipes` and `multi` outside the query string and forms (3.x delimits path and
 * header arrays with commas only).
 */
export function styleOf(loc: Location, format: string): { style: string; explode: boolean } | undefined {
  const inQuery = loc === 'query' || loc === 'formData';
  switch (format) {
    case 'csv':
      return inQuery ? { style: 'form', explode: false } : { style: 'simple', explode: false };
    case 'ssv':
      return inQuery ? { style: 'spaceDelimited', explode: false } : undefined;
    case 'pipes':
      return inQuery ? { style: 'pipeDelimited', explode: false } : undefined;
    case 'multi':
      return inQuery ? { style: 'form', explode: true } : undefined;
    default:
      return undefined;
  }
}

/** The `collectionFormat` of an array parameter or header (`csv` when absent, as 2.0 says). */
export function collectionFormatOf(p: Json): string {
  return typeof p.collectionFormat === 'string' ? p.collectionFormat : 'csv';
}

/**
 * The schema of a 2.0 non-body parameter, header or items object (its JSON Schema keywords; `items` converted
 * likewise). A nested array's own `collectionFormat` has no 3.x equivalent: dropped, with a warning.
 */
export function simpleSchema(cx: Swagger2Context, p: Json, from: string, nested = false): Json {
  const s: Json = {};
  for (const k of SIMPLE_SCHEMA_KEYS) {
    if (!(k in p)) continue;
    put(s, k, k === 'items' && isObject(p.items) ? simpleSchema(cx, p.items, `${from}/items`, true) : p[k]);
  }
  if (nested && p.collectionFormat !== undefined) {
    cx.warn(`the collectionFormat of nested items has no OpenAPI 3 equivalent: dropped (the inner arrays are sent as the outer format says)`, `${from}/collectionFormat`);
  }
  return s;
}

/**
 * A 2.0 array whose `collectionFormat` 3.x cannot say (tsv; ssv, pipes or multi in a path or header): typed as
 * a string, which the caller joins as the API expects, so that nothing goes on the wire in a format the server
 * does not read. The format is kept as `x-collectionFormat`.
 */
function lossy(cx: Swagger2Context, loc: Location, format: string, from: string): Json {
  const where = format === 'tsv' ? '' : ` in a ${loc === 'header' ? 'header' : 'path parameter'} (only csv has one there)`;
  cx.warn(`collectionFormat '${format}' has no OpenAPI 3 equivalent${where}: the value is typed as a string, which the caller joins`, `${from}/collectionFormat`);
  return { type: 'string' };
}

/** A 2.0 query, path or header parameter → its 3.x form (`schema`, `style`/`explode`). */
export function convertParameter(cx: Swagger2Context, p: Json, from: string): Json {
  const out: Json = {};
  for (const k of Object.keys(p)) if (!CONSUMED.has(k)) put(out, k, p[k]);
  const loc = p.in as Location;
  let schema = simpleSchema(cx, p, from);
  if (schema.type === 'array') {
    const format = collectionFormatOf(p);
    const style = styleOf(loc, format);
    if (style) {
      out.style = style.style;
      out.explode = style.explode;
    } else {
      schema = lossy(cx, loc, format, from);
      out['x-collectionFormat'] = format;
    }
  }
  if (p.allowEmptyValue === true && loc === 'query') out.allowEmptyValue = true;
  if ('x-example' in p) out.example = p['x-example'];
  // AutoRest: the value is put in the URL as it is (a next link's path, say).
  if (p['x-ms-skip-url-encoding'] === true) out.allowReserved = true;
  out.schema = schema;
  return out;
}

/** A 2.0 response header → its 3.x form. */
export function convertHeader(cx: Swagger2Context, h: Json, from: string): Json {
  const out: Json = {};
  for (const k of Object.keys(h)) if (!CONSUMED.has(k)) put(out, k, h[k]);
  let schema = simpleSchema(cx, h, from);
  if (schema.type === 'array' && !styleOf('header', collectionFormatOf(h))) schema = lossy(cx, 'header', collectionFormatOf(h), from);
  out.schema = schema;
  return out;
}

/** The `encoding` entry of a form property (a `formData` array): its style and explode, when 3.x has them. */
export function formEncoding(cx: Swagger2Context, p: Json, from: string): { style: string; explode: boolean } | 'lossy' | undefined {
  if (p.type !== 'array') return undefined;
  const format = collectionFormatOf(p);
  const style = styleOf('formData', format);
  if (style) return style;
  lossy(cx, 'formData', format, from);
  return 'lossy';
}

/** Where a pointer below a converted parameter was: its `/schema/…` is the 2.0 parameter's own keywords. */
export function parameterOrigin(from: string): (rest: string) => string {
  return (rest) => {
    const [first, afterFirst] = firstToken(rest);
    return first === 'schema' ? from + afterFirst : from + rest;
  };
}
