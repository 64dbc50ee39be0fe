import { memoized, type PassMemo } from '../memo.js';
import type { BodyPath, IrDocument, ObjectNode, Operation, Pagination, SchemaNode } from '../types.js';

/**
 * Finds operations that page, unless the spec said so with `x-specforge-pagination`: a GET whose successful
 * JSON response is an object with exactly one array property (the items), and, first match wins,
 * - a `page` query parameter and a `total_pages` number → `page`;
 * - a `starting_after` query parameter and a `has_more` boolean → `cursor` (next cursor: the last item's `id`);
 * - a next URL, a string named `next`, `next_url`, `next_page_url`, `nextUrl`, `nextPageUrl`, `next_link` or
 *   `nextLink`, anywhere in the body outside the items (Twilio's `meta.next_page_url`) → `next`;
 * - a declared `Link` response header → `link` (GitHub). Its body may also be an array (or a union of arrays):
 *   the items are the body itself. An object body pages only with a page or page-size query parameter: a single
 *   resource that holds one array is no list, whatever headers it declares (GitHub's hosted runner has both);
 * - `offset` and `limit` integer query parameters → `offset`, with the total when the body has a
 *   `total`, `total_count` or `count` number.
 * The body's fields (`total_pages`, `has_more`, totals) are found like the next URL: the shallowest wins.
 */
export function detectPagination(doc: IrDocument, memo?: PassMemo): IrDocument {
  const byId = new Map(doc.schemas.map((s) => [s.id, s.schema]));
  // An operation's answer depends on it and on the schemas it reaches: reused while both are the same objects.
  const ops = memo?.byUnit<Operation, Operation>('operations', doc.schemas.map((s) => s.schema));
  const operations = doc.operations.map((op) => memoized(ops, op, (o) => (o.pagination ? o : withPagination(o, byId))));
  return { ...doc, operations };
}

const NEXT_URL = ['next', 'next_url', 'next_page_url', 'nextUrl', 'nextPageUrl', 'next_link', 'nextLink'];
const TOTAL = ['total', 'total_count', 'count'];
/** Query parameters that only a list takes (a Link header on a single resource is not paging). */
const PAGE_PARAMS = ['page', 'per_page', 'page_size', 'limit'];

/** How deep into the body's objects its fields are looked for (Twilio's are one level down). */
const MAX_DEPTH = 3;

function withPagination(op: Operation, byId: Map<string, SchemaNode>): Operation {
  const pagination = detect(op, byId);
  return pagination ? { ...op, pagination } : op;
}

function detect(op: Operation, byId: Map<string, SchemaNode>): Pagination | undefined {
  if (op.method !== 'get') return undefined;
  const ok = op.responses.find((r) => r.status === '200') ?? op.responses.find((r) => r.status.startsWith('2'));
  const json = ok?.content.find((c) => /json/i.test(c.mediaType));
  if (!ok || !json) return undefined;
  const query = new Map(op.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  const linkHeader = ok.headers.some((h) => h.name.toLowerCase() === 'link');
  if (isArrayBody(json.schema, byId)) return linkHeader ? { kind: 'link', items: [] } : undefined;
  const obj = objectOf(json.schema, byId);
  if (!obj) return undefined;
  const arrays = obj.properties.filter((p) => resolve(p.schema, byId)?.kind === 'array');
  if (arrays.length !== 1) return undefined;
  const items = [arrays[0]!.name];
  const find = (names: readonly string[], kind: SchemaNode['kind']) => findPath(obj, names, kind, byId);
  const totalPages = query.has('page') ? find(['total_pages'], 'number') : undefined;
  if (totalPages) return { kind: 'page', items, pageParam: 'page', totalPages };
  const hasMore = query.has('starting_after') ? find(['has_more'], 'boolean') : undefined;
  if (hasMore) return { kind: 'cursor', items, cursorParam: 'starting_after', hasMore, idField: 'id' };
  const next = find(NEXT_URL, 'string');
  if (next) return { kind: 'next', items, next };
  if (linkHeader && PAGE_PARAMS.some((n) => query.has(n))) return { kind: 'link', items };
  const isInteger = (name: string) => {
    const p = query.get(name);
    const n = p ? resolve(p.schema, byId) : undefined;
    return n?.kind === 'number' && n.integer;
  };
  if (isInteger('offset') && isInteger('limit')) {
    const total = find(TOTAL, 'number');
    return { kind: 'offset', items, offsetParam: 'offset', limitParam: 'limit', ...(total ? { total } : {}) };
  }
  return undefined;
}

/**
 * The path of the first property named one of `names` (in that order) whose schema is of `kind`, level by level
 * from the body down (the shallowest wins), through object properties only: never into the items.
 */
function findPath(body: ObjectNode, names: readonly string[], kind: SchemaNode['kind'], byId: Map<string, SchemaNode>): BodyPath | undefined {
  let level: Array<{ obj: ObjectNode; path: BodyPath }> = [{ obj: body, path: [] }];
  const seen = new Set<ObjectNode>([body]);
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    for (const name of names) {
      for (const { obj, path } of level) {
        const p = obj.properties.find((x) => x.name === name);
        if (p && resolve(p.schema, byId)?.kind === kind) return [...path, name];
      }
    }
    const deeper: typeof level = [];
    for (const { obj, path } of level) {
      for (const p of obj.properties) {
        const child = objectOf(p.schema, byId);
        if (child && !seen.has(child)) {
          seen.add(child);
          deeper.push({ obj: child, path: [...path, p.name] });
        }
      }
    }
    level = deeper;
  }
  return undefined;
}

/** An array, or a union of arrays (GitHub's stargazers: one array shape or another). */
function isArrayBody(node: SchemaNode, byId: Map<string, SchemaNode>): boolean {
  const n = resolve(node, byId);
  if (n?.kind === 'array') return true;
  return n?.kind === 'union' && n.members.length > 0 && n.members.every((m) => resolve(m, byId)?.kind === 'array');
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
