import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, describe, expect, it } from 'vitest';
import { generated } from '../helpers/generated.js';
import { ROOT } from '../helpers/cli.js';
import { toJavaScript, typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

// Issue 26: the MSW adapter (mocks-msw.ts, the one generated file that imports msw) under msw/node's
// setupServer, with the generated client's real fetch; and the mocks target's files type-check under strict
// and the strictest profile. The folders are made inside the repository so that `msw` resolves from them.
const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});
const folder = () => {
  const dir = mkdtempSync(join(ROOT, '.tmp-mocks-'));
  folders.push(dir);
  return dir;
};

describe('mocks: the MSW adapter', () => {
  it('answers the generated client through setupServer, validated, with overrides and Prefer', async () => {
    const files = await generated('specs/whop-dm-members.yaml', ['client', 'mocks']);
    const dir = folder();
    writeFiles(dir, files.map((f) => ({ path: f.path.replace(/\.ts$/, '.js'), content: toJavaScript(f.content, f.path) })));
    const client = await import(join(dir, 'client.js'));
    const msw = await import(join(dir, 'mocks-msw.js'));
    const V = await import(join(dir, 'validators.js'));
    const overridden = msw.createMswHandlers({ updateDmMember: { status: 404 } });
    const server = setupServer(...msw.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const api = client.createClient({ auth: { bearerAuth: 'token' }, validateResponses: V });
      const member = await api.dmMembers.create({ body: { channel_id: 'ch_1', user_id: 'u_1' } });
      expect(V.DmMember.validate(member).ok).toBe(true);
      // Request validation as the server does it: a body without its required properties is a 400.
      const bad = await api.dmMembers.create({ body: {} as never }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ status: 400 });
      expect(V.createDmMember.responses['400']['application/json'].validate(bad.body).ok).toBe(true);
      // No credentials: 401, with the declared 401 body's example.
      const anonymous = await client.createClient().dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }).catch((e: unknown) => e);
      expect(anonymous).toMatchObject({ status: 401, body: { error: { type: 'unauthorized' } } });
      // The test's own handler in front of the generated ones, as MSW users do.
      server.use(http.patch('*/dm_members/:id', () => HttpResponse.json({ error: { type: 'x', message: 'mine' } }, { status: 403 })));
      expect(await api.dmMembers.update('m1', { body: {} }).catch((e: unknown) => e)).toMatchObject({ status: 403, body: { error: { message: 'mine' } } });
      server.resetHandlers(...overridden);
      const missing = await api.dmMembers.update('m1', { body: {} }).catch((e: unknown) => e);
      expect(missing).toMatchObject({ status: 404, body: { error: { type: 'not_found' } } });
      const preferred = await api.dmMembers.create({ body: { channel_id: 'c', user_id: 'u' } }, { headers: { prefer: 'code=500' } }).catch((e: unknown) => e);
      expect(preferred).toMatchObject({ status: 500, body: { error: { type: 'internal_server_error' } } });
    } finally {
      server.close();
    }
  });

  it.each(['bundler', 'strictest'] as Resolution[])('the mocks target type-checks (%s), msw included', async (resolution) => {
    for (const spec of ['specs/whop-dm-members.yaml', 'specs/alo-dm-channel-users.yaml', 'specs/twilio-chat-user-channels.yaml']) {
      const files = await generated(spec, ['client', 'mocks']);
      const dir = folder();
      const paths = writeFiles(dir, files);
      expect(typecheck(paths, resolution), spec).toEqual([]);
    }
  }, 120_000);
});
