import { escapeToken } from '../../diagnostics/pointer.js';
import { isObject } from '../schema-positions.js';
import { put, type Json, type Swagger2Context } from './context.js';
import { convertHeader } from './parameters.js';
import { firstToken } from './pointers.js';
import { rewriteRef } from './schema.js';

/**
 * A 2.0 response → 3.x: its `schema` under each media type the operation `produces` (`application/json` when
 * nothing says; `application/octet-stream` for a `type: file` schema), its `examples` (by media type) as the
 * example of the media type they name (a media type of the response too, with or without a schema), its headers
 * as 3.x headers. `from`: its pointer in the 2.0 document,
 * `to`: in the new one.
 */
export function convertResponse(cx: Swagger2Context, r: Json, produces: readonly string[], from: string, to: string): Json {
  const out: Json = {};
  for (const k of Object.keys(r)) if (k !== 'schema' && k !== 'examples' && k !== 'headers') put(out, k, r[k]);
  if (typeof out.description !== 'string') out.description = '';
  if (isObject(r.headers)) {
    const headers: Json = {};
    for (const name of Object.keys(r.headers)) {
      const h = r.headers[name];
      const hFrom = `${from}/headers/${escapeToken(name)}`;
      put(headers, name, isObject(h) ? convertHeader(cx, h, hFrom) : h);
    }
    out.headers = headers;
  }
  // The media types: what the operation produces (when there is a schema), and those the examples are given in
  // (a response with examples but no schema returns content all the same: of a type the spec does not say).
  const examples = isObject(r.examples) ? r.examples : {};
  const file = isObject(r.schema) && r.schema.type === 'file';
  const media = r.schema === undefined ? [] : produces.length > 0 ? [...produces] : [file ? 'application/octet-stream' : 'application/json'];
  for (const mediaType of Object.keys(examples)) if (!media.includes(mediaType)) media.push(mediaType);
  if (media.length > 0) {
    const content: Json = {};
    for (const mediaType of media) {
      const entry: Json = r.schema === undefined ? {} : { schema: r.schema };
      if (Object.prototype.hasOwnProperty.call(examples, mediaType)) entry.example = examples[mediaType];
      put(content, mediaType, entry);
    }
    out.content = content;
  }
  cx.moved(to, responseOrigin(from));
  return out;
}

/**
 * Where a pointer below a converted response was in the 2.0 one: `/content/<media>/schema/…` → `/schema/…`,
 * `/content/<media>/example` → `/examples/<media>`, `/headers/<name>/schema/…` → `/headers/<name>/…` (a 2.0
 * header is its own schema), the rest as it is.
 */
function responseOrigin(from: string): (rest: string) => string {
  return (rest) => {
    const [first, afterFirst] = firstToken(rest);
    const [second, afterSecond] = firstToken(afterFirst);
    if (first === 'content' && second !== '') {
      const [third, afterThird] = firstToken(afterSecond);
      if (third === 'example') return `${from}/examples/${second}`;
      return third === 'schema' ? `${from}/schema${afterThird}` : `${from}/schema`;
    }
    if (first === 'headers' && second !== '') {
      const [third, afterThird] = firstToken(afterSecond);
      return `${from}/headers/${second}${third === 'schema' ? afterThird : afterSecond}`;
    }
    return from + rest;
  };
}

/**
 * An operation's `responses`. A `$ref` to a shared response stays a ref (to `components/responses`) when the
 * operation produces what the document does, since the shared one was converted with the document's media
 * types; otherwise the response is converted in place with the operation's.
 */
export function convertResponses(cx: Swagger2Context, raw: unknown, produces: readonly string[], at: string): unknown {
  if (!isObject(raw)) return raw;
  const sameMedia = produces.length === cx.produces.length && produces.every((m, i) => m === cx.produces[i]);
  const out: Json = {};
  for (const status of Object.keys(raw)) {
    const r = raw[status];
    const to = `${at}/${escapeToken(status)}`;
    if (status.startsWith('x-') || !isObject(r)) {
      put(out, status, r);
      continue;
    }
    if (typeof r.$ref === 'string' && r.$ref.startsWith('#/responses/') && sameMedia && cx.resolve(r, to)) {
      put(out, status, { $ref: rewriteRef(r.$ref) });
      continue;
    }
    const found = cx.resolve(r, to);
    put(out, status, found ? convertResponse(cx, found.value, produces, found.pointer, to) : r);
  }
  return out;
}
