import { escapeToken } from '../../diagnostics/pointer.js';
import { isJsonData } from './keywords.js';
import type { HttpMethod, JsonValue, MediaTypeEntry, Operation, Pagination, Parameter, PropertyEncoding, RequestBody, Response, SchemaNode } from '../types.js';
import { isObject, type BuildContext } from './context.js';
import { buildHeader, buildParameter } from './parameter.js';
import { buildSchema } from './schema.js';
import { buildSecurity } from './security.js';

export const METHODS: HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const EMPTY_TYPE_NAMES = { pathParams: '', query: '', headers: '', cookies: '', body: '', responses: '', response: '' };

/** Every operation under `paths`, with path-level parameters merged in and checks on ids and path parameters. */
export function buildOperations(ctx: BuildContext, knownSchemes: ReadonlySet<string>): Operation[] {
  const paths = ctx.doc.paths;
  if (paths === undefined) return [];
  if (!isObject(paths)) {
    ctx.report('SF3002', "'paths' must be an object", '/paths');
    return [];
  }
  const schemes = [...knownSchemes].sort().join('\u0000');
  const ops: Operation[] = [];
  const seenIds = new Map<string, string>();
  const seenRoutes = new Map<string, Operation>();
  for (const path of Object.keys(paths)) {
    const itemPointer = `/paths/${escapeToken(path)}`;
    // A path item is a unit of the build cache: rebuilt only when it, or what it refers to, changed.
    const built = ctx.unit(`path ${itemPointer} ${schemes}`, paths[path], () => buildPathItem(ctx, path, paths[path], itemPointer, knownSchemes));
    for (const { op, explicitId } of built) {
      const previous = seenIds.get(op.operationId);
      if (previous !== undefined && explicitId) {
        ctx.report('SF3003', `operationId '${op.operationId}' is already used at #${previous}`, op.pointer + '/operationId');
      } else {
        seenIds.set(op.operationId, op.pointer);
      }
      // `/a/{x}` and `/a/{y}` are one route (OpenAPI: "identical"): a server can't tell which is asked for.
      const route = `${op.method} ${routeShape(path)}`;
      const twin = seenRoutes.get(route);
      if (twin !== undefined) {
        ctx.report('SF3012', `${op.method.toUpperCase()} ${path} has the route of ${twin.method.toUpperCase()} ${twin.path} (#${twin.pointer}): no request tells them apart, and the generated server answers it with the first`, op.pointer);
      } else seenRoutes.set(route, op);
      ops.push(op);
    }
  }
  return ops;
}

/** An object schema that allows no property at all (`properties: {}`, `additionalProperties: false`). */
function holdsNothing(schema: SchemaNode): boolean {
  return schema.kind === 'object' && schema.properties.length === 0 && schema.additionalProperties === false && (schema.patternProperties ?? []).length === 0;
}

/** A path template as a router sees it: parameters without their names, no trailing slash. */
function routeShape(path: string): string {
  const shape = path.replace(/\{[^{}]+\}/g, '{}');
  return shape.length > 1 && shape.endsWith('/') ? shape.slice(0, -1) : shape;
}

/** The operations of one path item, each with whether its operationId was written in the spec. */
function buildPathItem(
  ctx: BuildContext,
  path: string,
  raw: unknown,
  itemPointer: string,
  knownSchemes: ReadonlySet<string>,
): Array<{ op: Operation; explicitId: boolean }> {
  const item = ctx.deref(raw, itemPointer);
  if (!item) return [];
  const shared = buildParameterList(ctx, item.value.parameters, item.pointer + '/parameters');
  const out: Array<{ op: Operation; explicitId: boolean }> = [];
  for (const method of METHODS) {
    const rawOp = item.value[method];
    if (rawOp === undefined) continue;
    const opPointer = `${item.pointer}/${method}`;
    if (!isObject(rawOp)) {
      ctx.report('SF3002', 'an operation must be an object', opPointer);
      continue;
    }
    out.push({ op: buildOperation(ctx, path, method, rawOp, opPointer, shared, knownSchemes), explicitId: typeof rawOp.operationId === 'string' });
  }
  return out;
}

