import { describe, expect, it } from 'vitest';
import { buildIr, generate } from '../../dist/index.js';
import { docWith } from '../helpers/spec.js';

/** [schema, the SF3011 pointers expected] — every keyword the IR has no place for is named where it stands. */
const CASES: Array<[string, Record<string, unknown>, string[]]> = [
  ['$dynamicRef', { S: { $dynamicRef: '#meta' } }, ['/components/schemas/S/$dynamicRef']],
  ['$dynamicRef deep inside a property', { S: { type: 'object', properties: { tags: { type: 'array', items: { $dynamicRef: '#item' } } } } }, ['/components/schemas/S/properties/tags/items/$dynamicRef']],
  // Modelled since: no warning.
  ['unevaluated*', { S: { allOf: [{ type: 'object' }], unevaluatedProperties: false }, L: { type: 'array', unevaluatedItems: false } }, []],
  ['if/then/else', { S: { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: {} } }, []],
  ['contains with its bounds', { S: { type: 'array', contains: { type: 'string' }, minContains: 2, maxContains: 3 } }, []],
  ['propertyNames, dependentRequired, dependentSchemas', { S: { type: 'object', propertyNames: { maxLength: 3 }, dependentRequired: { a: ['b'] }, dependentSchemas: { c: { required: ['d'] } } } }, []],
  ['a "properties" entry named like a keyword is not one', { S: { type: 'object', properties: { unevaluatedItems: { type: 'string' }, $dynamicRef: { type: 'string' } } } }, []],
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
    const r = await generate({ input: docWith({ S: { type: 'object', properties: { x: { $dynamicRef: '#x' } } } }), write: false });
    expect(r.ok).toBe(true);
    expect(r.files.map((f) => f.path)).toContain('validators.ts');
    expect(r.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['SF3011', '/components/schemas/S/properties/x/$dynamicRef']]);
    expect(r.diagnostics[0]!.message).toContain("'$dynamicRef' is not modelled");
  });
});
