import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, realpath, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';
import { folderCheck, folderOf, isConfinedPath, lstatInside, readRegularFile, refuseSymlinkedFolders } from './confine.js';
import { contentHash, sha256 } from './manifest.js';

/** Name of the journal that makes a multi-file commit all-or-nothing across a crash. */
export const JOURNAL = '.specforge-journal.json';

export interface WriteReport {
  written: string[];
  unchanged: string[];
  /** Files removed (paths relative to the folder), those of `remove` that existed. */
  removed: string[];
}

/**
 * The journal: renames to finish (temp file → its target, beside it), then files to remove, each with the SHA-256
 * of the content it had when the commit decided to remove it. Paths are relative to the output folder. Nothing
 * else is a journal (no released version wrote another form): `recover` drops it, and the old output stands.
 */
interface Journal {
  version: 2;
  renames: Array<[string, string]>;
  removes: Array<[string, string]>;
}

/** What temp files are called: `.<tag>-<n>.specforge-tmp`, beside their target. */
const TEMP = '.specforge-tmp';

/**
 * What a process wrote (`--watch`), by absolute path: the file object it wrote (a target whose output did not
 * change gives the same object again), the content's SHA-256 (the manifest's hash, so each file object is hashed
 * once), and the size and modification time the file had then. A file that still has them holds that content: it
 * is not read again to be compared.
 */
export type WrittenFiles = Map<string, { file: GeneratedFile; sha256: string; size: number; mtimeMs: number }>;

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
 * The folder's content is input (confine.ts): a symlinked folder on the way to any file refuses the whole commit
 * before anything is written (SF5005); a symlink where a file goes is replaced by the file; only regular files
 * are removed.
 */