function buildParameterList(ctx: BuildContext, raw: unknown, at: string): Parameter[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.report('SF3002', "'parameters' must be an array", at);
    return [];
  }
  const out: Parameter[] = [];
  const seen = new Set<string>();
  raw.forEach((p, i) => {
    const param = buildParameter(ctx, p, `${at}/${i}`);
    if (!param) return;
    const key = param.in + ':' + (param.in === 'header' ? param.name.toLowerCase() : param.name);
    if (seen.has(key)) {
      ctx.report('SF3007', `parameter '${param.name}' in ${param.in} is declared twice`, `${at}/${i}`);
      return;
    }
    seen.add(key);
    out.push(param);
  });
  return out;
}

function buildOperation(
  ctx: BuildContext,
  path: string,
  method: HttpMethod,
  raw: Record<string, unknown>,
  pointer: string,
  shared: Parameter[],
  knownSchemes: ReadonlySet<string>,
): Operation {
  const own = buildParameterList(ctx, raw.parameters, pointer + '/parameters');
  const ownKeys = new Set(own.map((p) => p.in + ':' + p.name));
  const parameters = [...shared.filter((p) => !ownKeys.has(p.in + ':' + p.name)), ...own];
  checkPathParameters(ctx, path, parameters, pointer);
  const op: Operation = {
    kind: 'operation',
    operationId: typeof raw.operationId === 'string' && raw.operationId !== '' ? raw.operationId : `${method} ${path}`,
    name: '',
    typeNames: { ...EMPTY_TYPE_NAMES },
    method,
    path,
    tags: Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [],
    parameters,
    responses: buildResponses(ctx, raw.responses, pointer + '/responses'),
    security: [],
    pointer,
  };
  if (raw.operationId !== undefined && typeof raw.operationId !== 'string') {
    ctx.report('SF3002', "'operationId' must be a string", pointer + '/operationId');
  }
  const declared = raw['x-specforge-pagination'];
  if (declared !== undefined) {
    const pagination = readPagination(declared);
    if (pagination) op.pagination = pagination;
    else ctx.report('SF3002', PAGINATION_FORMS, pointer + '/x-specforge-pagination');
  }
  if (typeof raw.summary === 'string') op.summary = raw.summary;
  if (typeof raw.description === 'string') op.description = raw.description;
  if (raw.deprecated === true) op.deprecated = true;
  if (raw.requestBody !== undefined) {
    const body = buildRequestBody(ctx, raw.requestBody, pointer + '/requestBody');
    // fetch, browsers and most proxies refuse or drop a GET or HEAD body (RFC 9110 gives it no meaning), so no
    // target offers one; a warning unless it could hold nothing (Stripe declares an empty form on every GET).
    if (body && (method === 'get' || method === 'head')) {
      if (body.required || !body.content.every((c) => holdsNothing(c.schema))) {
        ctx.report('SF3013', `the ${method.toUpperCase()} request body is left out: fetch cannot send one, so neither the client nor the server offers it`, body.pointer);
      }
    } else if (body) op.requestBody = body;
  }
  const security = raw.security !== undefined ? raw.security : ctx.lookup('/security');
  const securityAt = raw.security !== undefined ? pointer + '/security' : '/security';
  if (security !== undefined) op.security = buildSecurity(ctx, security, securityAt, knownSchemes);
  return op;
}

/** What `x-specforge-pagination` may say (SF3002 quotes it). */
const PAGINATION_FORMS =
  "'x-specforge-pagination' must be { kind: page, items, pageParam, totalPages } | { kind: cursor, items, cursorParam, hasMore, idField? } | { kind: next, items, next } | { kind: link, items? } | { kind: offset, items, offsetParam?, limitParam?, total? }, where items, totalPages, hasMore, next and total are a property name or a path of them ([meta, next_page_url]; items [] is the body itself)";

