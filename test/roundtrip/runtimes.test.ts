import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { generated, importAll } from '../helpers/generated.js';

// The generated TypeScript, as it is written (no transpiling), on Deno and Bun (both from npm, devDependencies):
// the server's fetch handler mounted with Deno.serve and Bun.serve, called over HTTP by the generated client
// in Node; and every generated file type-checked by Deno's own TypeScript (strict by default).

const DENO = join(ROOT, 'node_modules/.bin/deno');
const BUN = join(ROOT, 'node_modules/.bin/bun');
const RUNTIME_ENV = { ...process.env, DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1', NO_COLOR: '1', BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' };

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/**
 * The generated .ts files of a spec written to a new folder, with `entries` (server start-ups) beside them. Not
 * `writeFiles`: its package.json would make Deno resolve `node:` types from a node_modules folder there is not.
 */
async function writeGenerated(spec: string, entries: Record<string, string>): Promise<string> {
  const dir = tempDir('specforge-runtime-');
  for (const f of await generated(spec, ['types', 'validators', 'client', 'server'])) writeFileSync(join(dir, f.path), f.content);
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Starts `cmd` in `dir` and resolves with the port it prints as `LISTENING <port>`. */
function listen(cmd: string, args: string[], dir: string): Promise<string> {
  const child = spawn(cmd, args, { cwd: dir, env: RUNTIME_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start in 60 s:\n${out}\n${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}:\n${out}\n${err}`));
    });
  });
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
export const handler = createHandler(handlers, { authenticate: ({ credentials }) => (credentials === 'good' ? { user: 'u1' } : undefined) });
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
  const res = await fetch(`${url}/dm_members`, { method: 'POST', headers: { authorization: 'Bearer good', 'content-type': 'application/json' }, body: '{"channel_id":5}' });
  expect(res.status).toBe(400);
  const problem = (await res.json()) as { issues: { path: string; keyword: string }[] };
  expect(problem.issues.map((i) => [i.path, i.keyword]).sort()).toEqual([
    ['/body', 'required'],
    ['/body/channel_id', 'type'],
  ]);
}

describe('the generated TypeScript on Deno and Bun', () => {
  it('Deno: Deno.serve(handler) answers the generated client', async () => {
    const dir = await writeGenerated('specs/whop-dm-members.yaml', ENTRIES);
    // --sloppy-imports: the generated imports name the emitted `.js`; Deno runs the `.ts` beside it.
    await exercise(await listen(DENO, ['run', '--sloppy-imports', '--allow-net=127.0.0.1', 'deno-main.ts'], dir));
  });

  it('Bun: Bun.serve({ fetch: handler }) answers the generated client', async () => {
    const dir = await writeGenerated('specs/whop-dm-members.yaml', ENTRIES);
    await exercise(await listen(BUN, ['run', 'bun-main.ts'], dir));
  });

  it.each(['specs/whop-dm-members.yaml', 'specs/alo-dm-channel-users.yaml', 'specs/twilio-chat-user-channels.yaml'])(
    "every generated file type-checks with Deno's TypeScript (strict): %s",
    async (spec) => {
      const dir = await writeGenerated(spec, { 'handler.ts': spec.includes('whop') ? WHOP_SERVER : 'export {};\n' });
      const files = ['types.ts', 'validators.ts', 'client.ts', 'server.ts', 'server-node.ts', 'handler.ts'];
      const r = spawnSync(DENO, ['check', '--sloppy-imports', ...files], { cwd: dir, env: RUNTIME_ENV, encoding: 'utf8' });
      expect(r.stderr + r.stdout).not.toMatch(/error/i);
      expect(r.status).toBe(0);
    },
  );
});