export async function writeAtomically(
  outDir: string,
  files: GeneratedFile[],
  remove: readonly string[] = [],
  options: { written?: WrittenFiles | undefined; durable?: boolean | undefined } = {},
): Promise<WriteReport> {
  const { written, durable = true } = options;
  await recover(outDir);
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  const removes: Array<[string, string]> = [];
  const staged: Array<{ temp: string; final: string; path: string; file: GeneratedFile; bytes: Buffer }> = [];
  const tag = randomBytes(6).toString('hex');
  let journalTemp: string | undefined;
  let root: string;
  try {
    await mkdir(outDir, { recursive: true });
    // Everything below is inside the folder's real path, reached through real folders only (confine.ts).
    root = await realpath(outDir);
    journalTemp = join(root, `.${tag}-journal${TEMP}`);
    const check = folderCheck(root);
    await refuseSymlinkedFolders(check, files.map((f) => f.path));
    // Every file is compared and staged at once (the reads, writes and fsyncs overlap); the report and the
    // journal keep the order of `files`.
    const settled = await Promise.allSettled(
      files.map(async (f, i) => {
        const final = join(root, f.path);
        const bytes = await changedBytes(final, f, written);
        if (bytes === undefined) return undefined;
        await mkdir(dirname(final), { recursive: true });
        const temp = join(dirname(final), `.${tag}-${i}${TEMP}`);
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
    // Only regular files are removed, and what they hold is recorded: `recover` removes a file only while it
    // still holds that (a journal is input too). A symlink, or a file behind a symlinked folder, is left alone.
    for (const path of remove) {
      if (!isConfinedPath(path)) continue;
      const bytes = await readRegularFile(root, path, check);
      if (bytes === undefined) continue;
      removes.push([path, sha256(bytes)]);
      report.removed.push(path);
    }
    if (staged.length === 0 && removes.length === 0) return report;
    const journal: Journal = { version: 2, renames: staged.map(({ temp, final }) => [rel(root, temp), rel(root, final)]), removes };
    // The journal itself appears whole or not at all: a kill between creating the file and writing it would
    // otherwise leave an empty journal, which cannot say which renames to finish.
    await writeSynced(journalTemp, JSON.stringify(journal), durable);
    await rename(journalTemp, join(root, JOURNAL));
  } catch (e) {
    await Promise.all([...staged.map((s) => s.temp), ...(journalTemp ? [journalTemp] : [])].map((t) => rm(t, { force: true })));
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([diagnostic('SF5001', `cannot write to ${outDir}: ${(e as Error).message}`, '')]);
  }
  for (const s of staged) {
    await rename(s.temp, s.final);
    report.written.push(s.path);
  }
  await removeAll(root, removes.map(([path]) => path));
  await rm(join(root, JOURNAL), { force: true });
  if (written) {
    for (const [r] of removes) written.delete(join(root, r));
    await Promise.all(
      staged.map(async (s) => {
        const st = await lstat(s.final).catch(() => undefined);
        if (st) written.set(s.final, { file: s.file, sha256: contentHash(s.file), size: st.size, mtimeMs: st.mtimeMs });
        else written.delete(s.final);
      }),
    );
  }
  return report;
}

/** A path inside `root` as the journal records it: relative, with `/`. */
function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** Removes files (relative to `root`, already checked), then the folders inside `root` that this left empty. */
async function removeAll(root: string, files: readonly string[]): Promise<void> {
  for (const f of files) {
    await rm(join(root, f), { force: true });
    for (let dir = folderOf(f); dir !== ''; dir = folderOf(dir)) {
      try {
        await rmdir(join(root, dir)); // only succeeds when empty
      } catch {
        break;
      }
    }
  }
}

/**
 * Finishes a commit that a crash interrupted: renames every temp file still present, does the removals, then
 * drops the journal and any temp file left. Without a journal, removes the temp files a crash left while staging.
 *
 * The journal is input (it sits in a committed folder, see confine.ts), so an entry is followed only when it is
 * what a commit writes: a rename of a regular temp file to a path beside it, a removal of a regular file that
 * still holds the recorded content, every path inside the folder and reached through real folders. Anything
 * else is skipped; the run that called `recover` then writes the whole file set anyway.
 */
export async function recover(outDir: string): Promise<void> {
  const root = await realpath(outDir).catch(() => undefined);
  if (root === undefined) return;
  const check = folderCheck(root);
  const text = await readRegularFile(root, JOURNAL, check);
  if (text === undefined) {
    // Not there, or not a regular file (a planted symlink or folder): nothing to finish.
    if ((await lstat(join(root, JOURNAL)).catch(() => undefined))?.isSymbolicLink()) await rm(join(root, JOURNAL), { force: true });
    return removeOrphanTemps(root);
  }
  const journal = parseJournal(text.toString('utf8'));
  if (journal === undefined) {
    // Cut short, or not a journal at all: no rename had started (a commit renames a whole journal into place
    // before its first rename), so the old output stands, and the temp files are leftovers.
    await rm(join(root, JOURNAL), { force: true });
    return removeOrphanTemps(root);
  }
  const inside = (p: unknown): string | undefined => (typeof p === 'string' && isConfinedPath(p) ? p : undefined);
  for (const entry of journal.renames) {
    const [temp, final] = Array.isArray(entry) ? entry.map(inside) : [];
    if (temp === undefined || final === undefined || !temp.endsWith(TEMP) || final === JOURNAL || folderOf(temp) !== folderOf(final)) continue;
    // Same folder for both, so one check covers both; the temp file must be a regular file (what a commit
    // staged), and the target's name, a symlink or a file, is replaced by the rename, never followed.
    if (!(await lstatInside(root, temp, check))?.isFile()) continue; // already renamed before the crash, or planted
    await rename(join(root, temp), join(root, final)).catch(() => undefined);
  }
  const removes: string[] = [];
  for (const entry of journal.removes) {
    const [path, hash] = Array.isArray(entry) ? [inside(entry[0]), entry[1]] : [];
    if (path === undefined || typeof hash !== 'string' || path === JOURNAL) continue;
    const bytes = await readRegularFile(root, path, check);
    if (bytes !== undefined && sha256(bytes) === hash) removes.push(path);
  }
  await removeAll(root, removes);
  await rm(join(root, JOURNAL), { force: true });
  // Temp files the journal did not account for (planted, or of a rename it refused) are not output.
  await removeOrphanTemps(root);
}

/** The journal's form, its entries still unchecked (each is checked where it is used); anything else: undefined. */
function parseJournal(text: string): { renames: unknown[]; removes: unknown[] } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const { version, renames, removes } = data as Record<string, unknown>;
  return version === 2 && Array.isArray(renames) && Array.isArray(removes) ? { renames, removes } : undefined;
}

/** Removes temp files a killed run left while staging (before its journal existed: they were never output). */
async function removeOrphanTemps(dir: string, depth = 0): Promise<void> {
  if (depth > 32) return;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    // A Dirent does not follow symlinks: a symlinked folder is not entered, and a symlink named like a temp
    // file is removed itself, not what it points to.
    if (e.isDirectory()) await removeOrphanTemps(join(dir, e.name), depth + 1);
    else if (e.name.endsWith(TEMP)) await rm(join(dir, e.name), { force: true });
  }
}

/**
 * The UTF-8 bytes of a file to write, or undefined when the file at `path` holds them already. What this process
 * wrote there is known (`written`): while the file keeps the size and time it had, the same file object, or
 * content of the same SHA-256, is unchanged. Otherwise a file of another size is not read; one of the same size is
 * compared byte for byte. Anything but a regular file there (a symlink) is replaced.
 */
async function changedBytes(path: string, f: GeneratedFile, written?: WrittenFiles): Promise<Buffer | undefined> {
  // lstat: a symlink where the file goes is not the file (whatever it points to holds), so it is replaced.
  const st = await lstat(path).catch(() => undefined);
  const size = st?.isFile() ? st.size : -1;
  const known = written?.get(path);
  const untouched = known !== undefined && st !== undefined && known.size === size && known.mtimeMs === st.mtimeMs;
  if (untouched && known.file === f) return undefined;
  const bytes = Buffer.from(f.content, 'utf8');
  if (size !== bytes.length) return bytes;
  if (untouched) return known.sha256 === contentHash(f) ? (keep(written!, path, f, known), undefined) : bytes;
  const onDisk = await readFile(path).catch(() => undefined);
  if (onDisk === undefined || !onDisk.equals(bytes)) return bytes;
  if (written && st) written.set(path, { file: f, sha256: contentHash(f), size, mtimeMs: st.mtimeMs });
  return undefined;
}

function keep(written: WrittenFiles, path: string, f: GeneratedFile, known: { sha256: string; size: number; mtimeMs: number }): void {
  written.set(path, { ...known, file: f });
}

/**
 * Writes a new file; `durable`: and waits until it is on the disk (fsync), before the journal and renames rely on
 * it. `wx`: the file must not exist, so a symlink planted under a temp file's name is never written through.
 */
async function writeSynced(path: string, content: string | Uint8Array, durable = true): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    await fh.writeFile(content);
    if (durable) await fh.sync();
  } finally {
    await fh.close();
  }
}