function readPagination(raw: unknown): Pagination | undefined {
  if (!isObject(raw)) return undefined;
  const str = (k: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? (raw[k] as string) : undefined);
  // A property name, or a path of them; only `items` may be the body itself ([]).
  const path = (k: string, emptyOk = false): string[] | undefined => {
    const v = raw[k];
    if (typeof v === 'string' && v !== '') return [v];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') && (emptyOk || v.length > 0)) return [...(v as string[])];
    return undefined;
  };
  // A link header pages an array body most often: its items default to the body itself.
  const items = raw.kind === 'link' && raw.items === undefined ? [] : path('items', true);
  if (!items) return undefined;
  if (raw.kind === 'page' && str('pageParam') && path('totalPages')) return { kind: 'page', items, pageParam: str('pageParam')!, totalPages: path('totalPages')! };
  if (raw.kind === 'cursor' && str('cursorParam') && path('hasMore')) {
    return { kind: 'cursor', items, cursorParam: str('cursorParam')!, hasMore: path('hasMore')!, idField: str('idField') ?? 'id' };
  }
  if (raw.kind === 'next' && path('next')) return { kind: 'next', items, next: path('next')! };
  if (raw.kind === 'link') return { kind: 'link', items };
  if (raw.kind === 'offset' && (raw.total === undefined || path('total'))) {
    const offset = { kind: 'offset' as const, items, offsetParam: str('offsetParam') ?? 'offset', limitParam: str('limitParam') ?? 'limit' };
    return raw.total === undefined ? offset : { ...offset, total: path('total')! };
  }
  return undefined;
}

/** Every `{name}` in the template has a path parameter, and every path parameter appears in the template. */
function checkPathParameters(ctx: BuildContext, path: string, params: Parameter[], pointer: string): void {
  const inTemplate = new Set([...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!));
  const declared = new Set(params.filter((p) => p.in === 'path').map((p) => p.name));
  for (const name of inTemplate) {
    if (!declared.has(name)) {
      ctx.report('SF3004', `path template variable '{${name}}' has no path parameter`, pointer);
    }
  }
  for (const p of params) {
    if (p.in === 'path' && !inTemplate.has(p.name)) {
      ctx.report('SF3005', `path parameter '${p.name}' does not appear in '${path}'`, p.pointer);
    }
  }
}

function buildContent(ctx: BuildContext, raw: unknown, at: string): MediaTypeEntry[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) {
    ctx.report('SF3002', "'content' must be an object", at);
    return [];
  }
  const out: MediaTypeEntry[] = [];
  for (const mediaType of Object.keys(raw)) {
    const media = raw[mediaType];
    const mediaPointer = `${at}/${escapeToken(mediaType)}`;
    if (!isObject(media)) {
      ctx.report('SF3002', 'a media type object must be an object', mediaPointer);
      continue;
    }
    const schema =
      media.schema === undefined
        ? { kind: 'unknown' as const, pointer: mediaPointer + '/schema' }
        : buildSchema(ctx, media.schema, mediaPointer + '/schema');
    const entry: MediaTypeEntry = { mediaType, schema, pointer: mediaPointer };
    const examples = mediaExamples(ctx, media);
    if (examples.length > 0) entry.examples = examples;
    const encoding = media.encoding === undefined ? [] : buildEncoding(ctx, media.encoding, mediaPointer + '/encoding');
    if (encoding.length > 0) entry.encoding = encoding;
    out.push(entry);
  }
  return out;
}

const ENCODING_STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

/** The Encoding Object of a media type: each property's style, explode, allowReserved and contentType, where said. */
function buildEncoding(ctx: BuildContext, raw: unknown, at: string): PropertyEncoding[] {
  if (!isObject(raw)) {
    ctx.report('SF3002', "'encoding' must be an object", at);
    return [];
  }
  const out: PropertyEncoding[] = [];
  for (const [name, e] of Object.entries(raw)) {
    const pointer = `${at}/${escapeToken(name)}`;
    if (!isObject(e)) {
      ctx.report('SF3002', 'an encoding object must be an object', pointer);
      continue;
    }
    const enc: PropertyEncoding = { name };
    if (e.style !== undefined) {
      if (typeof e.style === 'string' && ENCODING_STYLES.has(e.style)) enc.style = e.style as NonNullable<PropertyEncoding['style']>;
      else ctx.report('SF3002', `'style' must be one of ${[...ENCODING_STYLES].join(', ')}`, pointer + '/style');
    }
    for (const key of ['explode', 'allowReserved'] as const) {
      if (e[key] === undefined) continue;
      if (typeof e[key] === 'boolean') enc[key] = e[key];
      else ctx.report('SF3002', `'${key}' must be a boolean`, `${pointer}/${key}`);
    }
    if (e.contentType !== undefined) {
      if (typeof e.contentType === 'string') enc.contentType = e.contentType;
      else ctx.report('SF3002', "'contentType' must be a string", pointer + '/contentType');
    }
    out.push(enc);
  }
  return out;
}

