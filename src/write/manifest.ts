import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The manifest: which files of an output folder specforge wrote. It is what lets a run remove the files it no
 * longer produces (and `--check` report them as extra) while never touching files it did not write.
 */
export const MANIFEST = '.specforge-manifest.json';

/** A relative path that stays inside the output folder (the rule `planFiles` enforces on every output path). */
export function isConfinedPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((p) => p !== '..' && p !== '.' && p !== '');
}

/** The manifest's text for a file set: sorted paths, nothing else (deterministic). */
export function manifestContent(paths: readonly string[]): string {
  return JSON.stringify({ generator: 'specforge', files: [...paths].sort() }, null, 2) + '\n';
}

/**
 * The files the previous run wrote, from the manifest in `outDir`. A missing, unreadable or tampered manifest
 * yields nothing (so nothing is removed); entries that would leave the folder are dropped.
 */
export async function readManifest(outDir: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST), 'utf8');
  } catch {
    return [];
  }
  try {
    const data = JSON.parse(text) as { files?: unknown };
    if (!Array.isArray(data.files)) return [];
    return data.files.filter((p): p is string => typeof p === 'string' && isConfinedPath(p) && p !== MANIFEST);
  } catch {
    return [];
  }
}
