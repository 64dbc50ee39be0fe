import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL, recover } from '../../dist/write/atomic.js';
import { commitOutput } from '../../dist/write/output.js';
import { cli, ROOT, snapshotDir, tempDir } from '../helpers/cli.js';

// Issue 24: the output folder is committed to git and rarely reviewed, so what is in it (the manifest, the
// journal, symlinks) is input from whoever last committed there. Each case plants what such a commit could hold,
// beside files outside the output folder that nothing may write, move or delete.

const WHOP = join(ROOT, 'specs/whop-dm-members.yaml');
const MANIFEST = '.specforge-manifest.json';

const dirs: string[] = [];
afterAll(() => {
  // rmSync removes a symlink, never what it points to.
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * A project folder: `.git/hooks/` with one hook, `precious.txt`, a folder `elsewhere/` outside the output, and the
 * output folder `generated/` (not created).
 */
function project(): { repo: string; out: string; elsewhere: string } {
  const repo = tempDir('specforge-untrusted-');
  dirs.push(repo);
  mkdirSync(join(repo, '.git/hooks'), { recursive: true });
  writeFileSync(join(repo, '.git/hooks/pre-push'), '#!/bin/sh\n# the user\'s hook\n');
  writeFileSync(join(repo, 'precious.txt'), 'keep');
  mkdirSync(join(repo, 'elsewhere'));
  writeFileSync(join(repo, 'elsewhere/important.txt'), 'important');
  return { repo, out: join(repo, 'generated'), elsewhere: join(repo, 'elsewhere') };
}

/** Everything outside the output folder, to show that a run left it byte-identical. */
function outside(repo: string): Record<string, string> {
  const all = snapshotDir(join(repo, '.git'));
  return { ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`.git/${k}`, v])), ...prefixed(repo, 'elsewhere'), 'precious.txt': readFileSync(join(repo, 'precious.txt'), 'base64') };
}

function prefixed(repo: string, folder: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshotDir(join(repo, folder))).map(([k, v]) => [`${folder}/${k}`, v]));
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A template folder whose types target also writes `path` with `{{#file}}`. */
function extraFileTemplates(path: string): string {
  const dir = tempDir('specforge-untrusted-templates-');
  dirs.push(dir);
  mkdirSync(join(dir, 'types/partials'), { recursive: true });
  writeFileSync(join(dir, 'types/partials/extra-files.hbs'), `{{#file "${path}"}}export const extra = 1;\n{{/file}}`);
  return dir;
}

