import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';

/** Name of the journal that makes a multi-file commit all-or-nothing across a crash. */
export const JOURNAL = '.specforge-journal.json';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  /** Files removed (paths relative to the folder), those of `remove` that existed. */
  removed: string[];
}

/** The journal: renames to finish, then files to remove. (An array of renames is the older form.) */
interface Journal {
  renames: Array<[string, string]>;
  removes: string[];
}

/**
 * Writes the file set into `outDir`, only the files whose content changed, and removes the files of `remove`
 * (paths relative to `outDir`, e.g. what the previous run wrote and this one does not), as one commit:
 * 1. each changed file goes to a temp file beside its target (written and fsynced);
 * 2. a journal listing the renames and removals is written and fsynced;
 * 3. the temp files are renamed over their targets, the removals done (emptied folders pruned), then the
 *    journal is removed.
 * A failure in 1–2 removes the temp files and leaves the previous output untouched. A crash during 3 leaves the
 * journal, and the next run (or `recover`) finishes the renames before doing anything else.
 */
export async function writeAtomically(outDir: string, files: GeneratedFile[], remove: readonly string[] = []): Promise<WriteReport> {
  await recover(outDir);
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const removes: string[] = [];
  const staged: Array<{ temp: string; final: string; path: string }> = [];
  const tag = randomBytes(6).toString('hex');
  try {
    await mkdir(outDir, { recursive: true });
    // Every file is compared and staged at once (the reads, writes and fsyncs overlap); the report and the
    // journal keep the order of `files`.
    const settled = await Promise.allSettled(
      files.map(async (f, i) => {
        const final = join(outDir, f.path);
        if (await sameContent(final, f.content)) return undefined;
        await mkdir(dirname(final), { recursive: true });
        const temp = join(dirname(final), `.${tag}-${i}.specforge-tmp`);
        staged.push({ temp, final, path: f.path });
        await writeSynced(temp, f.content);
        return { temp, final, path: f.path };
      }),
    );
    // Every write has ended (none is left to create a temp file after the clean-up below).
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    staged.length = 0;
    settled.forEach((r, i) => {
      const value = (r as PromiseFulfilledResult<(typeof staged)[number] | undefined>).value;
      if (value === undefined) report.unchanged.push(files[i]!.path);
      else staged.push(value);
    });
    for (const path of remove) {
      const stat = await lstat(join(outDir, path)).catch(() => undefined);
      if (stat && !stat.isDirectory()) {
        removes.push(join(outDir, path));
        report.removed.push(path);
      }
    }
    if (staged.length === 0 && removes.length === 0) return report;
    const journal: Journal = { renames: staged.map(({ temp, final }) => [temp, final]), removes };
    await writeSynced(join(outDir, JOURNAL), JSON.stringify(journal));
  } catch (e) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw new DiagnosticError([diagnostic('SF5001', `cannot write to ${outDir}: ${(e as Error).message}`, '')]);
  }
  for (const s of staged) {
    await rename(s.temp, s.final);
    report.written.push(s.path);
  }
  await removeAll(outDir, removes);
  await rm(join(outDir, JOURNAL), { force: true });
  return report;
}

/** Removes files, then the folders (inside `outDir`) that this left empty. */
async function removeAll(outDir: string, files: readonly string[]): Promise<void> {
  const root = resolve(outDir);
  for (const f of files) {
    await rm(f, { force: true });
    for (let dir = dirname(resolve(f)); dir !== root && dir.startsWith(root); dir = dirname(dir)) {
      try {
        await rmdir(dir); // only succeeds when empty
      } catch {
        break;
      }
    }
  }
}

/**
 * Finishes a commit that a crash interrupted: renames every temp file still present, does the removals, then
 * drops the journal. Without a journal, removes the temp files a crash left while staging.
 */
export async function recover(outDir: string): Promise<void> {
  const journal = await readIfExists(join(outDir, JOURNAL));
  if (journal === undefined) return removeOrphanTemps(outDir);
  let parsed: Journal = { renames: [], removes: [] };
  try {
    const data = JSON.parse(journal) as Journal | Array<[string, string]>;
    parsed = Array.isArray(data) ? { renames: data, removes: [] } : data;
  } catch {
    // A journal cut short was never complete, so no rename had started: the old output stands.
  }
  const inside = (p: unknown): p is string => typeof p === 'string' && resolve(p).startsWith(resolve(outDir) + '/');
  for (const [temp, final] of parsed.renames ?? []) {
    if (!inside(temp) || !inside(final)) continue;
    try {
      await rename(temp, final);
    } catch {
      // already renamed before the crash
    }
  }
  await removeAll(outDir, (parsed.removes ?? []).filter(inside));
  await rm(join(outDir, JOURNAL), { force: true });
}

/** Removes temp files a killed run left while staging (before its journal existed: they were never output). */
async function removeOrphanTemps(dir: string, depth = 0): Promise<void> {
  if (depth > 32) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (e.isDirectory()) await removeOrphanTemps(join(dir, e.name), depth + 1);
    else if (e.name.endsWith('.specforge-tmp')) await rm(join(dir, e.name), { force: true });
  }
}

/**
 * True when the file at `path` holds exactly `content` (as UTF-8). A file of another size is not read; one of
 * the same size is compared byte for byte.
 */
async function sameContent(path: string, content: string): Promise<boolean> {
  const size = await stat(path).then((s) => (s.isFile() ? s.size : -1), () => -1);
  if (size !== Buffer.byteLength(content, 'utf8')) return false;
  const bytes = await readFile(path).catch(() => undefined);
  return bytes !== undefined && bytes.equals(Buffer.from(content, 'utf8'));
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function writeSynced(path: string, content: string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(content, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
}

