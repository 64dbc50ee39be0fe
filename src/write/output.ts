import { lstat, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedFile } from '../emit/target.js';
import { recover, writeAtomically, type WriteReport, type WrittenFiles } from './atomic.js';
import { folderCheck, refuseSymlinkedFolders } from './confine.js';

export type { WrittenFiles } from './atomic.js';
import { MANIFEST, manifestContent, readManifest, staleFiles } from './manifest.js';

/**
 * Commits a planned file set to its output folder with its manifest: files the previous run wrote (by the
 * manifest, still holding what it wrote) that this run does not produce are removed in the same commit; any
 * other file is left alone.
 */
export async function commitOutput(outDir: string, files: GeneratedFile[], options: { written?: WrittenFiles | undefined; durable?: boolean | undefined } = {}): Promise<WriteReport> {
  // A commit a crash cut short is finished first: the manifest read next is then the last commit's.
  await recover(outDir);
  const previous = await readManifest(outDir);
  const now = new Set(files.map((f) => f.path));
  const root = await realpath(outDir).catch(() => undefined);
  const stale = root === undefined ? [] : await staleFiles(root, previous, now);
  const report = await writeAtomically(outDir, [...files, { path: MANIFEST, content: manifestContent(files) }], stale, options);
  return { ...report, written: report.written.filter((p) => p !== MANIFEST), unchanged: report.unchanged.filter((p) => p !== MANIFEST) };
}

/** How an output folder differs from what a run would write (`--check`). */
export interface DriftReport {
  /** Files on disk whose content differs (or that are not regular files: a symlink there is replaced). */
  drifted: string[];
  /** Files the run would write that are not on disk. */
  missing: string[];
  /** Files the previous run wrote (by the manifest) that the run would remove. */
  extra: string[];
}

/**
 * Compares a planned file set with the output folder; reads only, never writes. What a run would refuse
 * (a symlinked folder on the way, SF5005) it refuses too.
 */
export async function checkOutput(outDir: string, files: GeneratedFile[]): Promise<DriftReport> {
  const report: DriftReport = { drifted: [], missing: [], extra: [] };
  const root = await realpath(outDir).catch(() => undefined);
  if (root === undefined) {
    report.missing.push(...files.map((f) => f.path));
    return report;
  }
  const check = folderCheck(root);
  await refuseSymlinkedFolders(check, files.map((f) => f.path));
  for (const f of files) {
    const st = await lstat(join(root, f.path)).catch(() => undefined);
    if (st === undefined) report.missing.push(f.path);
    else if (!st.isFile() || (await readFile(join(root, f.path), 'utf8').catch(() => undefined)) !== f.content) report.drifted.push(f.path);
  }
  report.extra.push(...(await staleFiles(root, await readManifest(outDir), new Set(files.map((f) => f.path)), check)));
  return report;
}

export function hasDrift(r: DriftReport): boolean {
  return r.drifted.length + r.missing.length + r.extra.length > 0;
}