describe('finding 1: a planted journal cannot write, move or delete outside the output folder', () => {
  it('a journal whose paths go through a symlinked folder (`up -> ..`) is refused: no hook planted, nothing moved or deleted', () => {
    const { repo, out } = project();
    expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
    const types = readFileSync(join(out, 'types.ts'), 'utf8');
    const before = outside(repo);
    // What a commit to the output folder can hold: a symlink, a "temp file" with a payload, and a journal. Its
    // paths are absolute (they start with the output folder: a text-prefix check would accept them; not the
    // journal's form, so it is dropped) and relative (the journal's form).
    symlinkSync('..', join(out, 'up'));
    writeFileSync(join(out, '.evil.specforge-tmp'), '#!/bin/sh\necho owned\n');
    writeFileSync(join(repo, 'elsewhere/.evil.specforge-tmp'), '#!/bin/sh\necho owned\n');
    const absolute = {
      renames: [
        [join(out, '.evil.specforge-tmp'), join(out, 'up/.git/hooks/pre-commit')],
        [join(out, 'up/precious.txt'), join(out, 'stolen.txt')],
      ],
      removes: [join(out, 'up/.git/hooks/pre-push')],
    };
    writeFileSync(join(out, JOURNAL), JSON.stringify(absolute));
    const r = cli(['generate', WHOP, '-o', out, '-t', 'types']);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(repo, '.git/hooks/pre-commit'))).toBe(false);
    expect(existsSync(join(out, 'stolen.txt'))).toBe(false);
    expect(outside(repo)).toEqual({ ...before, 'elsewhere/.evil.specforge-tmp': Buffer.from('#!/bin/sh\necho owned\n').toString('base64') });
    expect(existsSync(join(out, JOURNAL))).toBe(false);
    expect(readFileSync(join(out, 'types.ts'), 'utf8')).toBe(types);

    // The same, relative to the folder (the journal's own form), with the temp file beside its target.
    writeFileSync(join(out, JOURNAL), JSON.stringify({ version: 2, renames: [['up/elsewhere/.evil.specforge-tmp', 'up/elsewhere/run.sh'], ['up/precious.txt', 'stolen.txt']], removes: [['up/precious.txt', sha256('keep')]] }));
    const again = cli(['generate', WHOP, '-o', out, '-t', 'types']);
    expect(again.status, again.stderr).toBe(0);
    expect(existsSync(join(repo, 'elsewhere/run.sh'))).toBe(false);
    expect(outside(repo)).toEqual({ ...before, 'elsewhere/.evil.specforge-tmp': Buffer.from('#!/bin/sh\necho owned\n').toString('base64') });
    // The symlink is not specforge's: left as it was.
    expect(readlinkSync(join(out, 'up'))).toBe('..');
  });

  it('recover: only renames a temp file beside its target, inside the folder, through real folders', async () => {
    const { repo, out } = project();
    mkdirSync(join(out, 'runtime'), { recursive: true });
    writeFileSync(join(out, 'a.ts'), 'old a');
    symlinkSync('../elsewhere', join(out, 'link'));
    symlinkSync('../.git/hooks/pre-commit', join(out, 'hook.ts'));
    writeFileSync(join(out, '.t-0.specforge-tmp'), 'new a');
    writeFileSync(join(out, '.t-1.specforge-tmp'), 'payload');
    writeFileSync(join(out, 'runtime/.t-2.specforge-tmp'), 'new runtime');
    writeFileSync(join(repo, 'elsewhere/.t-3.specforge-tmp'), 'payload');
    const before = outside(repo);
    writeFileSync(
      join(out, JOURNAL),
      JSON.stringify({
        version: 2,
        renames: [
          ['.t-0.specforge-tmp', 'a.ts'], // legitimate
          ['runtime/.t-2.specforge-tmp', 'runtime/checks.ts'], // legitimate, in a real subfolder
          ['.t-1.specforge-tmp', 'link/important.txt'], // not beside its target, and through a symlink
          ['link/.t-3.specforge-tmp', 'link/important.txt'], // beside it, through a symlink
          ['a.ts', 'b.ts'], // not a temp file: moving output around is not a commit
          ['../precious.txt', 'c.ts'],
          [join(repo, 'precious.txt'), join(out, 'd.ts')],
          ['.t-1.specforge-tmp', 'hook.ts'], // a symlink as the target is replaced, never written through
        ],
        removes: [['link/important.txt', sha256('important')], ['../precious.txt', sha256('keep')], ['/etc/hostname', sha256('x')]],
      }),
    );
    await recover(out);
    expect(readFileSync(join(out, 'a.ts'), 'utf8')).toBe('new a');
    expect(readFileSync(join(out, 'runtime/checks.ts'), 'utf8')).toBe('new runtime');
    expect(lstatSync(join(out, 'hook.ts')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'hook.ts'), 'utf8')).toBe('payload');
    expect(existsSync(join(repo, '.git/hooks/pre-commit'))).toBe(false);
    for (const f of ['b.ts', 'c.ts', 'd.ts']) expect(existsSync(join(out, f)), f).toBe(false);
    expect(outside(repo)).toEqual(before);
    // The journal is gone, and the temp files it did not account for with it (the one behind `link` is outside:
    // left, as `outside` showed).
    const left = Object.keys(snapshotDir(out)).filter((f) => !f.startsWith('link/'));
    expect(left.filter((f) => f.endsWith('.specforge-tmp') || f === JOURNAL)).toEqual([]);
  });

  it('recover: a journal removal is done only for a regular file with the content it records', async () => {
    const { repo, out } = project();
    mkdirSync(out);
    writeFileSync(join(out, 'gone.ts'), 'old gone');
    writeFileSync(join(out, 'mine.md'), 'the user\'s');
    symlinkSync('../precious.txt', join(out, 'link.ts'));
    const before = outside(repo);
    writeFileSync(
      join(out, JOURNAL),
      JSON.stringify({
        version: 2,
        renames: [],
        removes: [['gone.ts', sha256('old gone')], ['mine.md', sha256('something else')], ['link.ts', sha256('keep')], 'mine.md'],
      }),
    );
    await recover(out);
    expect(existsSync(join(out, 'gone.ts'))).toBe(false);
    expect(readFileSync(join(out, 'mine.md'), 'utf8')).toBe('the user\'s');
    expect(readlinkSync(join(out, 'link.ts'))).toBe('../precious.txt');
    expect(outside(repo)).toEqual(before);
  });
});

describe('finding 2: a write never goes through a symlink inside the output folder', () => {
  it('a symlinked subfolder is refused (SF5005) whether a {{#file}} block or a runtime module would write through it; nothing is written', () => {
    for (const [folder, args] of [
      ['sub', ['-t', 'types', '--templates', extraFileTemplates('sub/x.ts')]],
      ['runtime', ['-t', 'client']],
    ] as const) {
      const { repo, out } = project();
      expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
      symlinkSync('../elsewhere', join(out, folder));
      const before = outside(repo);
      const inside = snapshotDir(out);
      const r = cli(['generate', WHOP, '-o', out, ...args]);
      expect(r.status, folder).toBe(2);
      expect(r.stderr).toContain('SF5005');
      expect(r.stderr).toContain(`${folder}`);
      expect(outside(repo), folder).toEqual(before);
      expect(snapshotDir(out), folder).toEqual(inside);
      const check = cli(['generate', WHOP, '-o', out, ...args, '--check']);
      expect(check.status, folder).toBe(2);
      expect(check.stderr).toContain('SF5005');

      // A real folder there (what specforge itself creates) is fine.
      rmSync(join(out, folder));
      const ok = cli(['generate', WHOP, '-o', out, ...args]);
      expect(ok.status, ok.stderr).toBe(0);
      expect(lstatSync(join(out, folder)).isDirectory()).toBe(true);
      expect(outside(repo), folder).toEqual(before);
    }
  });

  it('a symlink where an output file goes is replaced by the file, never written through', async () => {
    const { repo, out } = project();
    mkdirSync(out);
    symlinkSync('../elsewhere/important.txt', join(out, 'types.ts'));
    const before = outside(repo);
    // Same content as the link's target: still replaced (a link is not the file specforge writes).
    const report = await commitOutput(out, [{ path: 'types.ts', content: 'important' }]);
    expect(report.written).toEqual(['types.ts']);
    expect(lstatSync(join(out, 'types.ts')).isFile()).toBe(true);
    expect(outside(repo)).toEqual(before);
  });

});

