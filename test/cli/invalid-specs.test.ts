import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { cli, ROOT, snapshotDir, tempDir } from '../helpers/cli.js';

interface Expected {
  code: string;
  pointer: string;
  line?: number;
}

/** specs/invalid/<file> → the diagnostic it must produce (code, pointer, and line where the file parses). */
const CASES: Record<string, Expected> = {
  'yaml-syntax.yaml': { code: 'SF1002', pointer: '', line: 11 },
  'json-syntax.json': { code: 'SF1003', pointer: '', line: 4 },
  'not-an-object.yaml': { code: 'SF1004', pointer: '' },
  'missing-openapi.yaml': { code: 'SF1005', pointer: '' },
  'swagger-1.2.yaml': { code: 'SF1006', pointer: '/swaggerVersion', line: 1 },
  'swagger-2-unquoted.yaml': { code: 'SF1006', pointer: '/swagger', line: 1 },
  'swagger2-wrong-keyword.yaml': { code: 'SF3001', pointer: '/paths/~1pets/get/parameters/0/type', line: 11 },
  'swagger2-path-param-not-in-path.yaml': { code: 'SF3005', pointer: '/paths/~1pets/post/parameters/1', line: 13 },
  'unsupported-version.yaml': { code: 'SF1006', pointer: '/openapi', line: 1 },
  'yaml-alias-bomb.yaml': { code: 'SF1007', pointer: '/x-bomb/f/7', line: 12 },
  'data-nested-too-deep.json': { code: 'SF1009', pointer: '/components/schemas/Deep/const', line: 8 },
  'unresolved-local-ref.yaml': { code: 'SF2001', pointer: '/components/schemas/Channel/properties/owner/$ref', line: 12 },
  'missing-file-ref.yaml': { code: 'SF2002', pointer: '/components/schemas/Channel/$ref', line: 9 },
  'ref-outside-folder.yaml': { code: 'SF2003', pointer: '/components/schemas/DmMember/$ref', line: 9 },
  'remote-ref.yaml': { code: 'SF2004', pointer: '/components/schemas/Pet/$ref', line: 9 },
  'ref-cycle-without-object.yaml': { code: 'SF2007', pointer: '/components/schemas/Forest/$ref', line: 15 },
  'wrong-keyword-type-30.yaml': { code: 'SF3001', pointer: '/components/schemas/User/required', line: 10 },
  'wrong-keyword-type-31.yaml': { code: 'SF3002', pointer: '/components/schemas/Sid/minLength', line: 10 },
  'duplicate-operation-id.yaml': { code: 'SF3003', pointer: '/paths/~1members/get/operationId', line: 14 },
  'path-template-without-param.yaml': { code: 'SF3004', pointer: '/paths/~1channels~1{channel_id}/delete', line: 7 },
  'path-param-not-in-path.yaml': { code: 'SF3005', pointer: '/paths/~1channels~1{channel_id}~1users/get/parameters/1', line: 15 },
  'path-param-not-required.yaml': { code: 'SF3006', pointer: '/paths/~1channels~1{channel_id}/get/parameters/0', line: 10 },
  'unknown-security-scheme.yaml': { code: 'SF3008', pointer: '/paths/~1me/get/security/0/apiKeyAuth', line: 10 },
};

