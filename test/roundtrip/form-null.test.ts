import { describe, expect, it } from 'vitest';
import { stackOf } from '../helpers/generated.js';
import { generatedServers } from '../helpers/server.js';
import { formOperationDoc } from '../helpers/spec.js';

const start = generatedServers();

// A form body has no null: the client sends a field's null as an empty value (`LastConsumedMessageIndex=`, as
// Twilio documents), and the server reads an empty value of a nullable integer, number or boolean back as null.
// A string's empty value stays the empty string: a form cannot tell it from null (README, "Serialization").

const spec = formOperationDoc(
  '/channels/{Sid}',
  'updateChannel',
  {
    LastConsumedMessageIndex: { type: ['integer', 'null'] },
    Ratio: { type: ['number', 'null'] },
    Muted: { type: ['boolean', 'null'] },
    Note: { type: ['string', 'null'] },
    Count: { type: 'integer' },
    Levels: { type: 'array', items: { type: ['integer', 'null'] } },
  },
  { parameters: [{ name: 'Sid', in: 'path', required: true, schema: { type: 'string' } }] },
);

describe('null in form bodies, client to server over HTTP', () => {
  it('a nullable integer, number or boolean sent as null arrives as null; a nullable string as ""; values as values', async () => {
    const { client, server, node } = await stackOf(spec);
    const seen: unknown[] = [];
    const handler = server.createHandler({ updateChannel: ({ body }: { body: unknown }) => (seen.push(body), { status: 200, body: {} }) });
    const core = client.createCore({ baseUrl: await start(node, handler) });
    await client.updateChannel(core, 'CH1', { body: { LastConsumedMessageIndex: null, Ratio: null, Muted: null, Note: null, Levels: [1, null] } });
    await client.updateChannel(core, 'CH1', { body: { LastConsumedMessageIndex: 10, Ratio: 0.5, Muted: false, Note: 'hi', Count: 3 } });
    expect(seen).toEqual([
      { LastConsumedMessageIndex: null, Ratio: null, Muted: null, Note: '', Levels: [1, null] },
      { LastConsumedMessageIndex: 10, Ratio: 0.5, Muted: false, Note: 'hi', Count: 3 },
    ]);
    // A non-nullable integer sent empty is still refused, with its pointer.
    const refused = await client.updateChannel(core, 'CH1', { body: { Count: null } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 400, body: { issues: [expect.objectContaining({ path: '/body/Count', keyword: 'type' })] } });
  });
});
