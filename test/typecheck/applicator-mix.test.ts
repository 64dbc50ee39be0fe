import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { generated } from '../helpers/generated.js';
import { docWith } from '../helpers/spec.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';
import { rng, type Random } from '../validators/values.js';

const KEYWORDS = [
  'properties', 'allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'additionalProperties', 'patternProperties', 'prefixItems',
  'items', 'contains', 'unevaluatedProperties', 'unevaluatedItems', 'dependentSchemas', '$ref', 'not',
] as const;
const LEAVES: unknown[] = [{}, true, false, { type: 'string' }, { $ref: '#/components/schemas/Closed' }];
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A random schema of the keywords whose checks are code the compiler writes and leaves out by turns. */
function schema(r: Random, depth: number): unknown {
  if (depth > 3) return pick(r, LEAVES);
  const s: Record<string, unknown> = {};
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
    const k = pick(r, KEYWORDS);
    if (k === 'properties') s.properties = { a: schema(r, depth + 1), b: schema(r, depth + 1) };
    else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf' || k === 'prefixItems') s[k] = [schema(r, depth + 1), schema(r, depth + 1)];
    else if (k === 'patternProperties') s[k] = { '^x': schema(r, depth + 1) };
    else if (k === 'dependentSchemas') s[k] = { a: schema(r, depth + 1) };
    else if (k === '$ref') s.$ref = '#/components/schemas/Closed';
    else s[k] = schema(r, depth + 1);
  }
  return s;
}

/**
 * Random mixes of the applicators (`unevaluated*` among them, and `false` where a schema goes), 150 schemas per
 * seed: the validators compile under the strictest flags. The compiler leaves out what a check does not read
 * (an item's local beside `items: false`, a test of what was evaluated that another part makes moot), and
 * `noUnusedLocals` catches whatever it misses. Found: `prefixItems: [false]` and `items: false` declared an
 * unread local; an `unevaluatedProperties` that accepts anything looped over the keys for nothing.
 */
describe('validators of random applicator mixes type-check under the strictest flags', () => {
  it.each([1, 2])('seed %i', async (seed) => {
    const r = rng(seed);
    const schemas: Record<string, unknown> = { Closed: { type: 'object', properties: { z: {} }, unevaluatedProperties: false } };
    for (let i = 0; i < 150; i++) schemas[`S${i}`] = schema(r, 0);
    const files = await generated(docWith(schemas), ['types', 'validators']);
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });

  it('a closed tuple (prefixItems, items: false), the common 3.1 idiom', async () => {
    const files = await generated(docWith({ Pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }, Never: { type: 'object', patternProperties: { '^x-': false } } }), ['types', 'validators']);
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    expect(code).not.toMatch(/const z = v\[i\];/);
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });
});
