import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NODE_VERSIONS, nodeBinary } from '../../scripts/node-versions.mjs';
import { ROOT, snapshotDir, tempDir } from '../helpers/cli.js';
import { listening } from '../helpers/listening.js';
import { generated } from '../helpers/generated.js';
import { toJavaScript } from '../helpers/typecheck.js';

// Issue 28: besides the Node that runs the suite (20), the CLI and a client ↔ server round trip run on Node 22
// and 24, what most users run. The binaries are fetched once from the npm registry (`npm run node-versions`,
// scripts/node-versions.mjs; .ci/run runs it, and so does the setup here when one is missing): the tests
// themselves never touch the network. The generated TypeScript is transpiled to JavaScript as a user's build
// would, and both the server (server-node.ts's serve) and the client run in the other Node, on 127.0.0.1.

const SPEC = 'specs/alo-dm-channel-users.yaml';

beforeAll(() => {
  if (NODE_VERSIONS.every((v) => nodeBinary(v) !== undefined)) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/node-versions.mjs')], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`npm run node-versions failed:\n${r.stdout}\n${r.stderr}`);
}, 320_000);

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

/** The server of the Alo seed (list with page/per_page, PUT a user, DELETE one) and a client script that uses it. */
const SERVER = `
import { createHandler } from './server.js';
import { serve } from './server-node.js';
const users = Array.from({ length: 5 }, (_, i) => ({ id: 'u' + i, username: 'user' + i, first_name: 'U', last_name: null }));
const handler = createHandler({
  listDirectMessageChannelUsers: ({ params, query }) => {
    const per = query.per_page ?? 100, page = query.page ?? 1;
    const slice = users.slice((page - 1) * per, page * per);
    return { status: 200, body: { page, per_page: per, total_pages: Math.ceil(users.length / per), response_count: slice.length, total_count: users.length, channel: { id: params.channel_id, name: 'c' }, users: slice } };
  },
  addDirectMessageChannelUser: ({ body }) => {
    const user = { id: body.id, username: 'new', first_name: 'N', last_name: null };
    users.push(user);
    return { status: 200, body: user };
  },
  removeDirectMessageChannelUser: ({ params }) => {
    const i = users.findIndex((u) => u.id === params.user_id);
    if (i < 0) return { status: 422, body: { status: 422, message: { error: 'no such user' } } };
    return { status: 200, body: users.splice(i, 1)[0] };
  },
}, { authenticate: ({ credentials }) => (credentials === 'good' ? { user: 'me' } : undefined) });
const server = await serve(handler, { port: 0, host: '127.0.0.1' });
console.log('LISTENING ' + server.address().port);
`;

const CLIENT = `
import { createCore, listDirectMessageChannelUsersAll, addDirectMessageChannelUser, removeDirectMessageChannelUser, isRemoveDirectMessageChannelUserError } from './client.js';
const core = createCore({ baseUrl: process.argv[2], auth: { bearerAuth: 'good' } });
const out = { node: process.version };
await addDirectMessageChannelUser(core, 'ch1', { body: { id: 'u9' } });
out.all = [];
for await (const u of listDirectMessageChannelUsersAll(core, 'ch1', { query: { per_page: 2 } })) out.all.push(u.id);
out.removed = (await removeDirectMessageChannelUser(core, 'ch1', 'u0')).id;
const e = await removeDirectMessageChannelUser(core, 'ch1', 'nobody').catch((e) => e);
out.error = isRemoveDirectMessageChannelUserError(e) ? [e.status, e.body.message.error] : String(e);
const invalid = await listDirectMessageChannelUsersAll(core, 'ch1', { query: { per_page: 0 } }).next().catch((e) => e);
out.invalid = [invalid.status, invalid.body.issues?.[0]?.path];
const refused = await removeDirectMessageChannelUser(createCore({ baseUrl: process.argv[2], auth: { bearerAuth: 'bad' } }), 'ch1', 'u1').catch((e) => e);
out.refused = refused.status;
console.log(JSON.stringify(out));
`;

/** The generated files of the seed as JavaScript, with the server and client scripts beside them. */
async function writeJavaScript(): Promise<string> {
  const dir = tempDir('specforge-node-versions-');
  for (const f of await generated(SPEC, ['types', 'validators', 'client', 'server'])) {
    const to = join(dir, f.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, toJavaScript(f.content, f.path));
  }
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'server-main.js'), SERVER);
  writeFileSync(join(dir, 'client-main.js'), CLIENT);
  return dir;
}

describe.each(NODE_VERSIONS)('Node %s', (version) => {
  const node = () => nodeBinary(version)!;

  it('runs the CLI: generate, then --check in sync', () => {
    expect(spawnSync(node(), ['--version'], { encoding: 'utf8' }).stdout.trim()).toBe(`v${version}`);
    const out = tempDir();
    const gen = spawnSync(node(), [join(ROOT, 'dist/cli/main.js'), 'generate', SPEC, '-o', out, '-q'], { cwd: ROOT, encoding: 'utf8' });
    expect(gen.stderr).toBe('');
    expect(gen.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['client.ts', 'server.ts', 'types.ts', 'validators.ts']));
    const before = snapshotDir(out);
    const check = spawnSync(node(), [join(ROOT, 'dist/cli/main.js'), 'generate', SPEC, '-o', out, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(snapshotDir(out)).toEqual(before);
  });

  it('runs the generated server and client against each other over HTTP', async () => {
    const dir = await writeJavaScript();
    const url = await listening(node(), ['server-main.js'], dir, children);
    const client = spawnSync(node(), ['client-main.js', url], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(client.stderr).toBe('');
    expect(JSON.parse(client.stdout)).toEqual({
      node: `v${version}`,
      all: ['u0', 'u1', 'u2', 'u3', 'u4', 'u9'],
      removed: 'u0',
      error: [422, 'no such user'],
      invalid: [422, '/query/per_page'],
      refused: 401,
    });
  });
});
