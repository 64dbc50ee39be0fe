import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import type { GeneratedFile } from '../emit/target.js';
import { folderCheck, isConfinedPath, readRegularFile, type FolderCheck } from './confine.js';
import { compareStrings } from '../compare.js';

/**
 * The manifest: which files of an output folder specforge wrote, each with the SHA-256 of what it wrote. It is
 * what lets a run remove the files it no longer produces (and `--check` report them as extra) while never
 * touching files it did not write. The manifest is in the output folder, so it is input like the rest of it
 * (see confine.ts): a listed path is removed only when it is a regular file, reached through real folders, whose
 * content still has the recorded hash. That spares a user's README listed by a planted manifest, a file behind a
 * symlinked folder, a symlink, and a generated file the user has since edited.
 */
export const MANIFEST = '.specforge-manifest.json';

/** The files of a manifest: path → SHA-256 (hex), or undefined for an older manifest's entry, which had none. */
export type ManifestFiles = Map<string, string | undefined>;

/** Hashes by file object: an unchanged target gives the same objects again (`--watch`), which are not hashed again. */
const hashes = new WeakMap<GeneratedFile, string>();

/** SHA-256 (hex) of a file's content as written (UTF-8). */
export function contentHash(f: GeneratedFile): string {
  let h = hashes.get(f);
  if (h === undefined) {
    h = sha256(f.content);
    hashes.set(f, h);
  }
  return h;
}

/** SHA-256 (hex) of bytes, or of a text as UTF-8. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The manifest's text for a file set: `files` maps each path to its hash, sorted by path (deterministic). The
 * text is built by hand: an object's integer-like keys ("1") would otherwise come first.
 */
export function manifestContent(files: readonly GeneratedFile[]): string {
  const entries = files.map((f) => [f.path, contentHash(f)] as const).sort(([a], [b]) => compareStrings(a, b));
  const lines = entries.map(([path, hash]) => `    ${JSON.stringify(path)}: ${JSON.stringify(hash)}`);
  return `{\n  "generator": "specforge",\n  "files": {${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}}\n}\n`;
}

/**
 * The files the previous run wrote, from the manifest in `outDir`. A missing, unreadable, symlinked or tampered
 * manifest yields nothing (so nothing is removed); entries that would leave the folder are dropped. An older
 * manifest (a list of paths) yields its paths without hashes.
 */
export async function readManifest(outDir: string): Promise<ManifestFiles> {
  const files: ManifestFiles = new Map();
  const root = await realpath(outDir).catch(() => undefined);
  if (root === undefined) return files;
  const bytes = await readRegularFile(root, MANIFEST, folderCheck(root));
  if (bytes === undefined) return files;
  let data: { files?: unknown };
  try {
    data = JSON.parse(bytes.toString('utf8')) as { files?: unknown };
  } catch {
    return files;
  }
  const listed: Array<[unknown, unknown]> = Array.isArray(data?.files)
    ? data.files.map((p: unknown) => [p, undefined])
    : typeof data?.files === 'object' && data.files !== null
      ? Object.entries(data.files)
      : [];
  for (const [path, hash] of listed) {
    if (typeof path !== 'string' || !isConfinedPath(path) || path === MANIFEST) continue;
    files.set(path, typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined);
  }
  return files;
}

/**
 * Of the previous run's files, those this run would remove: not in `now`, and on disk a regular file (reached
 * through real folders) holding what specforge wrote there (the recorded hash). An entry without a hash (an
 * older manifest) is never removed: nothing says specforge wrote what is there now.
 */
export async function staleFiles(root: string, previous: ManifestFiles, now: ReadonlySet<string>, check: FolderCheck = folderCheck(root)): Promise<string[]> {
  const candidates = [...previous].filter(([path, hash]) => hash !== undefined && !now.has(path));
  const kept = await Promise.all(
    candidates.map(async ([path, hash]) => {
      const bytes = await readRegularFile(root, path, check);
      return bytes !== undefined && sha256(bytes) === hash;
    }),
  );
  return candidates.filter((_, i) => kept[i]).map(([path]) => path);
}
