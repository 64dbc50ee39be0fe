import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { docWith } from '../helpers/spec.js';
import { importTs, typecheck, writeFiles } from '../helpers/typecheck.js';

async function typesOf(doc: Record<string, unknown>): Promise<string> {
  const r = await generate({ input: doc, targets: ['types'], write: false });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics, null, 2));
  return r.files.find((f) => f.path === 'types.ts')!.content;
}

function compiles(content: string): string[] {
  const dir = tempDir();
  return typecheck(writeFiles(dir, [{ path: 'types.ts', content }]), 'nodenext');
}

describe('types printer', () => {
  it('quotes property names only where needed', async () => {
    const names = ['plain', 'with-dash', 'with space', 'has"quote', "it's", '1leading', 'dot.ted', '[x]', '', 'ünï', '__proto__', 'constructor', 'class', '200'];
    const out = await typesOf(docWith({ P: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) } }));
    for (const line of ['plain?: string;', '"with-dash"?: string;', '"with space"?: string;', `'has"quote'?: string;`, `"it's"?: string;`, '"1leading"?: string;', '"dot.ted"?: string;', '"[x]"?: string;', '""?: string;', '"ünï"?: string;', '"__proto__"?: string;', 'constructor?: string;', 'class?: string;', '"200"?: string;']) {
      expect(out).toContain(`  ${line}`);
    }
    expect(compiles(out)).toEqual([]);
  });

  it('descriptions cannot end the comment or break the file', async () => {
    const evil = 'Ends here */ console.log("pwned"); /* and\u2028line\u2029sep\u0000nul `tick` ${x} <!-- \\';
    const out = await typesOf(docWith({ E: { type: 'object', description: evil, properties: { a: { type: 'string', description: evil } } } }));
    expect(out).not.toContain('*/ console.log');
    expect(out).toContain('*\\/ console.log');
    expect(out).not.toMatch(/[\u2028\u2029\u0000]/);
    expect(out).toContain('\\u2028');
    expect(compiles(out)).toEqual([]);
  });

  it('enum values with quotes, newlines and code stay string literals', async () => {
    const values = [`'); process.exit(1); ('`, 'line\nbreak', 'back\\slash', '"double"', '${x}', '\u2028'];
    const out = await typesOf(docWith({ E: { type: 'string', enum: values } }));
    expect(out).toContain(`"'); process.exit(1); ('"`);
    expect(out).toContain('"line\\nbreak"');
    expect(out).toContain('"back\\\\slash"');
    expect(out).toContain(`'"double"'`);
    expect(out).toContain('"\\u2028"');
    expect(compiles(out)).toEqual([]);
    // The const object holds exactly the values.
    const mod = await importTs(out);
    expect(Object.values(mod.E as object)).toEqual(values);
  });

  it('enums: a string-literal union and a const object of the values, no TS enum', async () => {
    const out = await typesOf(docWith({ Status: { type: 'string', enum: ['requested', 'accepted'], description: 'The status' } }));
    expect(out).toContain('/** The status */\nexport type Status = "requested" | "accepted";\nexport const Status = {\n  Requested: "requested",\n  Accepted: "accepted",\n} as const;\n');
    expect(out).not.toMatch(/\benum\b/);
  });

  it('additionalProperties: index signatures that accept the declared properties', async () => {
    const out = await typesOf(
      docWith({
        Open: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: true },
        Closed: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
        Typed: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'], additionalProperties: { type: 'boolean' } },
        Counts: { type: 'object', additionalProperties: { type: 'integer' } },
      }),
    );
    expect(out).toContain('export interface Open {\n  a?: string;\n  [key: string]: unknown;\n}');
    expect(out).toContain('export interface Closed {\n  a?: string;\n}');
    expect(out).toContain('  [key: string]: boolean | string | number | undefined;');
    expect(out).toContain('export type Counts = Record<string, number>;');
    expect(compiles(out)).toEqual([]);
  });

  it('readOnly/writeOnly: read and write variants', async () => {
    const out = await typesOf(
      docWith({
        User: { type: 'object', required: ['id', 'name', 'password'], properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' }, password: { type: 'string', writeOnly: true } } },
        Team: { type: 'object', properties: { owner: { $ref: '#/components/schemas/User' } } },
      }),
    );
    expect(out).toContain('export interface User {\n  id: string;\n  name: string;\n}');
    expect(out).toContain('export interface UserWritable {\n  name: string;\n  password: string;\n}');
    expect(out).toContain('export interface TeamWritable {\n  owner?: UserWritable;\n}');
    expect(compiles(out)).toEqual([]);
  });

  it('discriminated unions narrow on the tag; recursive schemas compile', async () => {
    const out = await typesOf(
      docWith({
        Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
        Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } },
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } } },
        Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
      }),
    );
    expect(out).toContain('export type Pet = (Cat & { kind: "cat" }) | (Dog & { kind: "dog" });');
    expect(out).toContain('children?: Tree[];');
    const probe = out + '\nexport function f(p: Pet): "cat" | "dog" { if (p.kind === "cat") { const c: Cat = p; return c.kind as "cat"; } return p.kind; }\n';
    expect(compiles(probe)).toEqual([]);
  });

  it('long unions break the way prettier does', async () => {
    const values = ['requested', 'accepted', 'hidden', 'closed', 'archived', 'something_longer', 'and_more_values'];
    const out = await typesOf(docWith({ S: { type: 'string', enum: values }, O: { type: 'object', properties: { a_fairly_long_property_name: { oneOf: values.map((v) => ({ const: v })) } } } }));
    expect(out).toContain('export type S =\n  | "requested"\n  | "accepted"\n');
    expect(out).toContain('  a_fairly_long_property_name?:\n    | "requested"\n');
    const prettier = await import('prettier');
    expect(await prettier.format(out, { parser: 'typescript' })).toBe(out);
  });
});

describe('the type-check helper', () => {
  it('reports errors (so that an empty list means something)', () => {
    expect(compiles('export const n: number = "not a number";\n')).toHaveLength(1);
  });
});
