import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, snapshotDir, tempDir } from '../helpers/cli.js';

const WHOP = join(ROOT, 'specs/whop-dm-members.yaml');
const INVALID = join(ROOT, 'specs/invalid/duplicate-operation-id.yaml');

describe('--check', () => {
  it('exit 0 in sync; exit 1 listing drifted, missing and extra files; exit 2 on an invalid spec; never writes', () => {
    const out = tempDir();
    expect(cli(['generate', WHOP, '-o', out]).status).toBe(0);
    const synced = cli(['generate', WHOP, '-o', out, '--check']);
    expect(synced.status).toBe(0);
    expect(synced.stdout).toMatch(/is up to date \(18 files/);

    writeFileSync(join(out, 'types.ts'), readFileSync(join(out, 'types.ts'), 'utf8') + '// hand edit\n');
    const before = snapshotDir(out);
    // Generating only types would drop the other four files and the runtime modules: they are "extra"; types.ts drifted.
    const drift = cli(['generate', WHOP, '-o', out, '--check', '-t', 'types']);
    expect(drift.status).toBe(1);
    expect(drift.stderr).toContain('1 drifted, 0 missing, 17 extra');
    expect(drift.stderr).toContain('  drifted  types.ts');
    for (const f of ['client.ts', 'server-node.ts', 'server.ts', 'validators.ts']) expect(drift.stderr).toContain(`  extra    ${f}`);
    expect(snapshotDir(out)).toEqual(before);

    const missing = cli(['generate', WHOP, '-o', tempDir(), '--check']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('0 drifted, 18 missing, 0 extra');

    const invalid = cli(['generate', INVALID, '-o', out, '--check']);
    expect(invalid.status).toBe(2);
    expect(snapshotDir(out)).toEqual(before);
  });
});

describe('stale files (the manifest)', () => {
  it('removes files the generator wrote and no longer produces; never touches files it did not write', () => {
    const out = tempDir();
    expect(cli(['generate', WHOP, '-o', out]).status).toBe(0);
    writeFileSync(join(out, 'README.md'), 'mine');
    const r = cli(['generate', WHOP, '-o', out, '-t', 'types']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/1 written|0 written/);
    expect(r.stdout).toContain('17 removed'); // validators, client, server, server-node and the 13 runtime modules
    expect(Object.keys(snapshotDir(out)).sort()).toEqual(['.specforge-manifest.json', 'README.md', 'types.ts']);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('mine');
    // Each file with the SHA-256 of what was written: only a file that still holds it is ever removed.
    const sha256 = createHash('sha256').update(readFileSync(join(out, 'types.ts'))).digest('hex');
    expect(JSON.parse(readFileSync(join(out, '.specforge-manifest.json'), 'utf8'))).toEqual({ generator: 'specforge', files: { 'types.ts': sha256 } });
  });

  it('a tampered manifest cannot make it delete anything outside the output folder, or a folder', () => {
    const root = tempDir();
    const out = join(root, 'out');
    expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
    writeFileSync(join(root, 'precious.txt'), 'keep');
    writeFileSync(join(out, '.specforge-manifest.json'), JSON.stringify({ files: ['../precious.txt', '/etc/hostname', 'types.ts', '.', ''] }));
    expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
    expect(readFileSync(join(root, 'precious.txt'), 'utf8')).toBe('keep');
    expect(existsSync(join(out, 'types.ts'))).toBe(true);
  });
});
