import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, type GeneratedFile } from '../../dist/index.js';
import { cli, tempDir } from '../helpers/cli.js';
import { importAll } from '../helpers/generated.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// Findings 6, 7 and 9 of the outside review (issue 24): valid specs whose output did not load or compile, or
// could say something other than it meant, while the CLI exited 0; and two CLI slips. Each case failed before
// its fix. (Findings 3, 4 and 5 are the runtime's: test/runtime/; 1, 2 and 8: test/write/, test/parse/.)

const info = { title: 't', version: '1' };
const ok = { '200': { description: 'ok' } };

async function generated(doc: object): Promise<GeneratedFile[]> {
  const r = await generate({ input: doc, write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.files;
}

/** Every generated file, type-checked under the strictest flags; returns the errors. */
function strictest(files: GeneratedFile[]): string[] {
  return typecheck(writeFiles(tempDir(), files), 'strictest');
}

const text = (files: GeneratedFile[], path: string) => files.find((f) => f.path === path)!.content;

describe('finding 6: valid specs give output that loads', () => {
  it('names with digits that are not identifier characters (², ½, ①) become identifiers, and everything compiles', async () => {
    const doc = {
      openapi: '3.1.0',
      info,
      paths: {
        '/v2': { get: { operationId: 'getV²', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Half' } } } } } } },
        '/c/{①}': { get: { operationId: '①', parameters: [{ name: '①', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
        '/h': { get: { operationId: 'x½', tags: ['½ tag'], responses: ok } },
      },
      components: { schemas: { Half: { type: 'object', properties: { 'x½': { type: 'string', enum: ['①', '½'] }, n: { type: 'integer' } } } } },
    };
    const files = await generated(doc);
    const client = text(files, 'client.ts');
    expect(client).toContain('export function getV2<');
    expect(client).toContain('export function _1<');
    expect(client).toMatch(/export function x12</);
    expect(strictest(files)).toEqual([]);
  });

  it("a format named like an Object.prototype member is an annotation, not Object's function", async () => {
    const doc = { openapi: '3.1.0', info, paths: {}, components: { schemas: {
      A: { type: 'string', format: 'constructor' },
      B: { type: 'string', format: 'toString' },
      C: { type: 'string', format: '__proto__' },
      D: { type: 'integer', format: 'hasOwnProperty' },
    } } };
    const files = await generated(doc);
    const validators = text(files, 'validators.ts');
    expect(validators).not.toContain('[native code]');
    expect(strictest(files)).toEqual([]);
    const V = await (await importAll(files))('validators.ts');
    for (const name of ['A', 'B', 'C']) expect(V[name].is('any text'), name).toBe(true);
    expect(V.D.is(5)).toBe(true);
  });

  it.each([
    ['YAML .inf in enum', 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    N: { type: number, enum: [1, .inf] }\n', '/components/schemas/N/enum/1', 'enum'],
    ['YAML .nan as default', 'openapi: 3.1.0\ninfo: { title: t, version: "1" }\npaths: {}\ncomponents:\n  schemas:\n    N: { type: number, default: .nan }\n', '/components/schemas/N/default', 'default'],
    ['JSON 1e400 as const (parses as Infinity)', '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"N":{"type":"number","const":1e400}}}}', '/components/schemas/N/const', 'const'],
    ['-1e400 inside an enum object', '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"N":{"enum":[{"a":[0,-1e400]}]}}}}', '/components/schemas/N/enum/0/a/1', 'enum'],
  ])('a number JSON cannot hold (%s) is SF3002 at its pointer, exit 2, nothing written', (_name, spec, pointer, keyword) => {
    const dir = tempDir();
    const file = join(dir, spec.startsWith('{') ? 'spec.json' : 'spec.yaml');
    writeFileSync(file, spec);
    const out = join(dir, 'out');
    const r = cli(['generate', file, '-o', out, '--reporter', 'json']);
    expect(r.status).toBe(2);
    const ds = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { code: string; pointer: string; message: string });
    expect(ds.map((d) => [d.code, d.pointer])).toEqual([['SF3002', pointer]]);
    expect(ds[0]!.message).toContain(`'${keyword}'`);
  });
});

describe('finding 7: tables keyed by spec strings, comments and literals', () => {
  it('a "__proto__" media type is a key of the generated tables, not their prototype', async () => {
    // JSON.parse keeps "__proto__" as an own key (an object literal in this file would not).
    const doc = JSON.parse(
      '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/p":{"post":{"operationId":"post","requestBody":{"required":true,"content":{"__proto__":{"schema":{"type":"string"}},"application/json":{"schema":{"type":"object"}}}},"responses":{"200":{"description":"ok"}}}}}}',
    ) as object;
    const files = await generated(doc);
    expect(text(files, 'server.ts')).toContain('["__proto__"]: "binary"');
    expect(text(files, 'validators.ts')).toContain('["__proto__"]: /* @__PURE__ */ $.validator(');
    expect(text(files, 'server.ts') + text(files, 'validators.ts')).not.toMatch(/[^[]"__proto__":/);
    expect(strictest(files)).toEqual([]);
    const load = await importAll(files);
    const V = await load('validators.ts');
    expect(Object.keys(V.post.body).sort()).toEqual(['__proto__', 'application/json']);
    expect(Object.getPrototypeOf(V.post.body)).toBe(Object.prototype);
    const server = await load('server.ts');
    const seen: unknown[] = [];
    const handler = server.createHandler({ post: ({ body }: { body: unknown }) => (seen.push(body), { status: 200 }) });
    const r = await handler(new Request('http://x/p', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    expect(r.status).toBe(200);
    expect(seen).toEqual([{ a: 1 }]);
  });

  it('a description that is a TypeScript directive does not act as one', async () => {
    const doc = { openapi: '3.1.0', info, paths: {}, components: { schemas: {
      A: { type: 'string', description: '@ts-expect-error' },
      B: { type: 'object', properties: { x: { type: 'string', description: '@ts-ignore' }, y: { type: 'integer', description: 'line one\n  @ts-nocheck' } } },
    } } };
    const files = await generated(doc);
    const types = text(files, 'types.ts');
    expect(types).toContain('/** \\@ts-expect-error */');
    expect(types).toContain('\\@ts-ignore');
    expect(types).toContain('\\@ts-nocheck');
    expect(types).not.toMatch(/^\s*(\/\*\*|\*)\s*@ts-/m);
    expect(strictest(files)).toEqual([]);
    // Were a `@ts-ignore` read as a directive, this wrong line after the property would compile.
    const probe = `import type { B } from './types.js';\nexport const b: B = { x: 5 as unknown as string, y: 1 };\n// @ts-expect-error: y is a number\nexport const c: B = { y: "no" };\n`;
    expect(typecheck(writeFiles(tempDir(), [...files, { path: 'probe.ts', content: probe }]), 'nodenext')).toEqual([]);
  });

  it('bidirectional controls (Trojan Source) are escaped in comments and in string literals', async () => {
    const rlo = '\u202e';
    const lri = '\u2066';
    const doc = { openapi: '3.1.0', info, paths: { '/a': { get: { operationId: 'getA', summary: `safe${rlo} }; evil(); {${lri}`, parameters: [{ name: `q${rlo}`, in: 'query', schema: { type: 'string', enum: [`v${lri}`] } }], responses: ok } } }, components: { schemas: { S: { type: 'string', pattern: `^a${rlo}$`, description: `x${lri}y` } } } };
    const files = await generated(doc);
    for (const f of files) expect(f.content, f.path).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(text(files, 'client.ts')).toContain('\\u202e');
    expect(text(files, 'types.ts')).toContain('\\u2066');
    expect(strictest(files)).toEqual([]);
    // The values are the spec's, bidi characters included, once the code runs.
    const V = await (await importAll(files))('validators.ts');
    expect(V.S.is(`a${rlo}`)).toBe(true);
    expect(V.S.is('a')).toBe(false);
  });
});

describe('finding 9: the CLI', () => {
  it('-t constructor (or any Object.prototype name) is an unknown target, SF4002, exit 2', () => {
    for (const t of ['constructor', 'toString', '__proto__']) {
      const r = cli(['generate', join(tempDir(), 'none.yaml'), '-o', tempDir(), '-t', t, '--reporter', 'json']);
      expect(r.status, t).toBe(2);
      expect(r.stderr, t).toContain('"SF4002"');
    }
  });

  it('SF4001 for a failing user partial names the partial, not the built-in template that uses it', async () => {
    const dir = tempDir('specforge-templates-');
    writeFiles(dir, [{ path: 'types/partials/declaration.hbs', content: '{{nope}}\n' }]);
    const r = await generate({ input: { openapi: '3.1.0', info, paths: {}, components: { schemas: { A: { type: 'string' } } } }, write: false, targets: ['types'], templates: [dir] });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SF4001']);
    expect(r.diagnostics[0]!.message).toContain(join(dir, 'types/partials/declaration.hbs'));
    expect(r.diagnostics[0]!.file).toBe(join(dir, 'types/partials/declaration.hbs'));
  });
});
