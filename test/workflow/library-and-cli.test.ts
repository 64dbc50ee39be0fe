import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { run } from '../../dist/cli/run.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const WHOP = join(ROOT, 'specs/whop-dm-members.yaml');
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** Runs the CLI in this process with a fake terminal. */
async function runIo(argv: string[], opts: { isTTY: boolean; env?: Record<string, string> }) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: opts.isTTY, env: opts.env ?? {}, cwd: ROOT });
  return { code, stdout, stderr };
}

describe('library API', () => {
  it('input: a path, a file: URL, a parsed object, or an http(s) URL only when the caller allows it', async () => {
    const text = readFileSync(WHOP, 'utf8');
    const server = createServer((_req, res) => res.end(text));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi.yaml`;

    const fromPath = await generate({ input: WHOP, targets: ['types'] });
    const fromFileUrl = await generate({ input: pathToFileURL(WHOP), targets: ['types'] });
    const { parse } = await import('yaml');
    const fromObject = await generate({ input: parse(text), targets: ['types'] });
    const refused = await generate({ input: url, targets: ['types'] });
    const allowed = await generate({ input: new URL(url), targets: ['types'], refs: { allowRemoteRefs: true } });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['SF2004']);
    for (const r of [fromPath, fromFileUrl, fromObject, allowed]) {
      expect(r.ok).toBe(true);
      expect(r.files.map((f) => f.content)).toEqual(fromPath.files.map((f) => f.content));
    }
    expect(fromPath.written).toEqual([]); // no output → nothing written
    // The CLI keeps a URL a URL (and refuses it without --allow-remote-refs).
    const cliRefused = await runIo(['generate', url, '-o', tempDir(), '--reporter', 'json'], { isTTY: false });
    expect(cliRefused.code).toBe(2);
    expect(JSON.parse(cliRefused.stderr.split('\n')[0]!)).toMatchObject({ code: 'SF2004' });
    const cliAllowed = await runIo(['generate', url, '-o', tempDir(), '-t', 'types', '--allow-remote-refs'], { isTTY: false });
    expect(cliAllowed.code).toBe(0);
  });

  it('an in-memory document nested past the limit, cyclic or not JSON is a diagnostic, not a crash', async () => {
    let deep: object = { type: 'string' };
    for (let i = 0; i < 20_000; i++) deep = { type: 'array', items: deep };
    const base = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} };
    const r1 = await generate({ input: { ...base, components: { schemas: { Deep: deep } } }, write: false });
    expect(r1.diagnostics.map((d) => d.code)).toEqual(['SF1009']);
    expect(r1.diagnostics[0]!.pointer.startsWith('/components/schemas/Deep/items/items')).toBe(true);
    const cyclic: Record<string, unknown> = { ...base };
    cyclic.self = cyclic;
    expect((await generate({ input: cyclic, write: false })).diagnostics.map((d) => d.code)).toEqual(['SF1009']);
    expect((await generate({ input: { ...base, n: 10n }, write: false })).diagnostics.map((d) => d.code)).toEqual(['SF1004']);
  });

  it('returns { files, diagnostics }; writes only with output', async () => {
    const out = tempDir();
    const r = await generate({ input: WHOP, output: out, targets: ['types'] });
    expect(r).toMatchObject({ ok: true, written: ['types.ts'] });
    expect(r.files.map((f) => f.path)).toEqual(['types.ts']);
    const dry = await generate({ input: WHOP, output: out, targets: ['types'], write: false });
    expect(dry).toMatchObject({ ok: true, written: [], unchanged: [] });
  });

  it('library code never prints and never exits (only src/cli/ may)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !relative(join(ROOT, 'src'), p).startsWith('cli/')) {
          const code = readFileSync(p, 'utf8');
          if (/\bprocess\.exit\b|\bconsole\.\w+\(|process\.std(out|err)\.write/.test(code)) offenders.push(relative(ROOT, p));
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});

describe('CLI feel', () => {
  const args = ['generate', WHOP, '-t', 'types', '-o'];
  it('on a TTY: coloured diagnostics and a progress line that is cleared; NO_COLOR turns colour off', async () => {
    const invalid = join(ROOT, 'specs/invalid/duplicate-operation-id.yaml');
    const tty = await runIo(['generate', invalid, '-o', tempDir()], { isTTY: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/\x1b\[31mSF3003\x1b\[39m/);
    expect(tty.stderr).toContain('\r\x1b[K'); // progress shown, then cleared
    expect(tty.stderr).toMatch(/specforge: .*: parse…/);
    const noColor = await runIo(['generate', invalid, '-o', tempDir()], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stderr).not.toMatch(/\x1b\[3\dm/);
    const piped = await runIo([...args, tempDir()], { isTTY: false });
    expect(piped.stdout + piped.stderr).not.toContain('\x1b[');
    expect(piped.stdout).toMatch(/^specforge: 1 written, 0 unchanged, 0 removed in .* \(\d+ ms\)\n$/);
  });

  it('--quiet prints nothing on success, errors still', async () => {
    const quiet = await runIo([...args, tempDir(), '--quiet'], { isTTY: true });
    expect(quiet).toMatchObject({ code: 0, stdout: '' });
    expect(quiet.stderr).toBe('');
    const bad = await runIo(['generate', join(ROOT, 'specs/invalid/duplicate-operation-id.yaml'), '-o', tempDir(), '-q'], { isTTY: false });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SF3003');
  });
});
