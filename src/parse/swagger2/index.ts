import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { escapeToken } from '../../diagnostics/pointer.js';
import { isObject } from '../schema-positions.js';
import { put, Swagger2Context, type Json } from './context.js';
import { convertParameter, parameterOrigin } from './parameters.js';
import { convertPaths } from './paths.js';
import { PointerMap } from './pointers.js';
import { convertResponse } from './responses.js';
import { rewriteRef, upgradeSchemas } from './schema.js';
import { convertSecurityDefinitions } from './security.js';
import { serversFor } from './servers.js';

export interface Swagger2Upgrade {
  /** The document in the OpenAPI 3.1 shape (`openapi: 3.1.0`). */
  document: Json;
  /** The pointer into the 2.0 document of a pointer into the new one (for diagnostics about the new one). */
  original: (pointer: string) => string;
  /** Warnings about what 3.x cannot say (SF1020), with pointers into the 2.0 document. */
  diagnostics: Diagnostic[];
}

/** Top-level 2.0 keys that the new document says otherwise (or not at all). */
const REPLACED = new Set([
  'swagger', 'host', 'basePath', 'schemes', 'consumes', 'produces', 'definitions', 'parameters', 'responses',
  'securityDefinitions', 'x-ms-parameterized-host',
]);

/**
 * The one place a Swagger 2.0 document becomes the OpenAPI 3.1 shape that the IR builder reads (beside
 * `upgradeTo31` for 3.0): a new document made from the (bundled) 2.0 one, whose schemas it shares and upgrades
 * in place. What is converted how: README.md, "Swagger 2.0"; one file per concern in this folder.
 * Expects a document that may not be valid 2.0 (schema validation runs beside it): every read is checked,
 * and what cannot be converted is left for the IR builder to report.
 */
export function upgradeSwagger2(doc: Json): Swagger2Upgrade {
  const cx = new Swagger2Context(doc);
  const out: Json = { openapi: '3.1.0' };
  for (const k of Object.keys(doc)) {
    if (REPLACED.has(k)) continue;
    if (k === 'paths') out.paths = convertPaths(cx, doc.paths);
    else put(out, k, doc[k]);
  }
  const servers = serversFor(cx, doc.schemes);
  if (servers.length > 0) {
    out.servers = servers;
    cx.moved('/servers', isObject(doc['x-ms-parameterized-host']) ? '/x-ms-parameterized-host' : doc.host !== undefined ? '/host' : '/basePath');
  }
  const components = componentsOf(cx);
  if (Object.keys(components).length > 0) out.components = components;
  if (doc['x-ms-paths'] !== undefined) cx.warn("'x-ms-paths' (AutoRest's paths with a query string) is not read: its operations are left out", '/x-ms-paths');
  // The key order of a 3.x document (info first); the rest as it was.
  const document: Json = {};
  for (const k of ['openapi', 'info', 'servers']) if (k in out) put(document, k, out[k]);
  for (const k of Object.keys(out)) if (!(k in document)) put(document, k, out[k]);
  const inner = new PointerMap();
  upgradeSchemas(document, inner);
  return { document, original: (p) => cx.pointers.original(inner.original(p)), diagnostics: cx.diagnostics };
}

/** `definitions`, the non-body `parameters`, `responses` and `securityDefinitions` → `components`. */
function componentsOf(cx: Swagger2Context): Json {
  const doc = cx.doc;
  const components: Json = {};
  if (isObject(doc.definitions)) {
    components.schemas = doc.definitions;
    cx.moved('/components/schemas', '/definitions');
  }
  if (isObject(doc.parameters)) {
    const parameters: Json = {};
    for (const name of Object.keys(doc.parameters)) {
      const p = doc.parameters[name];
      const from = `/parameters/${escapeToken(name)}`;
      const to = `/components/parameters/${escapeToken(name)}`;
      // Body and form parameters are not 3.x parameters: an operation that refers to one has it in its body.
      if (isObject(p) && (p.in === 'body' || p.in === 'formData')) continue;
      put(parameters, name, isObject(p) && typeof p.$ref !== 'string' ? convertParameter(cx, p, from) : refOf(p));
      cx.moved(to, parameterOrigin(from));
    }
    if (Object.keys(parameters).length > 0) components.parameters = parameters;
  }
  if (isObject(doc.responses)) {
    const responses: Json = {};
    for (const name of Object.keys(doc.responses)) {
      const r = doc.responses[name];
      const from = `/responses/${escapeToken(name)}`;
      put(responses, name, isObject(r) && typeof r.$ref !== 'string' ? convertResponse(cx, r, cx.produces, from, `/components/responses/${escapeToken(name)}`) : refOf(r));
    }
    components.responses = responses;
  }
  const schemes = convertSecurityDefinitions(cx, doc.securityDefinitions);
  if (schemes) components.securitySchemes = schemes;
  return components;
}

/** A component that is a `$ref` (to another one), pointed at the new place. */
function refOf(v: unknown): unknown {
  return isObject(v) && typeof v.$ref === 'string' ? { ...v, $ref: rewriteRef(v.$ref) } : v;
}
