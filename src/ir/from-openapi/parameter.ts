import { escapeToken } from '../../diagnostics/pointer.js';
import type { Parameter, ParameterLocation, ParameterStyle, ResponseHeader } from '../types.js';
import { isObject, type BuildContext } from './context.js';
import { buildSchema } from './schema.js';

const LOCATIONS: ParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const STYLES: ParameterStyle[] = ['matrix', 'label', 'form', 'simple', 'spaceDelimited', 'pipeDelimited', 'deepObject'];
const DEFAULT_STYLE: Record<ParameterLocation, ParameterStyle> = { path: 'simple', query: 'form', header: 'simple', cookie: 'form' };

/**
 * OpenAPI: a header parameter named Accept, Content-Type or Authorization "SHALL be ignored" (the media types
 * and the security schemes say those), and so is a response header named Content-Type (see operation.ts).
 */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

/**
 * A parameter object (refs followed) → IR; undefined when it is too broken to use (already reported) or is a
 * header parameter OpenAPI ignores.
 */
export function buildParameter(ctx: BuildContext, raw: unknown, at: string): Parameter | undefined {
  const found = ctx.deref(raw, at);
  if (!found) return undefined;
  const { in: loc, name } = found.value;
  if (loc === 'header' && typeof name === 'string' && IGNORED_HEADER_PARAMETERS.has(name.toLowerCase())) return undefined;
  return ctx.once('parameter', found.pointer, found.pointer !== at, () => parameterFrom(ctx, found.value, found.pointer));
}

function parameterFrom(ctx: BuildContext, p: Record<string, unknown>, pointer: string): Parameter | undefined {
  if (typeof p.name !== 'string') {
    ctx.report('SF3002', "a parameter's 'name' must be a string", pointer + '/name');
    return undefined;
  }
  if (!LOCATIONS.includes(p.in as ParameterLocation)) {
    ctx.report('SF3002', `a parameter's 'in' must be one of ${LOCATIONS.join(', ')}`, pointer + '/in');
    return undefined;
  }
  const loc = p.in as ParameterLocation;
  const style = STYLES.includes(p.style as ParameterStyle) ? (p.style as ParameterStyle) : DEFAULT_STYLE[loc];
  if (p.style !== undefined && !STYLES.includes(p.style as ParameterStyle)) {
    ctx.report('SF3002', `'style' must be one of ${STYLES.join(', ')}`, pointer + '/style');
  }
  const param: Parameter = {
    kind: 'parameter',
    name: p.name,
    in: loc,
    required: loc === 'path' ? true : p.required === true,
    schema: { kind: 'unknown', pointer: pointer + '/schema' },
    style,
    explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
    allowReserved: p.allowReserved === true,
    argName: '',
    pointer,
  };
  if (loc === 'path' && p.required !== true) {
    ctx.report('SF3006', `path parameter '${p.name}' must have 'required: true'`, pointer + (p.required === undefined ? '' : '/required'));
  }
  if (p.schema !== undefined) {
    param.schema = buildSchema(ctx, p.schema, pointer + '/schema');
  } else if (isObject(p.content)) {
    const [mediaType, media] = Object.entries(p.content)[0] ?? [];
    if (mediaType !== undefined && isObject(media)) {
      param.mediaType = mediaType;
      if (media.schema !== undefined) {
        param.schema = buildSchema(ctx, media.schema, `${pointer}/content/${escapeToken(mediaType)}/schema`);
      }
    }
  }
  if (typeof p.description === 'string') param.description = p.description;
  if (p.deprecated === true) param.deprecated = true;
  return param;
}

export function buildHeader(ctx: BuildContext, name: string, raw: unknown, at: string): ResponseHeader | undefined {
  const found = ctx.deref(raw, at);
  if (!found) return undefined;
  return ctx.once(`header ${name}`, found.pointer, found.pointer !== at, () => headerFrom(ctx, name, found.value, found.pointer));
}

function headerFrom(ctx: BuildContext, name: string, h: Record<string, unknown>, pointer: string): ResponseHeader {
  let schema = buildSchema(ctx, true, pointer + '/schema');
  if (h.schema !== undefined) schema = buildSchema(ctx, h.schema, pointer + '/schema');
  else if (isObject(h.content)) {
    const [mediaType, media] = Object.entries(h.content)[0] ?? [];
    if (mediaType !== undefined && isObject(media) && media.schema !== undefined) {
      schema = buildSchema(ctx, media.schema, `${pointer}/content/${escapeToken(mediaType)}/schema`);
    }
  }
  const header: ResponseHeader = { name, required: h.required === true, schema };
  if (typeof h.description === 'string') header.description = h.description;
  return header;
}
