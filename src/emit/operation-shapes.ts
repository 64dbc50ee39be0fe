import type { MediaTypeEntry, Parameter, ParameterLocation, SchemaNode } from '../ir/types.js';

/**
 * Synthetic IR nodes for the parts of an operation that are not one schema in the spec, shared by every
 * target so that they agree: the parameters of one location as an object, and the body of several media types.
 */

export const LOCATIONS: ReadonlyArray<{ in: ParameterLocation; key: 'path' | 'query' | 'headers' | 'cookies' }> = [
  { in: 'path', key: 'path' },
  { in: 'query', key: 'query' },
  { in: 'header', key: 'headers' },
  { in: 'cookie', key: 'cookies' },
];

/** The parameters of one location as an object node (names as on the wire, required as declared). */
export function paramsObject(params: Parameter[], pointer: string): SchemaNode {
  return {
    kind: 'object',
    pointer,
    properties: params.map((p) => ({
      name: p.name,
      required: p.required,
      schema: { ...asMember(p.schema), ...(p.description !== undefined ? { description: p.description } : {}), ...(p.deprecated ? { deprecated: true } : {}) },
    })),
    additionalProperties: false,
  };
}

/**
 * A schema as a member of one of these synthetic objects. `readOnly` and `writeOnly` say which direction a
 * *property* of a schema travels in, so a printer or validator leaves such a property out of the other
 * direction. A parameter's or a response body's own schema may carry them (a fully dereferenced spec inlines a
 * readOnly `id` schema as a path parameter's), but the parameter is still sent and the body still received:
 * here they are dropped, and they still apply to the properties inside.
 */
export function asMember(schema: SchemaNode): SchemaNode {
  if (!schema.readOnly && !schema.writeOnly) return schema;
  const { readOnly: _r, writeOnly: _w, ...rest } = schema;
  return rest as SchemaNode;
}

const JSON_MEDIA = /^application\/(.+\+)?json(;.*)?$/i;

export function isJsonMedia(mediaType: string): boolean {
  return JSON_MEDIA.test(mediaType) || mediaType === '*/*';
}

/** The body type of a content map: the JSON media types' schemas if any, else all of them (a union when several). */
export function bodySchema(content: MediaTypeEntry[], pointer: string): SchemaNode {
  const json = content.filter((c) => JSON_MEDIA.test(c.mediaType));
  const chosen = json.length > 0 ? json : content;
  if (chosen.length === 1) return chosen[0]!.schema;
  return { kind: 'union', mode: 'anyOf', members: chosen.map((c) => c.schema), pointer };
}

/** How a media type is sent or read. */
export function mediaKind(mediaType: string): 'json' | 'text' | 'binary' | 'form' | 'multipart' | 'sse' {
  const m = mediaType.toLowerCase();
  if (isJsonMedia(m)) return 'json';
  if (m.startsWith('text/event-stream')) return 'sse';
  if (m.startsWith('application/x-www-form-urlencoded')) return 'form';
  if (m.startsWith('multipart/')) return 'multipart';
  if (m.startsWith('text/') || m.endsWith('+xml') || m === 'application/xml') return 'text';
  return 'binary';
}

