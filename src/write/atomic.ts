import { createHash, randomBytes } from 'node:crypto';
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
 * 2. a journal listing the renames and removals is written and fsynced (to a temp file renamed into place, so
 *    that it exists whole or not at all);
 * 3. the temp files are renamed over their targets, the removals done (emptied folders pruned), then the
 *    journal is removed.
 * A failure in 1–2 removes the temp files and leaves the previous output untouched. A crash during 3 leaves the
 * journal, and the next run (or `recover`) finishes the renames before doing anything else.
 */
/**
 * What a process wrote (`--watch`), by absolute path: the file object it wrote (a target whose output did not
 * change gives the same object again), the content's SHA-1, and the size and modification time the file had
 * then. A file that still has them holds that content: it is not read again to be compared.
 */
export type WrittenFiles = Map<string, { file: GeneratedFile; sha1: string; size: number; mtimeMs: number }>;

export async function writeAtomically(
  outDir: string,
  files: GeneratedFile[],
  remove: readonly string[] = [],
  options: { written?: WrittenFiles | undefined; durable?: boolean | undefined } = {},
): Promise<WriteReport> {
  const { written, durable = true } = options;
  await recover(outDir);
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const removes: string[] = [];
  const staged: Array<{ temp: string; final: string; path: string; file: GeneratedFile; bytes: Buffer }> = [];
  const tag = randomBytes(6).toString('hex');
  const journalTemp = join(outDir, `.${tag}-journal.specforge-tmp`);
  try {
    await mkdir(outDir, { recursive: true });
    // Every file is compared and staged at once (the reads, writes and fsyncs overlap); the report and the
    // journal keep the order of `files`.
    const settled = await Promise.allSettled(
      files.map(async (f, i) => {
        const final = join(outDir, f.path);
        const bytes = await changedBytes(final, f, written);
        if (bytes === undefined) return undefined;
        await mkdir(dirname(final), { recursive: true });
        const temp = join(dirname(final), `.${tag}-${i}.specforge-tmp`);
        staged.push({ temp, final, path: f.path, file: f, bytes });
        await writeSynced(temp, bytes, durable);
        return { temp, final, path: f.path, file: f, bytes };
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
    // The journal itself appears whole or not at all: a kill between creating the file and writing it would
    // otherwise leave an empty journal, which cannot say which renames to finish.
    await writeSynced(journalTemp, JSON.stringify(journal), durable);
    await rename(journalTemp, join(outDir, JOURNAL));
  } catch (e) {
    await Promise.all([...staged.map((s) => s.temp), journalTemp].map((t) => rm(t, { force: true })));
    throw new DiagnosticError([diagnostic('SF5001', `cannot write to ${outDir}: ${(e as Error).message}`, '')]);
  }
  for (const s of staged) {
    await rename(s.temp, s.final);
    report.written.push(s.path);
  }
  await removeAll(outDir, removes);
  await rm(join(outDir, JOURNAL), { force: true });
  if (written) {
    for (const r of removes) written.delete(r);
    await Promise.all(
      staged.map(async (s) => {
        const st = await stat(s.final).catch(() => undefined);
        if (st) written.set(s.final, { file: s.file, sha1: sha1(s.bytes), size: st.size, mtimeMs: st.mtimeMs });
        else written.delete(s.final);
      }),
    );
  }
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
    // A journal cut short (written in place by an older version) was never complete, so no rename had
    // started: the old output stands, and the temp files are leftovers.
    await rm(join(outDir, JOURNAL), { force: true });
    return removeOrphanTemps(outDir);
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
 * The UTF-8 bytes of a file to write, or undefined when the file at `path` holds them already. What this process
 * wrote there is known (`written`): while the file keeps the size and time it had, the same file object, or
 * content of the same SHA-1, is unchanged. Otherwise a file of another size is not read; one of the same size is
 * compared byte for byte.
 */
async function changedBytes(path: string, f: GeneratedFile, written?: WrittenFiles): Promise<Buffer | undefined> {
  const st = await stat(path).catch(() => undefined);
  const size = st?.isFile() ? st.size : -1;
  const known = written?.get(path);
  const untouched = known !== undefined && st !== undefined && known.size === size && known.mtimeMs === st.mtimeMs;
  if (untouched && known.file === f) return undefined;
  const bytes = Buffer.from(f.content, 'utf8');
  if (size !== bytes.length) return bytes;
  if (untouched) return known.sha1 === sha1(bytes) ? (keep(written!, path, f, known), undefined) : bytes;
  const onDisk = await readFile(path).catch(() => undefined);
  if (onDisk === undefined || !onDisk.equals(bytes)) return bytes;
  if (written && st) written.set(path, { file: f, sha1: sha1(bytes), size, mtimeMs: st.mtimeMs });
  return undefined;
}

function keep(written: WrittenFiles, path: string, f: GeneratedFile, known: { sha1: string; size: number; mtimeMs: number }): void {
  written.set(path, { ...known, file: f });
}

function sha1(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Writes a file; `durable`: and waits until it is on the disk (fsync), before the journal and renames rely on it. */
async function writeSynced(path: string, content: string | Uint8Array, durable = true): Promise<void> {
  const fh = await open(path, 'w');
  try {
    await fh.writeFile(content);
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
}

