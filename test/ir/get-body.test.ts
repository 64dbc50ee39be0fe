// SF3013: a request body declared on GET or HEAD is left out of the IR (fetch refuses to send one, RFC 9110 gives
// it no meaning), so no target offers it; a warning unless the body could hold nothing (Stripe's empty forms).
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';

const emptyForm = { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: {}, additionalProperties: false } } } };
const realBody = { content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } };

async function run(method: string, requestBody: unknown) {
  const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/s': { [method]: { operationId: 'search', requestBody, responses: { '204': { description: 'ok' } } } } } };
  const r = await generate({ input: doc, targets: ['types', 'client'], write: false });
  const types = r.files.find((f) => f.path === 'types.ts')?.content ?? '';
  return { ok: r.ok, diagnostics: r.diagnostics.map((d) => `${d.code} ${d.severity} ${d.pointer}`), types };
}

describe('GET and HEAD request bodies', () => {
  it.each(['get', 'head'])('%s: a body with properties is left out with a warning at the requestBody', async (method) => {
    const r = await run(method, realBody);
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([`SF3013 warning /paths/~1s/${method}/requestBody`]);
    expect(r.types).not.toMatch(/SearchBody/);
  });

  it('a required GET body is left out with a warning even when empty', async () => {
    expect((await run('get', { ...emptyForm, required: true })).diagnostics).toEqual(['SF3013 warning /paths/~1s/get/requestBody']);
  });

  it('an optional body that can hold nothing (Stripe) is left out without a word', async () => {
    const r = await run('get', emptyForm);
    expect(r.diagnostics).toEqual([]);
    expect(r.types).not.toMatch(/SearchBody/);
  });

  it('DELETE keeps its body', async () => {
    const r = await run('delete', realBody);
    expect(r.diagnostics).toEqual([]);
    expect(r.types).toMatch(/SearchBody/);
  });
});
