// SF3012: two operations of one method whose paths differ only in their parameters' names (`/a/{x}`, `/a/{y}`)
// are one route, which OpenAPI calls identical and no server can tell apart. The generator warns at the second;
// the generated server answers such a request with the first (test/runtime/server.test.ts). Segments of text and
// parameters (`{base}...{head}`) are routes of their own.
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';

const op = (id: string, ...names: string[]) => ({
  operationId: id,
  parameters: names.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
  responses: { '204': { description: 'ok' } },
});

async function diagnosticsOf(paths: Record<string, unknown>) {
  const r = await generate({ input: { openapi: '3.1.0', info: { title: 't', version: '1' }, paths }, targets: ['server'], write: false });
  return { ok: r.ok, diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, pointer: d.pointer, message: d.message })) };
}

describe('SF3012: routes no request tells apart', () => {
  it('warns at the second of two templates that differ only in parameter names (and a trailing slash), and still generates', async () => {
    const r = await diagnosticsOf({
      '/a/{x}': { get: op('first', 'x') },
      '/a/{y}/': { get: op('second', 'y'), post: op('other', 'y') },
    });
    expect(r.ok).toBe(true);
    expect(r.diagnostics).toEqual([
      {
        code: 'SF3012',
        severity: 'warning',
        pointer: '/paths/~1a~1{y}~1/get',
        message: 'GET /a/{y}/ has the route of GET /a/{x} (#/paths/~1a~1{x}/get): no request tells them apart, and the generated server answers it with the first',
      },
    ]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['segments of text and parameters are their own route (GitHub compare)', { '/c/{basehead}': { get: op('one', 'basehead') }, '/c/{base}...{head}': { get: op('two', 'base', 'head') } }],
    ['a fixed segment beside a parameter', { '/a/{x}': { get: op('one', 'x') }, '/a/me': { get: op('two') } }],
    ['different methods', { '/a/{x}': { get: op('one', 'x') }, '/a/{y}': { delete: op('two', 'y') } }],
  ])('no warning: %s', async (_, paths) => {
    expect((await diagnosticsOf(paths)).diagnostics).toEqual([]);
  });
});
