import type { IrDocument, ObjectNode, Operation, Pagination, SchemaNode } from '../types.js';

/**
 * Finds operations that page, unless the spec said so with `x-specforge-pagination`: a GET whose successful
 * JSON response is an object with exactly one array property (the items) and
 * - a `page` query parameter and a `total_pages` property → `page`;
 * - a `starting_after` query parameter and a `has_more` property → `cursor` (next cursor: the last item's `id`);
 * - a `next` (or `next_url`, `next_page_url`) property → `next`.
 */
export function detectPagination(doc: IrDocument, memo?: PaginationMemo): IrDocument {
  const byId = new Map(doc.schemas.map((s) => [s.id, s.schema]));
  // An operation's answer depends on it and on the schemas it reaches: reused while both are the same objects.
  const schemaNodes = doc.schemas.map((s) => s.schema);
  const same = memo !== undefined && memo.schemas.length === schemaNodes.length && memo.schemas.every((n, i) => n === schemaNodes[i]);
  const next = new Map<Operation, Operation>();
  const operations = doc.operations.map((op) => {
    const out = (same ? memo.ops.get(op) : undefined) ?? (op.pagination ? op : withPagination(op, byId));
    next.set(op, out);
    return out;
  });
  if (memo) {
    memo.schemas = schemaNodes;
    memo.ops = next;
  }
  return { ...doc, operations };
}

/** What pagination keeps between runs (`--watch`). */
export interface PaginationMemo {
  schemas: SchemaNode[];
  ops: Map<Operation, Operation>;
}

export function newPaginationMemo(): PaginationMemo {
  return { schemas: [], ops: new Map() };
}

function withPagination(op: Operation, byId: Map<string, SchemaNode>): Operation {
  if (op.method !== 'get') return op;
  const ok = op.responses.find((r) => r.status === '200') ?? op.responses.find((r) => r.status.startsWith('2'));
  const json = ok?.content.find((c) => /json/i.test(c.mediaType));
  const obj = json ? objectOf(json.schema, byId) : undefined;
  if (!obj) return op;
  const arrays = obj.properties.filter((p) => resolve(p.schema, byId)?.kind === 'array');
  if (arrays.length !== 1) return op;
  const items = arrays[0]!.name;
  const has = (name: string) => obj.properties.some((p) => p.name === name);
  const query = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  let pagination: Pagination | undefined;
  if (query.has('page') && has('total_pages')) pagination = { kind: 'page', items, pageParam: 'page', totalPages: 'total_pages' };
  else if (query.has('starting_after') && has('has_more')) pagination = { kind: 'cursor', items, cursorParam: 'starting_after', hasMore: 'has_more', idField: 'id' };
  else {
    const next = ['next', 'next_url', 'next_page_url'].find(has);
    if (next) pagination = { kind: 'next', items, next };
  }
  return pagination ? { ...op, pagination } : op;
}

function resolve(node: SchemaNode, byId: Map<string, SchemaNode>): SchemaNode | undefined {
  let n: SchemaNode | undefined = node;
  for (let i = 0; i < 16 && n && n.kind === 'ref'; i++) n = byId.get(n.target);
  return n;
}

function objectOf(node: SchemaNode, byId: Map<string, SchemaNode>): ObjectNode | undefined {
  const n = resolve(node, byId);
  if (n?.kind === 'object') return n;
  if (n?.kind === 'intersection') {
    const parts = n.members.map((m) => objectOf(m, byId)).filter((x): x is ObjectNode => x !== undefined);
    if (parts.length === 0) return undefined;
    return { kind: 'object', pointer: n.pointer, properties: parts.flatMap((p) => p.properties) };
  }
  return undefined;
}