/**
 * A media type's examples (`examples` by key, an Example Object's `value` through `$ref`s; else `example`). Example
 * data is never an error: an entry that cannot be had (a broken ref, `externalValue`, data that is not JSON) is
 * left out.
 */
function mediaExamples(ctx: BuildContext, media: Record<string, unknown>): Array<{ name: string; value: JsonValue }> {
  const out: Array<{ name: string; value: JsonValue }> = [];
  if (isObject(media.examples)) {
    for (const [name, raw] of Object.entries(media.examples)) {
      let ex: unknown = raw;
      for (let hops = 0; isObject(ex) && typeof ex.$ref === 'string' && hops < 16; hops++) {
        const ref = ex.$ref;
        ex = ref.startsWith('#/') ? ctx.lookup(decodePointer(ref.slice(1))) : undefined;
      }
      if (isObject(ex) && Object.prototype.hasOwnProperty.call(ex, 'value') && isJsonData(ex.value)) out.push({ name, value: ex.value });
    }
  } else if (Object.prototype.hasOwnProperty.call(media, 'example') && isJsonData(media.example)) {
    out.push({ name: 'example', value: media.example });
  }
  return out;
}

function decodePointer(pointer: string): string {
  try {
    return decodeURIComponent(pointer);
  } catch {
    return pointer;
  }
}

function buildRequestBody(ctx: BuildContext, raw: unknown, at: string): RequestBody | undefined {
  const found = ctx.deref(raw, at);
  if (!found) return undefined;
  const { value, pointer } = found;
  return ctx.once('requestBody', pointer, pointer !== at, () => requestBodyFrom(ctx, value, pointer));
}

function requestBodyFrom(ctx: BuildContext, value: Record<string, unknown>, pointer: string): RequestBody {
  const body: RequestBody = { required: value.required === true, content: buildContent(ctx, value.content, pointer + '/content'), pointer };
  if (typeof value.description === 'string') body.description = value.description;
  return body;
}

function buildResponses(ctx: BuildContext, raw: unknown, at: string): Response[] {
  if (raw === undefined) return [];
  if (!isObject(raw)) {
    ctx.report('SF3002', "'responses' must be an object", at);
    return [];
  }
  const out: Response[] = [];
  for (const status of Object.keys(raw)) {
    if (status.startsWith('x-')) continue;
    const statusPointer = `${at}/${escapeToken(status)}`;
    if (!/^([1-5](\d\d|XX)|default)$/.test(status)) {
      ctx.report('SF3002', `'${status}' is not a response status (100-599, 1XX-5XX or default)`, statusPointer);
      continue;
    }
    const found = ctx.deref(raw[status], statusPointer);
    if (!found) continue;
    const { value, pointer } = found;
    out.push(ctx.once(`response ${status}`, pointer, pointer !== statusPointer, () => responseFrom(ctx, status, value, pointer)));
  }
  return out;
}

function responseFrom(ctx: BuildContext, status: string, value: Record<string, unknown>, pointer: string): Response {
  const headers = [];
  if (isObject(value.headers)) {
    for (const [name, h] of Object.entries(value.headers)) {
      // OpenAPI: a response header named Content-Type "SHALL be ignored" (the media type says it).
      if (name.toLowerCase() === 'content-type') continue;
      const header = buildHeader(ctx, name, h, `${pointer}/headers/${escapeToken(name)}`);
      if (header) headers.push(header);
    }
  }
  return {
    status,
    description: typeof value.description === 'string' ? value.description : '',
    content: buildContent(ctx, value.content, pointer + '/content'),
    headers,
    pointer,
  };
}
