import { escapeToken } from '../../diagnostics/pointer.js';
import { isObject } from '../schema-positions.js';
import { mediaList, put, type Json, type Swagger2Context } from './context.js';
import { bodyFromForm, bodyFromParameter, type ResolvedParameter } from './bodies.js';
import { convertParameter, parameterOrigin } from './parameters.js';
import { convertResponses } from './responses.js';
import { rewriteRef } from './schema.js';
import { serversFor } from './servers.js';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

/** A path item's or operation's `parameters`, split: those that stay parameters, and the body or form fields. */
interface ParameterList {
  /** The new `parameters` array (3.x parameters, or refs to shared ones). */
  parameters: unknown[];
  body?: ResolvedParameter;
  form: ResolvedParameter[];
  /** `in:name` of every parameter listed, to let an operation's override a path item's. */
  keys: Set<string>;
}

/** `paths` → 3.x path items: operations with request bodies, media types, 3.x parameters and responses. */
export function convertPaths(cx: Swagger2Context, raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const out: Json = {};
  for (const path of Object.keys(raw)) {
    const item = raw[path];
    const at = `/paths/${escapeToken(path)}`;
    put(out, path, isObject(item) && !path.startsWith('x-') ? convertPathItem(cx, item, at) : item);
  }
  return out;
}

function convertPathItem(cx: Swagger2Context, item: Json, at: string): Json {
  const out: Json = {};
  const shared = parameterList(cx, item.parameters, `${at}/parameters`, `${at}/parameters`);
  for (const k of Object.keys(item)) {
    if (k === 'parameters') {
      if (shared.parameters.length > 0) out.parameters = shared.parameters;
    } else if (METHODS.has(k) && isObject(item[k])) {
      put(out, k, convertOperation(cx, item[k] as Json, `${at}/${k}`, shared));
    } else {
      put(out, k, item[k]);
    }
  }
  return out;
}

/**
 * A `parameters` list: non-body parameters converted where they stand (a `$ref` to a shared one stays a ref,
 * to `components/parameters`), the body and form parameters taken out (with their values, refs followed).
 * `from` is the list's pointer in the 2.0 document, `to` in the new one (where kept parameters are numbered anew).
 */
function parameterList(cx: Swagger2Context, raw: unknown, from: string, to: string): ParameterList {
  const list: ParameterList = { parameters: [], form: [], keys: new Set() };
  if (!Array.isArray(raw)) return list;
  raw.forEach((entry, i) => {
    const listed = `${from}/${i}`;
    const found = cx.resolve(entry, listed);
    const newAt = `${to}/${list.parameters.length}`;
    if (!found) {
      // A ref that leads nowhere, or no object: kept for the IR builder to report where it stands.
      list.parameters.push(isObject(entry) && typeof entry.$ref === 'string' ? { ...entry, $ref: rewriteRef(entry.$ref) } : entry);
      cx.moved(newAt, listed);
      return;
    }
    const p: ResolvedParameter = { value: found.value, pointer: found.pointer, listed };
    list.keys.add(`${String(p.value.in)}:${String(p.value.name)}`);
    if (p.value.in === 'body') {
      list.body = p;
    } else if (p.value.in === 'formData') {
      list.form.push(p);
    } else if (isObject(entry) && typeof entry.$ref === 'string' && entry.$ref.startsWith('#/parameters/')) {
      list.parameters.push({ $ref: rewriteRef(entry.$ref) });
      cx.moved(newAt, listed);
    } else {
      list.parameters.push(convertParameter(cx, p.value, p.pointer));
      cx.moved(newAt, parameterOrigin(p.pointer));
    }
  });
  return list;
}

function convertOperation(cx: Swagger2Context, op: Json, at: string, shared: ParameterList): Json {
  const consumes = op.consumes !== undefined ? mediaList(op.consumes) : cx.consumes;
  const produces = op.produces !== undefined ? mediaList(op.produces) : cx.produces;
  const own = parameterList(cx, op.parameters, `${at}/parameters`, `${at}/parameters`);
  const out: Json = {};
  for (const k of Object.keys(op)) {
    if (k === 'consumes' || k === 'produces' || k === 'schemes') continue;
    if (k === 'parameters') {
      if (own.parameters.length > 0) out.parameters = own.parameters;
    } else if (k === 'responses') {
      out.responses = convertResponses(cx, op.responses, produces, `${at}/responses`);
    } else {
      put(out, k, op[k]);
    }
  }
  // A path item's body or form fields apply to each of its operations, unless the operation lists its own.
  const body = own.body ?? (own.form.length === 0 ? shared.body : undefined);
  const form = [...shared.form.filter((p) => !own.keys.has(`formData:${String(p.value.name)}`)), ...own.form];
  if (body) {
    out.requestBody = bodyFromParameter(cx, body, consumes, `${at}/requestBody`);
    if (form.length > 0) cx.warn("an operation with an 'in: body' parameter cannot also have 'in: formData' ones (2.0 says so): they are left out", form[0]!.listed);
  } else if (form.length > 0) {
    out.requestBody = bodyFromForm(cx, form, consumes, `${at}/requestBody`, own.form.length > 0 ? `${at}/parameters` : `${at.slice(0, at.lastIndexOf('/'))}/parameters`);
  }
  if (Array.isArray(op.schemes)) {
    const servers = serversFor(cx, op.schemes);
    if (servers.length > 0) {
      out.servers = servers;
      cx.moved(`${at}/servers`, `${at}/schemes`);
    }
  }
  msPageable(out);
  return out;
}

/**
 * AutoRest's `x-ms-pageable` (`nextLinkName`, `itemName`, default `value`) → `x-specforge-pagination` of kind
 * `next`, unless the operation declares that itself. A `nextLinkName` of null means one page: nothing.
 */
function msPageable(op: Json): void {
  const ms = op['x-ms-pageable'];
  if (!isObject(ms) || typeof ms.nextLinkName !== 'string' || ms.nextLinkName === '' || op['x-specforge-pagination'] !== undefined) return;
  op['x-specforge-pagination'] = { kind: 'next', items: typeof ms.itemName === 'string' && ms.itemName !== '' ? ms.itemName : 'value', next: ms.nextLinkName };
}
