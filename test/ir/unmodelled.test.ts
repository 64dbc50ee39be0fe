import { describe, expect, it } from 'vitest';
import { buildIr, generate } from '../../dist/index.js';
import { docWith } from '../helpers/spec.js';

/** [schema, the SF3011 pointers expected] — every keyword the IR has no place for is named where it stands. */
const CASES: Array<[string, Record<string, unknown>, string[]]> = [
  ['if/then/else', { S: { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: {} } }, ['/components/schemas/S/if', '/components/schemas/S/then', '/components/schemas/S/else']],
  ['contains with its bounds', { S: { type: 'array', contains: { type: 'string' }, minContains: 2, maxContains: 3 } }, ['/components/schemas/S/contains', '/components/schemas/S/minContains', '/components/schemas/S/maxContains']],
  ['propertyNames, deep inside a property', { S: { type: 'object', properties: { tags: { type: 'object', propertyNames: { pattern: '^[a-z]+$' } } } } }, ['/components/schemas/S/properties/tags/propertyNames']],
  ['dependentRequired and dependentSchemas', { S: { type: 'object', dependentRequired: { a: ['b'] }, dependentSchemas: { c: { required: ['d'] } } } }, ['/components/schemas/S/dependentRequired', '/components/schemas/S/dependentSchemas']],
  ['unevaluated*', { S: { allOf: [{ type: 'object' }], unevaluatedProperties: false }, L: { type: 'array', unevaluatedItems: false } }, ['/components/schemas/L/unevaluatedItems', '/components/schemas/S/unevaluatedProperties']],
  ['a "properties" entry named like a keyword is not one', { S: { type: 'object', properties: { if: { type: 'string' }, contains: { type: 'string' } } } }, []],
];

describe('SF3011: schema keywords the generator does not model are warned about, at the keyword', () => {
  it.each(CASES)('%s', async (_name, schemas, pointers) => {
    const { ir, diagnostics } = await buildIr(docWith(schemas));
    expect(ir).toBeDefined();
    const found = diagnostics.filter((d) => d.code === 'SF3011');
    expect(found.map((d) => d.pointer).sort()).toEqual([...pointers].sort());
    for (const d of found) expect(d.severity).toBe('warning');
  });

  it('is a warning only: every target is still generated', async () => {
    const r = await generate({ input: docWith({ S: { type: 'object', propertyNames: { maxLength: 3 } } }), write: false });
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => f.path)).toContain('validators.ts');
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['SF3011', '/components/schemas/S/propertyNames']]);
    expect(r.diagnostics[0]!.message).toContain("'propertyNames' is not modelled");
  });
});
