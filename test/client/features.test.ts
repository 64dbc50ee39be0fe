import { afterEach, describe, expect, it } from 'vitest';
import { clientOf } from '../helpers/generated.js';
import { json, serve } from '../helpers/server.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('client bodies, auth placements, query styles, pagination (specs/features/client-wire.yaml)', () => {
  it('the default base URL is the first server with its variables at their defaults', async () => {
    const { DEFAULT_BASE_URL } = await clientOf('specs/features/client-wire.yaml');
    expect(DEFAULT_BASE_URL).toBe('https://eu.files.example/v1');
  });

  it('multipart with a Blob, octet-stream, text, 204 and binary responses; apiKey in header, cookie, query; no auth where security is []', async () => {
    const s = await serve((req, res) => {
      if (req.url!.startsWith('/files?')) return json(res, 200, { data: [], has_more: false });
      if (req.method === 'POST' && req.url === '/files') return json(res, 201, { id: 'f1' });
      if (req.method === 'PUT') {
        res.writeHead(204);
        return res.end();
      }
      if (req.url === '/files/f1/content') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(Buffer.from([0, 1, 2, 255]));
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('echo: ' + req.body);
    });
    close = s.close;
    const { createClient } = await clientOf('specs/features/client-wire.yaml');
    const client = createClient({ baseUrl: s.url, auth: { apiKeyHeader: 'hk', apiKeyQuery: 'qk', apiKeyCookie: async () => 'ck' } });

    expect(await client.files.upload({ body: { file: new Blob(['hello'], { type: 'text/plain' }), tags: ['a', 'b'] } })).toEqual({ id: 'f1' });
    const up = s.requests[0]!;
    expect(up.headers['x-api-key']).toBe('hk');
    expect(up.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(up.body).toContain('name="file"');
    expect(up.body).toContain('hello');
    expect(up.body.match(/name="tags"/g)).toHaveLength(2);

    expect(await client.files.putContent('f1', { body: new Uint8Array([9, 8]) })).toBeUndefined();
    const put = s.requests[1]!;
    expect(put.headers['content-type']).toBe('application/octet-stream');
    expect(put.headers.cookie).toBe('session=ck');
    expect(put.headers['x-api-key']).toBeUndefined();

    const blob = await client.files.getContent('f1');
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);

    expect(await client.notes.add({ body: 'hi there' })).toBe('echo: hi there');
    const note = s.requests[3]!;
    expect(note.headers['content-type']).toBe('text/plain');
    expect(note.headers['x-api-key']).toBeUndefined();

    await client.files.list({ query: { ids: [1, 2], kinds: ['a', 'b c'], filter: { owner: 'ada', big: true } } }, { auth: { apiKeyQuery: 'override' } });
    expect(s.requests[4]!.url).toBe('/files?ids=1%202&kinds=a%7Cb%20c&filter%5Bowner%5D=ada&filter%5Bbig%5D=true&api_key=override');
  });

  it('cursor pagination (starting_after + has_more) and next-URL pagination', async () => {
    const s = await serve((req, res) => {
      const url = new URL(req.url!, 'http://x');
      if (url.pathname === '/files') {
        const after = url.searchParams.get('starting_after');
        const from = after === null ? 0 : Number(after.slice(1)) + 1;
        const data = Array.from({ length: Math.min(3, 7 - from) }, (_, i) => ({ id: `f${from + i}` }));
        return json(res, 200, { data, has_more: from + 3 < 7 });
      }
      const page = Number(url.searchParams.get('p') ?? 0);
      json(res, 200, { items: [{ n: page * 2 }, { n: page * 2 + 1 }], next: page < 2 ? `/events?p=${page + 1}` : null });
    });
    close = s.close;
    const { createClient } = await clientOf('specs/features/client-wire.yaml');
    const client = createClient({ baseUrl: s.url, auth: { apiKeyQuery: 'q', apiKeyHeader: 'h' } });
    const files: string[] = [];
    for await (const f of client.files.listAll()) files.push(f.id);
    expect(files).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect(s.requests.map((r) => r.url)).toEqual(['/files?api_key=q', '/files?starting_after=f2&api_key=q', '/files?starting_after=f5&api_key=q']);
    const events: number[] = [];
    for await (const e of client.events.listAll()) events.push(e.n!);
    expect(events).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.requests.slice(3).map((r) => r.url)).toEqual(['/events', '/events?p=1', '/events?p=2']);
    expect(s.requests.slice(3).every((r) => r.headers['x-api-key'] === 'h')).toBe(true);
  });
});
