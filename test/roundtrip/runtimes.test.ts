import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { listening } from '../helpers/listening.js';
import { generated, importAll, type Representation } from '../helpers/generated.js';
import { toJavaScript } from '../helpers/typecheck.js';

// The generated TypeScript, as it is written (no transpiling), on Deno and Bun (both from npm, devDependencies):
// the server's fetch handler mounted with Deno.serve and Bun.serve, called over HTTP by the generated client
// in Node; and every generated file type-checked by Deno's own TypeScript (strict by default). The same server,
// transpiled to JavaScript, as a Worker in workerd, the runtime of Cloudflare Workers (also from npm).

const DENO = join(ROOT, 'node_modules/.bin/deno');
const BUN = join(ROOT, 'node_modules/.bin/bun');
const WORKERD = join(ROOT, 'node_modules/.bin/workerd');
const RUNTIME_ENV = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/**
 * The generated .ts files of a spec written to a new folder, with `entries` (server start-ups) beside them. Not
 * `writeFiles`: its package.json would make Deno resolve `node:` types from a node_modules folder there is not.
 */
async function writeGenerated(spec: string, entries: Record<string, string>, options: Representation = {}): Promise<string> {
  const dir = tempDir('specforge-runtime-');
  for (const f of await generated(spec, ['types', 'validators', 'client', 'server', 'query'], options)) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Starts `cmd` in `dir` and resolves with the URL of the server it prints as `LISTENING <port>`. */
const listen = (cmd: string, args: string[], dir: string): Promise<string> => listening(cmd, args, dir, children, RUNTIME_ENV);

/** A TCP port that was free a moment ago on 127.0.0.1 (workerd takes its address on the command line). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts workerd on `config` in `dir` and resolves with its URL once it answers. */
async function startWorkerd(dir: string, config: string): Promise<string> {
  const port = await freePort();
  const child = spawn(WORKERD, ['serve', config, '--socket-addr', `http=127.0.0.1:${port}`], { cwd: dir, env: RUNTIME_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d));
  child.stderr!.on('data', (d: Buffer) => (log += d));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    if (exited !== undefined) throw new Error(`workerd exited with ${exited}:\n${log}`);
    const answered = await fetch(`${url}/`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
    if (answered) return url;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`workerd did not answer in 60 s:\n${log}`);
}

/** The handlers and options of the Whop server, as TypeScript shared by both runtimes' entries. */
const WHOP_SERVER = `
import { createHandler, type Handlers } from './server.js';
const members = new Map<string, { id: string; user_id: string; channel_id: string; status: 'requested' | 'accepted'; last_viewed_at: null; notification_preference: 'all' }>();
const handlers: Handlers = {
  createDmMember: ({ body }) => {
    const m = { id: 'dmm_' + (members.size + 1), user_id: body.user_id, channel_id: body.channel_id, status: 'requested' as const, last_viewed_at: null, notification_preference: 'all' as const };
    members.set(m.id, m);
    return { status: 200, body: m };
  },
  updateDmMember: ({ params }) => {
    const m = members.get(params.id);
    if (!m) return { status: 404, body: { error: { type: 'not_found', message: 'Resource not found', code: null, param: null } } };
    m.status = 'accepted';
    return { status: 200, body: m };
  },
};
export const handler = createHandler(handlers, {
  authenticate: ({ credentials }) => (credentials === 'good' ? { user: 'u1' } : undefined),
  // Whop declares its error envelope for 400, 401 and 422: the server's own errors take that shape.
  errorBody: (problem) => ({
    error: { type: 'invalid_request', message: (problem.issues ?? []).map((i) => i.path + ' ' + i.message).join('; ') || problem.title, code: null, param: problem.issues?.[0]?.path ?? null },
  }),
});
`;

const ENTRIES = {
  'handler.ts': WHOP_SERVER,
  'deno-main.ts': `import { handler } from './handler.js';\ndeclare const Deno: any;\nDeno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }: { port: number }) => console.log('LISTENING ' + port) }, handler);\n`,
  'bun-main.ts': `import { handler } from './handler.js';\ndeclare const Bun: any;\nconst server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: handler });\nconsole.log('LISTENING ' + server.port);\n`,
};

/** The generated client (in Node) against a server at `url`: happy path, typed 404, 401, 400 with pointers. */
async function exercise(url: string): Promise<void> {
  const load = await importAll(await generated('specs/whop-dm-members.yaml', ['client']));
  const { createClient, ApiError } = await load('client.ts');
  const api = createClient({ baseUrl: url, auth: { bearerAuth: 'good' } });
  const created = await api.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'user_1' } });
  expect(created).toEqual({ id: 'dmm_1', user_id: 'user_1', channel_id: 'ch_1', status: 'requested', last_viewed_at: null, notification_preference: 'all' });
  expect(await api.dmMembers.update('dmm_1', { body: { status: 'accepted' } })).toMatchObject({ status: 'accepted' });
  const missing = await api.dmMembers.update('nope', { body: {} }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(ApiError);
  expect(missing).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
  const refused = await createClient({ baseUrl: url, auth: { bearerAuth: 'bad' } }).dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 401 });
  // The server's own 400 has the body Whop declares for 400 (its error envelope, made by errorBody), so the
  // client's typed error holds what its type promises.
  const res = await fetch(`${url}/dm_members`, { method: 'POST', headers: { authorization: 'Bearer good', 'content-type': 'application/json' }, body: '{"channel_id":5}' });
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/json');
  const envelope = (await res.json()) as { error: { type: string; message: string; param: string | null } };
  expect(envelope.error.type).toBe('invalid_request');
  expect(envelope.error.message).toContain('/body/channel_id must be a string');
  expect(envelope.error.message).toContain("/body must have the property 'user_id'");
  const invalid = await api.dmMembers.create({ body: { channel_id: 5 as unknown as string, user_id: 'u' } }).catch((e: unknown) => e);
  expect(invalid).toMatchObject({ status: 400, body: { error: { type: 'invalid_request', param: '/body/channel_id' } } });
}

