import { buildIr, type IrDocument, type NamedSchema, type SchemaNode } from '../../dist/index.js';

/** A minimal OpenAPI document around some component schemas. */
export function docWith(schemas: Record<string, unknown>, version = '3.1.0', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: version, info: { title: 'Test', version: '1' }, paths: {}, components: { schemas }, ...extra };
}

/** Builds the IR of a document; fails the test with the diagnostics when there is none. */
export async function irOf(doc: Record<string, unknown>): Promise<IrDocument> {
  const { ir, diagnostics } = await buildIr(doc);
  if (!ir) throw new Error('no IR: ' + JSON.stringify(diagnostics, null, 2));
  return ir;
}

export function schemaById(ir: IrDocument, id: string): NamedSchema {
  const s = ir.schemas.find((x) => x.id === id);
  if (!s) throw new Error(`no schema ${id}; have ${ir.schemas.map((x) => x.id).join(', ')}`);
  return s;
}

/** The node of a component schema, by key. */
export function component(ir: IrDocument, key: string): SchemaNode {
  return schemaById(ir, `/components/schemas/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`).schema;
}

/** Drops pointers and other noise so that expected shapes stay short. */
export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pointer') continue;
    out[k] = shape(v);
  }
  return out;
}

/**
 * A document of one POST operation whose body is an `application/x-www-form-urlencoded` object of `properties`
 * (with the Encoding Object `encoding`, where given) and whose 200 answer is a JSON object: what the form round
 * trips (form-null, form-encoding) are about.
 */
export function formOperationDoc(
  path: string,
  operationId: string,
  properties: Record<string, unknown>,
  { parameters, encoding }: { parameters?: unknown[]; encoding?: Record<string, unknown> } = {},
): Record<string, any> {
  const media: Record<string, unknown> = { schema: { type: 'object', properties } };
  if (encoding) media.encoding = encoding;
  return {
    openapi: '3.1.0',
    info: { title: operationId, version: '1' },
    paths: {
      [path]: {
        post: {
          operationId,
          ...(parameters ? { parameters } : {}),
          requestBody: { content: { 'application/x-www-form-urlencoded': media } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}
