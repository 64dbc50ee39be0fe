import { escapeToken, split } from '../../diagnostics/pointer.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { IR_VERSION, type IrDocument, type NamedSchema, type Server } from '../types.js';
import { BuildContext, isObject, type BuildCache } from './context.js';
import { buildOperations } from './operation.js';
import { separateDiscriminatorBases } from './discriminator-bases.js';
import { checkRefCycles } from './ref-cycles.js';
import { buildSchema } from './schema.js';
import { buildSecuritySchemes } from './security.js';

/** Pointer tokens that say where a schema sits rather than what it is; left out of name hints. */
const STRUCTURAL = new Set([
  'components', 'schemas', 'properties', 'items', 'paths', 'content', 'schema', 'parameters', 'responses',
  'requestBody', 'allOf', 'oneOf', 'anyOf', '$defs', 'definitions', 'additionalProperties', 'headers',
]);

/** The document's raw pieces → IR nodes, before the passes (names are empty strings here). */
export function buildDocument(
  doc: Record<string, unknown>,
  openapiVersion: string,
  cache?: BuildCache,
): { ir: IrDocument; diagnostics: Diagnostic[]; cache: BuildCache } {
  const ctx = new BuildContext(doc, cache);
  const securitySchemes = buildSecuritySchemes(ctx);
  const known = new Set(securitySchemes.map((s) => s.key));
  const schemas: NamedSchema[] = [];
  const built = new Set<string>();
  const components = isObject(doc.components) ? doc.components : {};
  const rawSchemas = components.schemas;
  if (rawSchemas !== undefined && !isObject(rawSchemas)) ctx.report('SF3002', "'components.schemas' must be an object", '/components/schemas');
  if (isObject(rawSchemas)) {
    for (const key of Object.keys(rawSchemas)) {
      const pointer = `/components/schemas/${escapeToken(key)}`;
      built.add(pointer);
      const raw = rawSchemas[key];
      schemas.push(ctx.unit(`schema ${pointer}`, raw, (): NamedSchema => ({ kind: 'named-schema', id: pointer, origin: 'component', nameHint: [key], name: '', schema: buildSchema(ctx, raw, pointer) })));
    }
  }
  const operations = buildOperations(ctx, known);
  // Refs may point at schemas outside components/schemas (inside a path, under $defs): each becomes a named schema.
  for (;;) {
    const pending = [...ctx.referenced].filter((p) => !built.has(p)).sort();
    if (pending.length === 0) break;
    for (const pointer of pending) {
      built.add(pointer);
      schemas.push(
        ctx.unit(`schema ${pointer}`, ctx.lookup(pointer), (): NamedSchema => {
          const raw = ctx.resolveLocal('#' + pointer, pointer);
          return { kind: 'named-schema', id: pointer, origin: 'component', nameHint: hintFromPointer(pointer), name: '', schema: buildSchema(ctx, raw?.value ?? true, pointer) };
        }),
      );
    }
  }
  const named = separateDiscriminatorBases(schemas);
  checkRefCycles(ctx, named);
  const info = isObject(doc.info) ? doc.info : {};
  const ir: IrDocument = {
    kind: 'document',
    irVersion: IR_VERSION,
    openapiVersion,
    info: {
      title: typeof info.title === 'string' ? info.title : '',
      version: typeof info.version === 'string' ? info.version : '',
      ...(typeof info.description === 'string' ? { description: info.description } : {}),
    },
    servers: buildServers(doc.servers),
    schemas: named,
    operations,
    securitySchemes,
  };
  return { ir, diagnostics: unique(ctx.diagnostics.items), cache: ctx.cacheForNext() };
}

/** Without repeats (a unit reused from the build cache reports again what a shared value it holds reported). */
function unique(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}\u0000${d.pointer}\u0000${d.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function hintFromPointer(pointer: string): string[] {
  const words = split(pointer).filter((t) => !STRUCTURAL.has(t) && !/^\d+$/.test(t));
  return words.slice(-3);
}

function buildServers(raw: unknown): Server[] {
  if (!Array.isArray(raw)) return [];
  const out: Server[] = [];
  for (const s of raw) {
    if (!isObject(s) || typeof s.url !== 'string') continue;
    const server: Server = { url: s.url, variables: [] };
    if (typeof s.description === 'string') server.description = s.description;
    if (isObject(s.variables)) {
      for (const [name, v] of Object.entries(s.variables)) {
        if (!isObject(v)) continue;
        const variable: Server['variables'][number] = { name, default: typeof v.default === 'string' ? v.default : String(v.default ?? '') };
        if (Array.isArray(v.enum)) variable.enum = v.enum.map(String);
        if (typeof v.description === 'string') variable.description = v.description;
        server.variables.push(variable);
      }
    }
    out.push(server);
  }
  return out;
}
