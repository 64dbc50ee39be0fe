import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIr } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';
import { FEATURE_SPECS } from '../helpers/swagger2.js';

/**
 * specs/swagger2/: one small Swagger 2.0 spec per conversion rule, each with its golden IR (test/ir/swagger2/<name>.json:
 * the IR as --dump-ir prints it, and the diagnostics with the file, line and column they point at in the 2.0 text).
 * UPDATE_GOLDEN=1 rewrites them; a review reads the diff.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const DIR = join(ROOT, 'test/ir/swagger2');

describe('Swagger 2.0 feature specs → golden IR', () => {
  it.each(Object.entries(FEATURE_SPECS))('%s', async (name, file) => {
    const { ir, diagnostics } = await buildIr(file);
    expect(ir, JSON.stringify(diagnostics)).toBeDefined();
    const golden = {
      diagnostics: diagnostics.map((d) => ({ ...d, file: d.file === undefined ? undefined : relative(ROOT, d.file) })),
      ir,
    };
    const text = JSON.stringify(golden, null, 2) + '\n';
    const path = join(DIR, `${name}.json`);
    if (update) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, text);
    }
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});

describe('Swagger 2.0 diagnostics point into the 2.0 document', () => {
  const spec = (paths: unknown, extra: Record<string, unknown> = {}) => ({ swagger: '2.0', info: { title: 't', version: '1' }, paths, ...extra });
  const cases: Array<[string, { doc: Record<string, unknown>; code: string; pointer: string }]> = [
    [
      'schema validation (the Swagger 2.0 schema)',
      { doc: spec({ '/a': { get: { responses: { '200': { description: 'ok', schema: { type: 'strin' } } } } } }), code: 'SF3001', pointer: '/paths/~1a/get/responses/200/schema/type' },
    ],
    [
      'an IR error in a body parameter (requestBody in 3.x)',
      { doc: spec({ '/a': { post: { parameters: [{ name: 'q', in: 'query', type: 'string' }, { name: 'b', in: 'body', schema: { $ref: '#/definitions/Nope' } }], responses: { '204': { description: 'ok' } } } } }), code: 'SF2001', pointer: '/paths/~1a/post/parameters/1/schema/$ref' },
    ],
    [
      'an IR error in a parameter numbered anew (the body before it is gone)',
      { doc: spec({ '/a': { post: { parameters: [{ name: 'b', in: 'body', schema: {} }, { name: 'id', in: 'path', required: true, type: 'string' }], responses: { '204': { description: 'ok' } } } } }), code: 'SF3005', pointer: '/paths/~1a/post/parameters/1' },
    ],
    [
      'an IR error in a definition',
      { doc: spec({}, { definitions: { A: { type: 'object', properties: { b: { $ref: '#/definitions/B' } } } } }), code: 'SF2001', pointer: '/definitions/A/properties/b/$ref' },
    ],
    [
      'an IR error under a nullable $ref (wrapped in anyOf by the upgrade)',
      { doc: spec({}, { definitions: { A: { type: 'object', properties: { b: { $ref: '#/definitions/Nope', 'x-nullable': true } } } } }), code: 'SF2001', pointer: '/definitions/A/properties/b/$ref' },
    ],
    [
      'an IR error in a form field',
      { doc: spec({ '/a': { post: { parameters: [{ name: 'f', in: 'formData', type: 'string', pattern: '(' }], responses: { '204': { description: 'ok' } } } } }), code: 'SF3009', pointer: '/paths/~1a/post/parameters/0/pattern' },
    ],
    [
      'an IR error in a shared response',
      { doc: spec({ '/a': { get: { responses: { '404': { $ref: '#/responses/Gone' } } } } }, { responses: { Gone: { description: 'gone', schema: { $ref: '#/definitions/Nope' } } } }), code: 'SF2001', pointer: '/responses/Gone/schema/$ref' },
    ],
    [
      'a lossy collectionFormat (SF1020)',
      { doc: spec({ '/a': { get: { parameters: [{ name: 'ids', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'tsv' }], responses: { '204': { description: 'ok' } } } } }), code: 'SF1020', pointer: '/paths/~1a/get/parameters/0/collectionFormat' },
    ],
  ];
  it.each(cases)('%s', async (_name, { doc, code, pointer }) => {
    const { diagnostics } = await buildIr(doc);
    expect(diagnostics.map((d) => [d.code, d.pointer])).toContainEqual([code, pointer]);
  });
});