describe('finding 2: stale-file removal reaches only files specforge wrote, inside the output folder', () => {
  it('a planted manifest listing a file behind a symlinked folder, or the user\'s README, deletes neither', () => {
    const { repo, out, elsewhere } = project();
    expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
    writeFileSync(join(out, 'README.md'), 'mine');
    symlinkSync('../elsewhere', join(out, 'link'));
    const before = outside(repo);
    // The older manifest form (paths, no hashes), and the current one with the hashes an attacker can compute.
    for (const files of [['link/important.txt', 'README.md', 'types.ts'], { 'link/important.txt': sha256('important'), 'README.md': sha256('not mine'), 'types.ts': '0'.repeat(64) }]) {
      writeFileSync(join(out, MANIFEST), JSON.stringify({ generator: 'specforge', files }));
      const check = cli(['generate', WHOP, '-o', out, '-t', 'types', '--check']);
      expect(check.status, check.stderr).toBe(0);
      expect(check.stderr).not.toMatch(/extra +(README\.md|link)/);
      const r = cli(['generate', WHOP, '-o', out, '-t', 'types']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('0 removed');
      expect(readFileSync(join(elsewhere, 'important.txt'), 'utf8')).toBe('important');
      expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('mine');
      expect(outside(repo)).toEqual(before);
    }
  });

  it('a manifest entry that is a symlink is left alone, even with the hash of what it points to', () => {
    const { repo, out } = project();
    expect(cli(['generate', WHOP, '-o', out, '-t', 'types']).status).toBe(0);
    symlinkSync('../elsewhere/important.txt', join(out, 'evil.ts'));
    const before = outside(repo);
    for (const files of [['evil.ts'], { 'evil.ts': sha256('important') }]) {
      writeFileSync(join(out, MANIFEST), JSON.stringify({ generator: 'specforge', files }));
      const r = cli(['generate', WHOP, '-o', out, '-t', 'types']);
      expect(r.status, r.stderr).toBe(0);
      expect(readlinkSync(join(out, 'evil.ts'))).toBe('../elsewhere/important.txt');
      expect(outside(repo)).toEqual(before);
    }
  });

  it('still removes the files it wrote and no longer produces (their hash matches), and keeps one the user edited since', () => {
    const { out } = project();
    expect(cli(['generate', WHOP, '-o', out]).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { files: Record<string, string> };
    expect(manifest.files['types.ts']).toBe(sha256(readFileSync(join(out, 'types.ts'), 'utf8')));
    expect(Object.keys(manifest.files)).toContain('runtime/client.ts');
    writeFileSync(join(out, 'client.ts'), readFileSync(join(out, 'client.ts'), 'utf8') + '// my edit\n');
    const r = cli(['generate', WHOP, '-o', out, '-t', 'types']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('16 removed'); // validators, server, server-node and the 13 runtime modules
    expect(Object.keys(snapshotDir(out)).sort()).toEqual([MANIFEST, 'client.ts', 'types.ts']);
    expect(readFileSync(join(out, 'client.ts'), 'utf8')).toMatch(/\/\/ my edit\n$/);
  });


  it('a symlinked manifest or journal is not read', async () => {
    const { repo, out } = project();
    mkdirSync(out);
    writeFileSync(join(out, 'gone.ts'), 'old gone');
    writeFileSync(join(repo, 'elsewhere/manifest.json'), JSON.stringify({ generator: 'specforge', files: { 'gone.ts': sha256('old gone') } }));
    symlinkSync('../elsewhere/manifest.json', join(out, MANIFEST));
    writeFileSync(join(repo, 'elsewhere/journal.json'), JSON.stringify({ version: 2, renames: [], removes: [['gone.ts', sha256('old gone')]] }));
    symlinkSync('../elsewhere/journal.json', join(out, JOURNAL));
    const before = outside(repo);
    const report = await commitOutput(out, [{ path: 'a.ts', content: 'a' }]);
    expect(report.removed).toEqual([]);
    expect(readFileSync(join(out, 'gone.ts'), 'utf8')).toBe('old gone');
    // Both names now hold specforge's own regular files (the manifest) or nothing (the journal).
    expect(lstatSync(join(out, MANIFEST)).isFile()).toBe(true);
    expect(existsSync(join(out, JOURNAL))).toBe(false);
    expect(outside(repo)).toEqual(before);
  });
});