describe('invalid specs', () => {
  it('every file in specs/invalid has a case, and there are at least 10', () => {
    const files = readdirSync(join(ROOT, 'specs/invalid')).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
    expect(files).toEqual(Object.keys(CASES).sort());
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(Object.entries(CASES))('%s', (file, want) => {
    const out = tempDir();
    mkdirSync(join(out, 'nested'));
    writeFileSync(join(out, 'types.ts'), '// previous output\n');
    writeFileSync(join(out, 'nested', 'keep.txt'), 'untouched');
    const before = snapshotDir(out);

    const r = cli(['generate', join('specs/invalid', file), '-o', out, '--reporter', 'json']);
    expect(r.status).toBe(2);
    const diagnostics = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Expected & { file?: string; severity: string });
    const hit = diagnostics.find((d) => d.code === want.code && d.pointer === want.pointer);
    expect(hit, `got ${JSON.stringify(diagnostics)}`).toBeDefined();
    expect(hit!.severity).toBe('error');
    expect(hit!.file).toBe(join('specs/invalid', file));
    if (want.line !== undefined) expect(hit!.line).toBe(want.line);
    expect(snapshotDir(out)).toEqual(before);
  });
});

describe('documented limits (generated at test time: too big to keep in specs/)', () => {
  const run = (spec: string) => {
    const r = cli(['generate', spec, '-o', tempDir(), '--reporter', 'json']);
    return { status: r.status, ds: r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Expected) };
  };
  const head = '{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"Deep":';

  it('schema nesting past 256 levels is SF1009 at the pointer where it passes the limit, also at 100,000 levels (no stack overflow)', () => {
    for (const depth of [600, 100_000]) {
      const spec = join(tempDir(), 'deep.json');
      writeFileSync(spec, head + '{"type":"array","items":'.repeat(depth) + '{}' + '}'.repeat(depth) + '}}}');
      const { status, ds } = run(spec);
      expect(status).toBe(2);
      expect(ds.map((d) => d.code)).toContain('SF1009');
      expect(ds.every((d) => d.code !== 'SF9002')).toBe(true);
    }
  });

  it('a document over 64 MiB is SF1008 before it is read', () => {
    const spec = join(tempDir(), 'huge.json');
    writeFileSync(spec, head + '{"description":"' + 'x'.repeat(64 * 1024 * 1024) + '"}}}}');
    const { status, ds } = run(spec);
    expect(status).toBe(2);
    expect(ds.map((d) => [d.code, d.pointer])).toEqual([['SF1008', '']]);
  });

  it('--max-document-mib and maxDocumentMiB move the size limit, for the root and for a $ref\'d file', async () => {
    const dir = tempDir();
    const spec = join(dir, 'api.json');
    const part = join(dir, 'part.json');
    // The root is about 1.1 KiB, the $ref'd file about 2.1 KiB.
    writeFileSync(spec, head + '{"$ref":"part.json"},"Pad":{"description":"' + 'x'.repeat(1024) + '"}}}}');
    writeFileSync(part, '{"type":"string","description":"' + 'y'.repeat(2048) + '"}');
    const at = (mib: string) => {
      const r = cli(['generate', spec, '-o', tempDir(), '--reporter', 'json', '--max-document-mib', mib]);
      return { status: r.status, ds: r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Expected & { message: string; file?: string }) };
    };
    const root = at(String(1 / 1024)); // 1 KiB: the root is over it
    expect(root.status).toBe(2);
    expect(root.ds.map((d) => [d.code, d.pointer])).toEqual([['SF1008', '']]);
    expect(root.ds[0]!.message).toContain('the limit is 1024 (0.000977 MiB: raise it with --max-document-mib or maxDocumentMiB)');
    const ref = at(String(1.5 / 1024)); // 1.5 KiB: the root fits, the $ref'd file does not
    expect(ref.status).toBe(2);
    expect(ref.ds.map((d) => [d.code, d.pointer])).toEqual([['SF1008', '/components/schemas/Deep/$ref']]);
    expect(at(String(3 / 1024)).status).toBe(0);
    // Out of range: a usage error on the command line, SF9003 in a config.
    for (const bad of ['0', '501', 'lots']) expect(at(bad).status).toBe(2);
    const config = join(dir, 'specforge.config.json');
    writeFileSync(config, JSON.stringify({ input: 'api.json', output: 'out', maxDocumentMiB: 0.001 }));
    const viaConfig = cli(['generate', '-c', config, '--reporter', 'json']);
    expect(viaConfig.status).toBe(2);
    expect(viaConfig.stderr).toContain('"SF1008"');
    writeFileSync(config, JSON.stringify({ input: 'api.json', output: 'out', maxDocumentMiB: -1 }));
    const badConfig = cli(['generate', '-c', config, '--reporter', 'json']);
    expect(badConfig.status).toBe(2);
    expect(badConfig.stderr).toMatch(/"code":"SF9003".*maxDocumentMiB/);
    // The library: the option in MiB, checked the same way.
    expect((await generate({ input: spec, maxDocumentMiB: 3 / 1024 })).ok).toBe(true);
    expect((await generate({ input: spec, maxDocumentMiB: 1 / 1024 })).diagnostics.map((d) => d.code)).toEqual(['SF1008']);
    expect((await generate({ input: spec, maxDocumentMiB: 1000 })).diagnostics.map((d) => d.code)).toEqual(['SF9001']);
  });
});
