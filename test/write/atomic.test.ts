import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync, chmodSync, watch } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL, recover, writeAtomically } from '../../dist/write/atomic.js';
import { planFiles } from '../../dist/write/plan.js';
import { snapshotDir, tempDir } from '../helpers/cli.js';

describe('write', () => {
  it('writes new files, leaves unchanged ones alone (same mtime), and leaves no temp files', async () => {
    const out = tempDir();
    const first = await writeAtomically(out, [{ path: 'a.ts', content: 'a' }, { path: 'sub/b.ts', content: 'b' }]);
    expect(first).toEqual({ written: ['a.ts', 'sub/b.ts'], unchanged: [], removed: [] });
    const mtime = statSync(join(out, 'a.ts')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    const second = await writeAtomically(out, [{ path: 'a.ts', content: 'a' }, { path: 'sub/b.ts', content: 'B' }]);
    expect(second).toEqual({ written: ['sub/b.ts'], unchanged: ['a.ts'], removed: [] });
    expect(statSync(join(out, 'a.ts')).mtimeMs).toBe(mtime);
    expect(readFileSync(join(out, 'sub/b.ts'), 'utf8')).toBe('B');
    expect(readdirSync(out).sort()).toEqual(['a.ts', 'sub']);
    expect(readdirSync(join(out, 'sub'))).toEqual(['b.ts']);
  });

  it('a failure while staging leaves the previous output byte-identical', async () => {
    const out = tempDir();
    await writeAtomically(out, [{ path: 'a.ts', content: 'old a' }, { path: 'b.ts', content: 'old b' }]);
    const before = snapshotDir(out);
    mkdirSync(join(out, 'locked'));
    chmodSync(join(out, 'locked'), 0o500);
    const isRoot = process.getuid?.() === 0;
    // Root can write anywhere; make the failure certain with a file where a folder must go.
    writeFileSync(join(out, 'blocker'), 'x');
    const b2 = snapshotDir(out);
    await expect(
      writeAtomically(out, [{ path: 'a.ts', content: 'new a' }, { path: 'b.ts', content: 'new b' }, { path: isRoot ? 'blocker/c.ts' : 'locked/c.ts', content: 'c' }]),
    ).rejects.toMatchObject({ diagnostics: [{ code: 'SF5001' }] });
    expect(snapshotDir(out)).toEqual(b2);
    expect(before['a.ts']).toBe(b2['a.ts']);
  });

  it('recover finishes a commit a crash interrupted (journal written, renames half done)', async () => {
    const out = tempDir();
    writeFileSync(join(out, 'a.ts'), 'old a');
    writeFileSync(join(out, 'b.ts'), 'old b');
    // State after a crash: a.ts already renamed, b.ts's temp still waiting, journal present.
    writeFileSync(join(out, 'a.ts'), 'new a');
    writeFileSync(join(out, '.t-1.specforge-tmp'), 'new b');
    writeFileSync(join(out, JOURNAL), JSON.stringify({ version: 2, renames: [['.t-0.specforge-tmp', 'a.ts'], ['.t-1.specforge-tmp', 'b.ts']], removes: [] }));
    await recover(out);
    expect(readFileSync(join(out, 'a.ts'), 'utf8')).toBe('new a');
    expect(readFileSync(join(out, 'b.ts'), 'utf8')).toBe('new b');
    expect(existsSync(join(out, JOURNAL))).toBe(false);
  });

  it('recover keeps the previous output, and drops the temp files, when the journal is cut short or not a journal', async () => {
    // A commit renames its journal into place whole, before its first rename: a journal that is not whole, or
    // not of the journal's form (no version 2: no specforge wrote it), means that no rename had started.
    const renames = [['.t-0.specforge-tmp', 'a.ts']];
    for (const journal of ['', '{"renames":[["', JSON.stringify(renames), JSON.stringify({ renames, removes: [] }), JSON.stringify({ version: 1, renames, removes: [] })]) {
      const out = tempDir();
      writeFileSync(join(out, 'a.ts'), 'old a');
      writeFileSync(join(out, '.t-0.specforge-tmp'), 'new a');
      writeFileSync(join(out, '.t-journal.specforge-tmp'), '{}');
      writeFileSync(join(out, JOURNAL), journal);
      await recover(out);
      expect(snapshotDir(out)).toEqual({ 'a.ts': Buffer.from('old a').toString('base64') });
    }
  });

  it('the journal appears whole: a commit writes it to a temp file and renames it into place', async () => {
    const out = tempDir();
    await writeAtomically(out, [{ path: 'a.ts', content: 'old' }]);
    // Watching the folder during a commit: the journal is never seen created empty, only renamed in.
    const seen: string[] = [];
    const w = watch(out, (event, name) => seen.push(`${event} ${String(name)}`));
    await writeAtomically(out, [{ path: 'a.ts', content: 'new' }]);
    await new Promise((r) => setTimeout(r, 50));
    w.close();
    expect(readFileSync(join(out, 'a.ts'), 'utf8')).toBe('new');
    expect(seen.some((e) => /journal\.specforge-tmp$/.test(e))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['a.ts']);
  });

  it('recover, after a crash at each step of a commit: the whole old set before the journal is in place, the whole new set after', async () => {
    const OLD = { 'a.ts': 'old a', 'b.ts': 'old b', 'gone.ts': 'old gone' };
    const NEW = { 'a.ts': 'new a', 'b.ts': 'new b' };
    const t0 = '.t-0.specforge-tmp';
    const t1 = '.t-1.specforge-tmp';
    const tj = '.t-journal.specforge-tmp';
    // The journal as a commit writes it: paths relative to the folder, each removal with the SHA-256 of the
    // content it must still have.
    const gone = createHash('sha256').update('old gone').digest('hex');
    const journal = () => JSON.stringify({ version: 2, renames: [[t0, 'a.ts'], [t1, 'b.ts']], removes: [['gone.ts', gone]] });
    // The steps of writeAtomically, in order: stage the temp files, write the journal's temp file, rename it
    // into place, rename each temp file, remove what goes, remove the journal.
    const steps: Array<[string, (out: string) => Record<string, string>, Record<string, string>]> = [
      ['a temp file cut short', () => ({ ...OLD, [t0]: 'new' }), OLD],
      ['both staged', () => ({ ...OLD, [t0]: 'new a', [t1]: 'new b' }), OLD],
      ["the journal's temp file cut short", () => ({ ...OLD, [t0]: 'new a', [t1]: 'new b', [tj]: '{"renames":[' }), OLD],
      ["the journal's temp file written", () => ({ ...OLD, [t0]: 'new a', [t1]: 'new b', [tj]: journal() }), OLD],
      ['the journal in place', () => ({ ...OLD, [t0]: 'new a', [t1]: 'new b', [JOURNAL]: journal() }), NEW],
      ['a.ts renamed', () => ({ ...OLD, 'a.ts': 'new a', [t1]: 'new b', [JOURNAL]: journal() }), NEW],
      ['b.ts renamed', () => ({ ...NEW, 'gone.ts': 'old gone', [JOURNAL]: journal() }), NEW],
      ['gone.ts removed', () => ({ ...NEW, [JOURNAL]: journal() }), NEW],
      ['the journal removed', () => NEW, NEW],
    ];
    const b64 = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    for (const [step, state, expected] of steps) {
      const out = tempDir();
      for (const [name, content] of Object.entries(state(out))) writeFileSync(join(out, name), content);
      await recover(out);
      expect(snapshotDir(out), step).toEqual(b64(expected));
      // And a run after the crash writes the new set over whatever recover left.
      await writeAtomically(out, Object.entries(NEW).map(([path, content]) => ({ path, content })), ['gone.ts']);
      expect(snapshotDir(out), `${step}, then a run`).toEqual(b64(NEW));
    }
  });

  it('plans files in path order and refuses paths that leave the output folder', () => {
    expect(planFiles([{ path: 'b.ts', content: '' }, { path: 'a/z.ts', content: '' }, { path: 'a.ts', content: '' }]).map((f) => f.path)).toEqual(['a.ts', 'a/z.ts', 'b.ts']);
    for (const bad of ['../x.ts', '/abs.ts', 'a/../../x.ts', 'a\\b.ts', '']) {
      expect(() => planFiles([{ path: bad, content: '' }])).toThrow();
    }
  });
});
