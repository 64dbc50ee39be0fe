import { escapeToken } from '../../diagnostics/pointer.js';
import { put, type Json, type Swagger2Context } from './context.js';
import { formEncoding, simpleSchema } from './parameters.js';
import { firstToken } from './pointers.js';

/** A parameter of an operation, `$ref` followed: its value, where it is defined, and where it is listed. */
export interface ResolvedParameter {
  value: Json;
  /** Where its value is (a shared parameter: `/parameters/x`). */
  pointer: string;
  /** Where the operation (or path item) lists it. */
  listed: string;
}

/**
 * The `in: body` parameter → `requestBody`: its schema under each media type the operation `consumes`
 * (`application/json` when nothing says), its description and `required`.
 */
export function bodyFromParameter(cx: Swagger2Context, p: ResolvedParameter, consumes: readonly string[], to: string): Json {
  const out: Json = {};
  for (const k of Object.keys(p.value)) if (k.startsWith('x-')) put(out, k, p.value[k]);
  if (typeof p.value.description === 'string') out.description = p.value.description;
  if (p.value.required === true) out.required = true;
  const content: Json = {};
  for (const mediaType of consumes.length > 0 ? consumes : ['application/json']) {
    put(content, mediaType, { schema: p.value.schema ?? {} });
  }
  out.content = content;
  // `/content/<media>/schema/…` → the parameter's `/schema/…`; the rest → the parameter.
  cx.moved(to, (rest) => {
    const [first, afterFirst] = firstToken(rest);
    const [, afterMedia] = firstToken(afterFirst);
    const [third, afterThird] = firstToken(afterMedia);
    return first === 'content' && third === 'schema' ? `${p.pointer}/schema${afterThird}` : p.pointer;
  });
  return out;
}

/**
 * The `in: formData` parameters → a `requestBody` of one object schema, a property per parameter (its
 * description on the property), required when the parameter is. `multipart/form-data` when the operation
 * consumes it or a parameter is a file (`type: file` → a binary string), else
 * `application/x-www-form-urlencoded`. An array's `collectionFormat` becomes the property's `encoding`.
 */
export function bodyFromForm(cx: Swagger2Context, params: readonly ResolvedParameter[], consumes: readonly string[], to: string, listed: string): Json {
  const multipart = consumes.includes('multipart/form-data') || params.some((p) => p.value.type === 'file');
  const mediaType = multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  const schemaAt = `${to}/content/${escapeToken(mediaType)}/schema`;
  const properties: Json = {};
  const required: string[] = [];
  const encoding: Json = {};
  for (const p of params) {
    const name = String(p.value.name);
    const schema = simpleSchema(cx, p.value, p.pointer);
    if (typeof p.value.description === 'string') schema.description = p.value.description;
    const enc = formEncoding(cx, p.value, p.pointer);
    if (enc === 'lossy') {
      put(properties, name, { type: 'string', ...(typeof p.value.description === 'string' ? { description: p.value.description } : {}) });
    } else {
      put(properties, name, schema);
      if (enc) put(encoding, name, enc);
    }
    if (p.value.required === true) required.push(name);
    cx.moved(`${schemaAt}/properties/${escapeToken(name)}`, p.pointer);
  }
  const schema: Json = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  const media: Json = { schema };
  if (Object.keys(encoding).length > 0) media.encoding = encoding;
  const out: Json = { content: {} };
  put(out.content as Json, mediaType, media);
  if (required.length > 0) out.required = true;
  cx.moved(to, listed);
  return out;
}
