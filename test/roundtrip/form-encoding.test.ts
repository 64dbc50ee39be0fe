import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';
import { formOperationDoc } from '../helpers/spec.js';

const start = generatedServers();

// A form body's Encoding Object says how its properties are written: Stripe styles its arrays `deepObject`
// (`expand[]=a`; Rack-style parsers keep only the last of a repeated key), others write arrays unexploded (`a,b`).
// The client writes each property in its style and the server reads it back, over HTTP.

const spec = formOperationDoc(
  '/charges',
  'createCharge',
  {
    expand: { type: 'array', items: { type: 'string' } },
    ids: { type: 'array', items: { type: 'integer' } },
    words: { type: 'array', items: { type: 'string' } },
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
    tags: { type: 'array', items: { type: 'string' } },
  },
  {
    encoding: {
      expand: { style: 'deepObject', explode: true },
      ids: { explode: false },
      words: { style: 'pipeDelimited' },
      metadata: { style: 'deepObject', explode: true },
    },
  },
);

describe('form bodies written by their Encoding Object, client to server over HTTP', () => {
  it('deepObject arrays in brackets, unexploded and pipe-delimited arrays joined, the rest as before; each read back', async () => {
    const { client, server, node } = await stackOf(spec);
    const seen: unknown[] = [];
    const handler = server.createHandler({
      createCharge: ({ body }: { body: unknown }) => (seen.push(body), { status: 200, body: {} }),
    });
    // The wire, seen by a fetch in between.
    const wire: string[] = [];
    const baseUrl = await start(node, handler);
    const core = client.createCore({
      baseUrl,
      fetch: async (url: string, init: RequestInit) => (wire.push(decodeURIComponent(String(init.body))), fetch(url, init)),
    });
    const body = { expand: ['customer', 'invoice'], ids: [1, 2], words: ['a', 'b'], metadata: { k: 'v' }, tags: ['x', 'y'] };
    await client.createCharge(core, { body });
    expect(wire).toEqual(['expand[]=customer&expand[]=invoice&ids=1,2&words=a|b&metadata[k]=v&tags=x&tags=y']);
    expect(seen).toEqual([body]);
  });

  it('a wrong encoding keyword is refused at its pointer (the OpenAPI schema check, SF3001, then the IR build, SF3002)', async () => {
    const bad = structuredClone(spec) as any;
    bad.paths['/charges'].post.requestBody.content['application/x-www-form-urlencoded'].encoding.ids = { style: 'matrix', explode: 'yes' };
    const r = await generate({ input: bad, targets: ['types'], write: false });
    const at = '/paths/~1charges/post/requestBody/content/application~1x-www-form-urlencoded/encoding/ids';
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.code} ${d.pointer}`).sort()).toEqual([`SF3001 ${at}/explode`, `SF3001 ${at}/style`, `SF3002 ${at}/explode`, `SF3002 ${at}/style`]);
  });
});
