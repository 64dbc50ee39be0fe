import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generated, validatorsOf } from '../helpers/generated.js';
import { tempDir } from '../helpers/cli.js';
import { docWith } from '../helpers/spec.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

const op = (body: unknown) => ({
  '/things': {
    post: {
      operationId: 'createThing',
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer' } }],
      requestBody: { content: { 'application/json': { schema: body } } },
      responses: { '204': { description: 'done' } },
    },
  },
});

/**
 * The runtime helpers each kind of spec calls, all from one module (`runtime/validation.ts`, imported as `$`): a
 * file imports it only when it calls it, so that it compiles under noUnusedLocals (the type-check below), and
 * what the checks call does work (the values below).
 */
const CASES: Array<{ name: string; doc: Record<string, unknown>; has: string[]; lacks: string[] }> = [
  {
    name: 'nothing at all (no schemas, no operations)',
    doc: docWith({}),
    has: [],
    lacks: ['import * as $', '$.validator', '$.params', '$.fail'],
  },
  {
    name: 'one string schema, no operations',
    doc: docWith({ Name: { type: 'string' } }),
    has: ['import * as $ from "./runtime/validation.js";', '$.validator', '$.t(', 'o: $.Out'],
    lacks: ['$.params', '$.r(', '$.cpLen', '$.fmt'],
  },
  {
    name: 'lengths, multipleOf, uniqueItems and date-time',
    doc: docWith({
      Meeting: {
        type: 'object',
        required: ['at'],
        properties: {
          at: { type: 'string', format: 'date-time' },
          code: { type: 'string', minLength: 2 },
          step: { type: 'number', multipleOf: 0.5 },
          tags: { type: 'array', uniqueItems: true, items: { type: 'string' } },
        },
      },
    }),
    has: ['$.cpLen', '$.multipleOf', '$.unique', '$.fmtDateTime', '$.r(', '$.tp('],
    lacks: ['$.fmtUuid', '$.fmtEmail', '$.params'],
  },
  {
    name: 'ipv6 needs ipv4',
    doc: docWith({ Host: { type: 'string', format: 'ipv6' } }),
    has: ['$.fmtIpv6'],
    lacks: ['$.fmtDate', '$.cpLen'],
  },
  {
    name: 'an operation with a query parameter and an inline body',
    doc: { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: op({ type: 'object', properties: { id: { type: 'string', format: 'uuid' } } }) },
    has: ['$.params', '$.validator', '$.at(', '$.fmtUuid', '$.any'],
    lacks: ['$.cpLen', '$.fmtEmail'],
  },
];

describe('validators runtime: one module, imported where called', () => {
  it.each(CASES)('$name', async ({ doc, has, lacks }) => {
    const files = await generated(doc, ['types', 'validators']);
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    for (const h of has) expect(code, h).toContain(h);
    for (const h of lacks) expect(code, h).not.toContain(h);
  });

  it('every case type-checks under the strictest flags (noUnusedLocals, noUnusedParameters…), as one program', async () => {
    const dir = tempDir();
    const paths: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const files = await generated(c.doc, ['types', 'validators', 'client', 'server']);
      mkdirSync(join(dir, `case${i}`));
      paths.push(...writeFiles(join(dir, `case${i}`), files));
    }
    expect(typecheck(paths, 'strictest')).toEqual([]);
  });

  it('the helpers kept do their work', async () => {
    const v = await validatorsOf(CASES[2]!.doc);
    expect(v.Meeting.is({ at: '2026-12-01T10:00:00Z', code: 'ab', step: 1.5, tags: ['a', 'b'] })).toBe(true);
    const bad = v.Meeting.validate({ at: '2026-13-01T10:00:00Z', code: '😀', step: 0.7, tags: ['a', 'a'] });
    expect(bad.issues.map((i: { keyword: string }) => i.keyword).sort()).toEqual(['format', 'minLength', 'multipleOf', 'uniqueItems']);
    const ip = await validatorsOf(CASES[3]!.doc);
    expect(ip.Host.is('::ffff:192.0.2.1')).toBe(true);
    expect(ip.Host.is('::ffff:192.0.2.256')).toBe(false);
  });
});
