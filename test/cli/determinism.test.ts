import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';
import { GOLDEN_SPECS } from '../helpers/golden-specs.js';

/** The same object with the keys of every object reversed (deeply), except where order is meaning. */
function reverseKeys(v: unknown, keepOrder = false): unknown {
  if (Array.isArray(v)) return v.map((x) => reverseKeys(x));
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v as Record<string, unknown>);
  if (!keepOrder) entries.reverse();
  // Property order is declaration order by design: keep `properties` maps in spec order.
  return Object.fromEntries(entries.map(([k, x]) => [k, reverseKeys(x, k === 'properties')]));
}

async function typesOf(input: string | object): Promise<string> {
  const r = await generate({ input, write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // The runtime modules are the same for every spec (test/golden holds them to src/runtime).
  return r.files.filter((f) => !f.path.startsWith('runtime/')).map((f) => `// ${f.path}\n${f.content}`).join('\n');
}

describe('determinism', () => {
  it.each(Object.entries(GOLDEN_SPECS))('%s: generating twice gives identical bytes', async (_n, spec) => {
    expect(await typesOf(join(ROOT, spec))).toBe(await typesOf(join(ROOT, spec)));
  });

  it.each(Object.entries(GOLDEN_SPECS).filter(([n]) => n !== 'multi-file'))(
    '%s: reversed key order (paths, methods, components, responses) gives the same output',
    async (_n, spec) => {
      const doc = parse(readFileSync(join(ROOT, spec), 'utf8')) as object;
      expect(await typesOf(reverseKeys(doc) as object)).toBe(await typesOf(doc));
    },
  );

  it('property order follows the spec (the documented rule), everything else is sorted', async () => {
    const doc = (props: string[]) => ({
      openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {},
      components: { schemas: { B: { type: 'object', properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])) }, A: { type: 'string' } } },
    });
    const ab = await typesOf(doc(['x', 'y']));
    const ba = await typesOf(doc(['y', 'x']));
    expect(ab.indexOf('x?: string')).toBeLessThan(ab.indexOf('y?: string'));
    expect(ba.indexOf('y?: string')).toBeLessThan(ba.indexOf('x?: string'));
    expect(ab.indexOf('export type A')).toBeLessThan(ab.indexOf('export interface B'));
  });
});