describe('the generated TypeScript on Deno, Bun and workerd', () => {
  it('Deno: Deno.serve(handler) answers the generated client', async () => {
    const dir = await writeGenerated('specs/whop-dm-members.yaml', ENTRIES);
    // --sloppy-imports: the generated imports name the emitted `.js`; Deno runs the `.ts` beside it.
    await exercise(await listen(DENO, ['run', '--sloppy-imports', '--allow-net=127.0.0.1', 'deno-main.ts'], dir));
  });

  it('Bun: Bun.serve({ fetch: handler }) answers the generated client', async () => {
    const dir = await writeGenerated('specs/whop-dm-members.yaml', ENTRIES);
    await exercise(await listen(BUN, ['run', 'bun-main.ts'], dir));
  });

  it("workerd (Cloudflare Workers' runtime): a Worker exporting the handler as its fetch answers the generated client, which runs in a Worker too", async () => {
    const dir = await writeGenerated('specs/whop-dm-members.yaml', {
      ...ENTRIES,
      // At /_client, the generated client runs in the Worker too, and calls the handler through its fetch option.
      'worker.ts': `import { handler } from './handler.js';
import { createClient } from './client.js';
export default {
  async fetch(request: Request): Promise<Response> {
    if (new URL(request.url).pathname !== '/_client') return handler(request);
    const local = (input: RequestInfo | URL, init?: RequestInit) => handler(new Request(input, init));
    const api = createClient({ baseUrl: 'https://api.example.test', fetch: local as typeof fetch, auth: { bearerAuth: 'good' } });
    const created = await api.dmMembers.create({ body: { channel_id: 'ch_w', user_id: 'user_w' } });
    const invalid = await api.dmMembers.create({ body: { channel_id: 'c', user_id: 5 as unknown as string } }).then(() => 'resolved', (e: { status: number }) => e.status);
    return Response.json({ created, invalid });
  },
};
`,
    });
    // Workers run JavaScript modules: each file transpiled, listed in the config under the name it is imported by.
    // server-node.ts and runtime/node.ts (node:http) are not among them.
    const modules = ['worker', 'handler', 'client', 'server', 'validators', 'types', ...['checks', 'client', 'codec', 'event-stream', 'formats', 'json', 'oauth2', 'pages', 'params', 'server', 'sse', 'validation'].map((m) => `runtime/${m}`)];
    for (const m of modules) writeFileSync(join(dir, `${m}.js`), toJavaScript(readFileSync(join(dir, `${m}.ts`), 'utf8'), `${m}.ts`));
    const config = [
      'using Workerd = import "/workerd/workerd.capnp";',
      'const config :Workerd.Config = (',
      '  services = [ (name = "main", worker = .app) ],',
      '  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],',
      ');',
      'const app :Workerd.Worker = (',
      `  modules = [ ${modules.map((m) => `(name = "${m}.js", esModule = embed "${m}.js")`).join(', ')} ],`,
      '  compatibilityDate = "2026-11-01",',
      ');',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'config.capnp'), config);
    const url = await startWorkerd(dir, 'config.capnp');
    await exercise(url);
    expect(await (await fetch(`${url}/_client`)).json()).toEqual({
      created: { id: 'dmm_2', user_id: 'user_w', channel_id: 'ch_w', status: 'requested', last_viewed_at: null, notification_preference: 'all' },
      invalid: 400,
    });
  });

  // The opt-in representations on both: a handler that computes with the bigint and the Date it gets.
  const DATES_HANDLER = `import { createHandler, type Handlers } from './server.js';
const handlers: Partial<Handlers> = {
  createEvent: ({ body }) => ({ status: 201, body: { ...body, id: body.id + 1n, day: new Date(body.at.getTime() + 86400000) } }),
};
export const handler: (request: Request) => Promise<Response> = createHandler(handlers as Handlers, { errorBody: () => ({ at: new Date(0) }) });
`;
  it.each([
    ['Deno', DENO, ['run', '--sloppy-imports', '--allow-net=127.0.0.1', 'deno-main.ts']],
    ['Bun', BUN, ['run', 'bun-main.ts']],
  ] as const)('%s, with dates: "Date" and int64: "bigint": the .ts as generated converts both ways, exactly', async (name, cmd, args) => {
    const both = { dates: 'Date', int64: 'bigint' } as const;
    const dir = await writeGenerated('specs/features/dates.yaml', { 'handler.ts': DATES_HANDLER, 'deno-main.ts': ENTRIES['deno-main.ts'], 'bun-main.ts': ENTRIES['bun-main.ts'] }, both);
    const url = await listen(cmd, [...args], dir);
    const load = await importAll(await generated('specs/features/dates.yaml', ['client'], both));
    const client = await load('client.ts');
    const made = await client.createEvent(client.createCore({ baseUrl: url }), { body: { id: 9007199254740993n, at: new Date('2024-02-29T12:00:00Z') } });
    expect(made).toEqual({ id: 9007199254740994n, at: new Date('2024-02-29T12:00:00Z'), day: new Date('2024-03-01T00:00:00Z') });
    if (name !== 'Deno') return;
    const r = spawnSync(DENO, ['check', '--sloppy-imports', 'types.ts', 'validators.ts', 'client.ts', 'server.ts', 'handler.ts'], { cwd: dir, env: RUNTIME_ENV, encoding: 'utf8' });
    expect(r.stderr + r.stdout).not.toMatch(/error/i);
    expect(r.status).toBe(0);
  });

  it.each(['specs/whop-dm-members.yaml', 'specs/alo-dm-channel-users.yaml', 'specs/twilio-chat-user-channels.yaml'])(
    "every generated file type-checks with Deno's TypeScript (strict): %s",
    async (spec) => {
      const dir = await writeGenerated(spec, { 'handler.ts': spec.includes('whop') ? WHOP_SERVER : 'export {};\n' });
      const files = ['types.ts', 'validators.ts', 'client.ts', 'server.ts', 'server-node.ts', 'query.ts', 'handler.ts'];
      const r = spawnSync(DENO, ['check', '--sloppy-imports', ...files], { cwd: dir, env: RUNTIME_ENV, encoding: 'utf8' });
      expect(r.stderr + r.stdout).not.toMatch(/error/i);
      expect(r.status).toBe(0);
    },
  );
});
