import { beforeAll, describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';

// The pagination shapes the pass detects (specs/features/pagination.yaml), over real HTTP: the generated client
// pages through the generated server, whose handlers answer as GitHub (a Link header), Twilio (meta.next_page_url)
// and an offset/limit API do. Each handler records what it was asked, so the test sees every request.

const start = generatedServers();

type Stack = Awaited<ReturnType<typeof stackOf>>;
let stack: Stack;
beforeAll(async () => {
  stack = await stackOf('specs/features/pagination.yaml');
}, 60_000);

interface Seen {
  op: string;
  query: Record<string, unknown>;
  auth: unknown;
  trace: string | null;
}

/** The service: 5 repos, 3 channels, 7 events; every request recorded. `url` is its origin once it listens. */
function service() {
  const seen: Seen[] = [];
  const at = { url: '' };
  const record = (op: string, ctx: any) => seen.push({ op, query: ctx.query, auth: ctx.auth, trace: ctx.request.headers.get('x-trace') });
  const repos = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: `repo-${i + 1}` }));
  const channels = ['CH1', 'CH2', 'CH3'].map((sid) => ({ sid, friendly_name: sid.toLowerCase() }));
  const events = Array.from({ length: 7 }, (_, n) => ({ n }));
  const handlers = {
    reposListForOrg: (ctx: any) => {
      record('repos', ctx);
      const perPage = ctx.query.per_page ?? 30;
      const page = ctx.query.page ?? 1;
      const last = Math.ceil(repos.length / perPage);
      // GitHub's links are absolute; the second page's next is relative, which resolves against that page's URL.
      const link = (p: number) => (page === 2 ? `<?per_page=${perPage}&page=${p}>` : `<${at.url}/orgs/${ctx.params.org}/repos?per_page=${perPage}&page=${p}>`);
      const rels = [...(page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []), ...(page > 1 ? [`${link(1)}; rel="first"`] : [])];
      return { status: 200, body: repos.slice((page - 1) * perPage, page * perPage), headers: rels.length > 0 ? { link: rels.join(', ') } : {} };
    },
    listChannel: (ctx: any) => {
      record('channels', ctx);
      const size = ctx.query.PageSize ?? 50;
      const page = ctx.query.Page ?? 0;
      const base = `${at.url}/v2/Services/${ctx.params.ServiceSid}/Channels`;
      const more = (page + 1) * size < channels.length;
      return {
        status: 200,
        body: {
          channels: channels.slice(page * size, (page + 1) * size),
          meta: { page, page_size: size, key: 'channels', first_page_url: `${base}?PageSize=${size}&Page=0`, previous_page_url: null, next_page_url: more ? `${base}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}` : null },
        },
      };
    },
    listEvents: (ctx: any) => {
      record('events', ctx);
      const offset = ctx.query.offset ?? 0;
      // The server caps the limit at 3: with a total, the client still reads to the end.
      const limit = Math.min(ctx.query.limit ?? 3, 3);
      return { status: 200, body: { data: events.slice(offset, offset + limit), total: events.length } };
    },
  };
  const options = {
    authenticate: ({ credentials }: any) =>
      credentials === 'gh-token' ? { login: 'octocat' } : typeof credentials === 'object' && credentials.password === 'secret' ? { account: credentials.username } : undefined,
  };
  return { handlers, options, seen, at };
}

async function started() {
  const { client, server, node, validators } = stack;
  const svc = service();
  svc.at.url = await start(node, server.createHandler(svc.handlers, { ...svc.options, validateResponses: true }));
  const options = { baseUrl: svc.at.url, auth: { bearer: 'gh-token', basic: { username: 'AC1', password: 'secret' } }, validateResponses: validators };
  return { client, api: client.createClient(options), core: client.createCore(options), ...svc };
}

describe('pagination over HTTP, generated client against generated server', () => {
  it("Link header (GitHub): every repo, each page asked for with the bearer token and the call's headers", async () => {
    const { api, seen } = await started();
    const names: string[] = [];
    for await (const repo of api.repos.listForOrgAll('acme', { query: { per_page: 2 } }, { headers: { 'x-trace': 'abc' } })) names.push(repo.name);
    expect(names).toEqual(['repo-1', 'repo-2', 'repo-3', 'repo-4', 'repo-5']);
    expect(seen).toEqual([
      { op: 'repos', query: { per_page: 2 }, auth: { bearer: { login: 'octocat' } }, trace: 'abc' },
      { op: 'repos', query: { per_page: 2, page: 2 }, auth: { bearer: { login: 'octocat' } }, trace: 'abc' },
      { op: 'repos', query: { per_page: 2, page: 3 }, auth: { bearer: { login: 'octocat' } }, trace: 'abc' },
    ]);
  });

  it('Link header: page by page, each with its items, body, response and Link', async () => {
    const { api, seen } = await started();
    const pages: Array<[string[], number, boolean, boolean]> = [];
    for await (const page of api.repos.listForOrgPages('acme', { query: { per_page: 3 } })) {
      pages.push([page.items.map((r: { name: string }) => r.name), page.response.status, page.response.headers.get('link')?.includes('rel="next"') ?? false, page.hasNextPage()]);
      expect(page.body).toEqual(page.items);
    }
    expect(pages).toEqual([
      [['repo-1', 'repo-2', 'repo-3'], 200, true, true],
      [['repo-4', 'repo-5'], 200, false, false],
    ]);
    expect(seen.map((s) => s.query)).toEqual([{ per_page: 3 }, { per_page: 3, page: 2 }]);
  });

  it('next URL in meta (Twilio): every channel, basic auth on every page; by hand with nextPage()', async () => {
    const { api, seen } = await started();
    const sids: string[] = [];
    for await (const ch of api.chatV2Channel.listAll('IS1', { query: { PageSize: 2 } })) sids.push(ch.sid);
    expect(sids).toEqual(['CH1', 'CH2', 'CH3']);
    expect(seen).toEqual([
      { op: 'channels', query: { PageSize: 2 }, auth: { basic: { account: 'AC1' } }, trace: null },
      { op: 'channels', query: { PageSize: 2, Page: 1, PageToken: 'PT1' }, auth: { basic: { account: 'AC1' } }, trace: null },
    ]);

    const first = (await api.chatV2Channel.listPages('IS1', { query: { PageSize: 2 } }).next()).value;
    expect(first.body.meta.next_page_url).toMatch(/Page=1&PageToken=PT1$/);
    const second = await first.nextPage();
    expect(second.items.map((c: { sid: string }) => c.sid)).toEqual(['CH3']);
    expect([first.hasNextPage(), second.hasNextPage(), await second.nextPage()]).toEqual([true, false, undefined]);
  });

  it('offset and limit with a total: every event although the server caps the limit; the lean entry\'s functions', async () => {
    const { client, core, seen } = await started();
    const ns: number[] = [];
    for await (const e of client.listEventsAll(core, { query: { limit: 5 } })) ns.push(e.n);
    expect(ns).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(seen.map((s) => s.query)).toEqual([{ limit: 5 }, { offset: 3, limit: 5 }, { offset: 6, limit: 5 }]);

    const sizes: number[] = [];
    for await (const page of client.listEventsPages(core, { query: { offset: 2 } })) sizes.push(page.items.length);
    expect(sizes).toEqual([3, 2]);
  });
});
