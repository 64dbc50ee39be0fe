import { describe, expect, it } from 'vitest';
import { generate, type GeneratedFile } from '../../dist/index.js';
// @ts-expect-error: a plain ES module shared with the scaling bench (npm run bench:scaling)
import { SHAPES } from '../../bench/shapes.mjs';
import { tempDir } from '../helpers/cli.js';
import { importAll, importGenerated } from '../helpers/generated.js';
import { irOf } from '../helpers/spec.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// Specs shaped to reach the paths that were fine at real specs' sizes and broke at thousands: a chain of refs
// overflowed the validators compiler's stack; marking directions, printing a discriminated union and claiming
// colliding names were quadratic. Each must generate every target, right. How long they take is measured by
// `npm run bench:scaling`, not here.
const shape = (name: string, n: number): Record<string, unknown> => (SHAPES as Record<string, (n: number) => Record<string, unknown>>)[name]!(n);

async function files(doc: Record<string, unknown>): Promise<GeneratedFile[]> {
  const r = await generate({ input: doc, write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.files;
}

const text = (fs: GeneratedFile[], path: string) => fs.find((f) => f.path === path)!.content;

/** The smallest unclaimed `base`, `base2`, `base3`… at each claim, the slow way. */
function naiveClaims(bases: string[], taken: Set<string>): string[] {
  return bases.map((base) => {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  });
}

describe('specs of thousands', () => {
  it('a chain of 1,500 refs (the stack overflowed at about 1,000): every target generates, and the validators check the chain to its end', async () => {
    const n = 1500;
    const fs = await files(shape('refChain', n));
    // The validators module (it imports the types module for types only) and the runtime it calls.
    const V = await importGenerated(fs, 'validators.ts');
    // A value 200 links deep, then one whose id 150 links down is not an integer.
    let good: Record<string, unknown> = { id: 199 };
    for (let i = 198; i >= 0; i--) good = { id: i, next: good };
    expect(V.S0.is(good)).toBe(true);
    const bad = structuredClone(good);
    let at = bad;
    for (let i = 0; i < 150; i++) at = at.next as Record<string, unknown>;
    at.id = 'x';
    const r = V.S0.validate(bad);
    expect(r.ok).toBe(false);
    expect(r.issues.map((i: { path: string; schemaPointer: string }) => [i.path, i.schemaPointer])).toEqual([
      [`${'/next'.repeat(150)}/id`, '/components/schemas/S150/properties/id/type'],
    ]);
    // The last link's function is there too: its readOnly property is not sent.
    expect(text(fs, 'validators.ts')).toContain(`function $c_S${n - 1}_w(`);
  }, 60_000);

  it('a readOnly property at the end of a chain of 3,000 refs gives every schema of the chain a write variant', async () => {
    const doc = shape('refChain', 3000);
    (doc.components as { schemas: Record<string, unknown> }).schemas.Apart = { type: 'object', properties: { s: { $ref: '#/components/schemas/Alone' } } };
    (doc.components as { schemas: Record<string, unknown> }).schemas.Alone = { type: 'object', properties: { id: { type: 'integer' } } };
    const ir = await irOf(doc);
    const marked = ir.schemas.filter((s) => s.differsByDirection).map((s) => s.name);
    expect(marked.length).toBe(3000);
    expect(marked).not.toContain('Apart');
    expect(marked).not.toContain('Alone');
    expect(ir.schemas.find((s) => s.name === 'S0')!.writeName).toBe('S0Writable');
  }, 60_000);

  it('a discriminated oneOf of 1,500 members: each member carries its tags, in mapping order', async () => {
    const fs = await files(shape('wideOneOf', 1500));
    const types = text(fs, 'types.ts');
    expect(types).toContain('(M0 & { kind: "first" | "zeroth" })');
    expect(types).toContain('(M1 & { kind: "M1" })');
    expect(types).toContain('(M1499 & { kind: "M1499" })');
    const V = await importGenerated(fs, 'validators.ts');
    expect(V.U.is({ kind: 'M1499', v1499: 'a' })).toBe(true);
    expect(V.U.is({ kind: 'zeroth' })).toBe(true);
    expect(V.U.is({ kind: 'M1499', v1499: 1 })).toBe(false);
    expect(V.U.is({ kind: 'M1500' })).toBe(false);
  }, 60_000);

  it('objects nested 250 deep, just inside the nesting limit: every target type-checks, and the validators reach the bottom', async () => {
    // TypeScript's parser overflowed its stack on the types of a schema nested 500 deep: the limit is 256.
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 250; i++) schema = { type: 'object', required: ['a'], properties: { a: schema } };
    const doc = { openapi: '3.1.0', info: { title: 'deep', version: '1' }, paths: {}, components: { schemas: { Deep: schema } } };
    const fs = await files(doc);
    const paths = writeFiles(tempDir(), fs.map((f) => ({ path: f.path, content: f.content })));
    expect(typecheck(paths, 'bundler')).toEqual([]);
    const V = await (await importAll(fs))('validators.ts');
    let value: unknown = 'leaf';
    for (let i = 0; i < 250; i++) value = { a: value };
    expect(V.Deep.is(value)).toBe(true);
    let bad: unknown = 7;
    for (let i = 0; i < 250; i++) bad = { a: bad };
    expect(V.Deep.validate(bad).issues.map((i: { path: string }) => i.path)).toEqual(['/a'.repeat(250)]);
  }, 120_000);

  it('2,000 schema keys that all make the name A: A, A2, A4… as the one-by-one rule gives (A3 is a key of its own)', async () => {
    const ir = await irOf(shape('sameNames', 2000));
    const components = ir.schemas.filter((s) => s.origin === 'component');
    // Claimed in code-point order of the keys: `A3` first, then `a`, `a_`, `a__`…
    const keys = components.map((s) => s.id.slice('/components/schemas/'.length)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const want = naiveClaims(keys.map((k) => (k === 'A3' ? 'A3' : 'A')), new Set());
    const byKey = new Map(components.map((s) => [s.id.slice('/components/schemas/'.length), s.name]));
    expect(keys.map((k) => byKey.get(k))).toEqual(want);
    expect(want.slice(0, 5)).toEqual(['A3', 'A', 'A2', 'A4', 'A5']);
    // Their 2,000 hoisted enums, all on one base too, get names of their own.
    const hoisted = ir.schemas.filter((s) => s.origin === 'hoisted').map((s) => s.name);
    expect(hoisted.length).toBe(2000);
    expect(new Set([...hoisted, ...want]).size).toBe(2000 + want.length);
  }, 60_000);

  it('2,000 operations whose ids all make the name list: unique names, types and client methods', async () => {
    const ir = await irOf(shape('sameOperationNames', 2000));
    const byId = [...ir.operations].sort((a, b) => (a.operationId < b.operationId ? -1 : 1));
    expect(byId.map((op) => op.name)).toEqual(naiveClaims(byId.map(() => 'list'), new Set()));
    expect(byId.slice(0, 3).map((op) => op.typeNames.response)).toEqual(['ListResponse', 'ListResponse2', 'ListResponse3']);
    const { targetNames } = await import('../../dist/ir/passes/target-names.js');
    const table = targetNames(ir);
    expect(new Set(ir.operations.map((op) => table.get(op)!.clientMethod)).size).toBe(2000);
    await files(shape('sameOperationNames', 2000));
  }, 60_000);
});
