import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';

/** Name of the journal that makes a multi-file commit all-or-nothing across a crash. */
export const JOURNAL = '.specforge-journal.json';

export interface WriteReport {
  written: string[];
  unchanged: string[];
}

/**
 * Writes the file set into `outDir`, only the files whose content changed, as one commit:
 * 1. each changed file goes to a temp file beside its target (written and fsynced);
 * 2. a journal listing the renames is written and fsynced;
 * 3. the temp files are renamed over their targets, then the journal is removed.
 * A failure in 1–2 removes the temp files and leaves the previous output untouched. A crash during 3 leaves the
 * journal, and the next run (or `recover`) finishes the renames before doing anything else.
 */
export async function writeAtomically(outDir: string, files: GeneratedFile[]): Promise<WriteReport> {
  await recover(outDir);
  const report: WriteReport = { written: [], unchanged: [] };
  const staged: Array<{ temp: string; final: string; path: string }> = [];
  const tag = randomBytes(6).toString('hex');
  try {
    await mkdir(outDir, { recursive: true });
    for (const f of files) {
      const final = join(outDir, f.path);
      if ((await readIfExists(final)) === f.content) {
        report.unchanged.push(f.path);
        continue;
      }
      await mkdir(dirname(final), { recursive: true });
      const temp = join(dirname(final), `.${tag}-${staged.length}.specforge-tmp`);
      staged.push({ temp, final, path: f.path });
      await writeSynced(temp, f.content);
    }
    if (staged.length === 0) return report;
    await writeSynced(join(outDir, JOURNAL), JSON.stringify(staged.map(({ temp, final }) => [temp, final])));
  } catch (e) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw new DiagnosticError([diagnostic('SF5001', `cannot write to ${outDir}: ${(e as Error).message}`, '')]);
  }
  for (const s of staged) {
    await rename(s.temp, s.final);
    report.written.push(s.path);
  }
  await rm(join(outDir, JOURNAL), { force: true });
  return report;
}

/** Finishes a commit that a crash interrupted: renames every temp file still present, then drops the journal. */
export async function recover(outDir: string): Promise<void> {
  const journal = await readIfExists(join(outDir, JOURNAL));
  if (journal === undefined) return;
  let pairs: Array<[string, string]> = [];
  try {
    pairs = JSON.parse(journal) as Array<[string, string]>;
  } catch {
    // A journal cut short was never complete, so no rename had started: the old output stands.
  }
  for (const [temp, final] of pairs) {
    try {
      await rename(temp, final);
    } catch {
      // already renamed before the crash
    }
  }
  await rm(join(outDir, JOURNAL), { force: true });
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

