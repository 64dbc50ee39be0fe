import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';

const SID = (p: string) => p + 'a'.repeat(32);
let url = '';
let server: Server;
const errors: unknown[] = [];
const member = { id: 'dmm_1', user_id: 'u', channel_id: 'c', status: 'accepted', last_viewed_at: null, notification_preference: 'all' };

beforeAll(async () => {
  // Whop and Twilio handlers behind one node:http server (Twilio under /twilio).
  const whop = await stackOf('specs/whop-dm-members.yaml');
  const twilio = await stackOf('specs/twilio-chat-user-channels.yaml');
  const whopHandler = whop.server.createHandler(
    {
      createDmMember: ({ body }: any) => {
        if (body.user_id === 'explode') throw new Error('secret internal detail');
        if (body.user_id === 'invalid') return { status: 200, body: { ...member, status: 'bogus' } };
        return { status: 200, body: { ...member, user_id: body.user_id } };
      },
      updateDmMember: () => ({ status: 200, body: member }),
    },
    { validateResponses: true, maxBodyBytes: 1024, onError: (e: unknown) => errors.push(e) },
  );
  const twilioHandler = twilio.server.createHandler({ updateUserChannel: () => ({ status: 200, body: {} }) }, { basePath: '/twilio' });
  server = await whop.node.serve((req: Request) => (new URL(req.url).pathname.startsWith('/twilio') ? twilioHandler(req) : whopHandler(req)), { port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const auth = { authorization: 'Bearer t', 'content-type': 'application/json' };
async function send(path: string, init: RequestInit): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url + path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
const pointers = (body: any) => body.issues.map((i: any) => `${i.path} ${i.keyword}`);

describe('bad requests sent raw: the right status, a problem body with pointers, and the server keeps serving', () => {
  it('malformed JSON → 400', async () => {
    const r = await send('/dm_members', { method: 'POST', headers: auth, body: '{"channel_id": ' });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({ status: 400, title: 'Malformed JSON' });
  });

  it('a wrong type and a missing required field → 400 listing every issue with its pointer', async () => {
    const r = await send('/dm_members', { method: 'POST', headers: auth, body: JSON.stringify({ channel_id: 5 }) });
    expect(r.status).toBe(400);
    expect(pointers(r.body)).toEqual(['/body/channel_id type', '/body required']);
    expect(r.body.issues[1].message).toBe("must have the property 'user_id'");
  });

  it('a SID that breaks its pattern → 400 at /path/ServiceSid', async () => {
    const basic = { authorization: 'Basic ' + btoa('AC:x'), 'content-type': 'application/x-www-form-urlencoded' };
    const r = await send(`/twilio/v2/Services/XX123/Users/u/Channels/${SID('CH')}`, { method: 'POST', headers: basic, body: 'NotificationLevel=loud&LastConsumedMessageIndex=ten' });
    expect(r.status).toBe(400);
    expect(pointers(r.body).sort()).toEqual(['/path/ServiceSid minLength', '/path/ServiceSid pattern']);
    const body = await send(`/twilio/v2/Services/${SID('IS')}/Users/u/Channels/${SID('CH')}`, { method: 'POST', headers: basic, body: 'NotificationLevel=loud&LastConsumedMessageIndex=ten' });
    expect(pointers(body.body)).toEqual(['/body/NotificationLevel enum', '/body/LastConsumedMessageIndex type']);
  });

  it('oversized body → 413; unknown path → 404; wrong method → 405 with Allow; wrong content type → 415', async () => {
    expect((await send('/dm_members', { method: 'POST', headers: auth, body: JSON.stringify({ channel_id: 'x'.repeat(5000), user_id: 'u' }) })).status).toBe(413);
    expect((await send('/nowhere', { method: 'GET', headers: auth })).status).toBe(404);
    // A path parameter that is not valid percent-encoding → 400 at its pointer.
    const malformed = await send('/dm_members/%E0%A4%A', { method: 'PATCH', headers: auth, body: '{}' });
    expect(malformed.status).toBe(400);
    expect(pointers(malformed.body)).toEqual(['/path/id format']);
    // basePath "/twilio" ends at a segment boundary: "/twilioX/…" is not under it.
    expect((await send(`/twilioX/v2/Services/${SID('IS')}/Users/u/Channels/${SID('CH')}`, { method: 'POST', headers: auth, body: '{}' })).status).toBe(404);
    const m = await send('/dm_members', { method: 'DELETE', headers: auth });
    expect(m.status).toBe(405);
    expect(m.headers.get('allow')).toBe('POST');
    const t = await send('/dm_members', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hi' });
    expect(t.status).toBe(415);
    expect((await send('/dm_members/', { method: 'POST', headers: auth, body: '{}' })).status).toBe(400); // trailing slash routes like /dm_members
  });

  it('a throwing handler → 500 without its message; an invalid response → 500; onError sees both', async () => {
    errors.length = 0;
    const thrown = await send('/dm_members', { method: 'POST', headers: auth, body: JSON.stringify({ channel_id: 'c', user_id: 'explode' }) });
    expect(thrown.status).toBe(500);
    expect(JSON.stringify(thrown.body)).not.toContain('secret');
    const invalid = await send('/dm_members', { method: 'POST', headers: auth, body: JSON.stringify({ channel_id: 'c', user_id: 'invalid' }) });
    expect(invalid.status).toBe(500);
    expect(errors).toHaveLength(2);
    expect((errors[0] as Error).message).toBe('secret internal detail');
    expect((errors[1] as { issues: unknown[] }).issues).toEqual([expect.objectContaining({ path: '/status', keyword: 'enum' })]);
  });

  it('a hostile Host header or an absolute-form target is routed by its path, never a 5xx', async () => {
    const raw = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.end(head + '\r\n'));
        let out = '';
        socket.on('data', (d) => (out += d));
        socket.on('end', () => resolve(out));
        socket.on('error', reject);
      });
    const hostile = await raw('DELETE /dm_members HTTP/1.1\r\nHost: a b/"<x>\r\nConnection: close\r\n');
    expect(hostile).toMatch(/^HTTP\/1\.1 405 /);
    const absolute = await raw('DELETE http://elsewhere.example/dm_members HTTP/1.1\r\nHost: x\r\nConnection: close\r\n');
    expect(absolute).toMatch(/^HTTP\/1\.1 405 /);
  });

  it('keeps serving after all of that', async () => {
    const r = await send('/dm_members', { method: 'POST', headers: auth, body: JSON.stringify({ channel_id: 'c', user_id: 'fine' }) });
    expect(r).toMatchObject({ status: 200, body: { user_id: 'fine' } });
  });
});

describe('a body nested deeper than the stack can check', () => {
  it('a recursive schema and a 10,000-deep body → 400 with one "nesting" issue, not a 500', async () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } };
    const doc = {
      openapi: '3.1.0',
      info: { title: 'Trees', version: '1' },
      paths: { '/trees': { post: { operationId: 'addTree', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Tree' } } } }, responses: { 204: { description: 'added' } } } } },
      components: { schemas: { Tree: tree } },
    };
    const stack = await stackOf(doc);
    const seen: unknown[] = [];
    const s: Server = await stack.node.serve(stack.server.createHandler({ addTree: () => ({ status: 204 }) }, { onError: (e: unknown) => seen.push(e) }), { port: 0, host: '127.0.0.1' });
    try {
      const at = `http://127.0.0.1:${(s.address() as AddressInfo).port}/trees`;
      const nest = (depth: number) => '{"children":['.repeat(depth) + '{}' + ']}'.repeat(depth);
      expect((await fetch(at, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nest(10) })).status).toBe(204);
      const deep = await fetch(at, { method: 'POST', headers: { 'content-type': 'application/json' }, body: nest(10_000) });
      expect(deep.status).toBe(400);
      expect(((await deep.json()) as { issues: unknown[] }).issues).toEqual([{ path: '/body', keyword: 'nesting', message: 'is nested too deeply to be checked', schemaPointer: '' }]);
      expect(seen).toEqual([]);
    } finally {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });
});
