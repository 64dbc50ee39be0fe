import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isConfinedPath } from './confine.js';

/**
 * The manifest: which files of an output folder specforge wrote. It is what lets a run remove the files it no
 * longer produces (and `--check` report them as extra) while never touching files it did not write.
 */
export const MANIFEST = '.specforge-manifest.json';

/** SHA-256 (hex) of bytes, or of a text as UTF-8. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
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
