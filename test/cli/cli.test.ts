import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const SPEC = 'specs/whop-dm-members.yaml';

describe('cli', () => {
  it('--help lists the command and exits 0', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('generate [spec]');
    expect(r.stdout).toContain('eject');
  });

  it('generate --help documents its options', () => {
    const r = cli(['generate', '--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--output', '--target', '--dump-ir', '--reporter', '--format']) expect(r.stdout).toContain(flag);
  });

  it('--version prints the package version', () => {
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('usage errors exit 2: no command, unknown flag, missing -o', () => {
    expect(cli([]).status).toBe(2);
    expect(cli(['generate', SPEC, '-o', tempDir(), '--bogus']).status).toBe(2);
    const r = cli(['generate', SPEC]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--output');
  });

  it('an unknown target is a diagnostic, exit 2', () => {
    const r = cli(['generate', SPEC, '-o', tempDir(), '--target', 'types,nope', '--reporter', 'json']);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr.split('\n')[0]!)).toMatchObject({ code: 'SF4002', pointer: '' });
  });

  it('generates, prints a summary line, and reports unchanged files on a second run', () => {
    const out = tempDir();
    const first = cli(['generate', SPEC, '-o', out]);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^specforge: 18 written, 0 unchanged, 0 removed in .* \(\d+ ms\)\n$/);
    const second = cli(['generate', SPEC, '-o', out]);
    expect(second.stdout).toMatch(/^specforge: 0 written, 18 unchanged, 0 removed in /);
    expect(readFileSync(join(out, 'types.ts'), 'utf8')).toContain('export interface DmMember {');
  });

  it('--timings prints the stages of a run, and no empty line for a spec that does not parse', () => {
    const ok = cli(['generate', SPEC, '-o', tempDir(), '--timings']);
    expect(ok.status).toBe(0);
    expect(ok.stdout + ok.stderr).toMatch(/: parse \d+ ms, ir \d+ ms, emit types \d+ ms, .*write \d+ ms\n/);
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"openapi": "3.1.0", "info": ');
    const r = cli(['generate', bad, '-o', join(dir, 'out'), '--timings']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SF1003');
    expect((r.stdout + r.stderr).split('\n').filter((l) => /^specforge: \S+: $/.test(l))).toEqual([]);
  });

  it('--dump-ir prints the IR as JSON', () => {
    const r = cli(['generate', SPEC, '--dump-ir']);
    expect(r.status).toBe(0);
    const ir = JSON.parse(r.stdout);
    expect(ir).toMatchObject({ kind: 'document', irVersion: 4, openapiVersion: '3.1.0' });
    expect(ir.operations.map((o: { operationId: string }) => o.operationId).sort()).toEqual(['createDmMember', 'updateDmMember']);
  });

  it('human reporter: file:line:col  CODE  message  (pointer)', () => {
    const r = cli(['generate', 'specs/invalid/duplicate-operation-id.yaml', '-o', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^specs\/invalid\/duplicate-operation-id\.yaml:14:7  SF3003  operationId 'listUsers' is already used at #\/paths\/~1users\/get  \(#\/paths\/~1members\/get\/operationId\)$/m);
  });

  it('--format runs prettier and changes nothing on formatted output', () => {
    const a = tempDir();
    const b = tempDir();
    expect(cli(['generate', SPEC, '-o', a]).status).toBe(0);
    expect(cli(['generate', SPEC, '-o', b, '--format', '--target', 'types']).status).toBe(0);
    expect(readFileSync(join(b, 'types.ts'), 'utf8')).toBe(readFileSync(join(a, 'types.ts'), 'utf8'));
  });
});
