import { constants, type Stats } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';

// The output folder is input. It is committed to git and rarely reviewed, so whoever last committed there
// decides what is in it: symlinks (`generated/up -> ..`), a manifest, a journal. Everything specforge does there
// goes through this file: a path is relative, stays inside the folder by its text (`isConfinedPath`), and on
// disk is reached through real folders only, never through a symlink, which would lead out of the folder
// whatever the text says. The folder named by `-o` is the user's choice and is taken as it is (resolved to its
// real path); only what is inside it is checked.

/** A relative path that stays inside the output folder by its text: no `..`, `.`, empty or absolute part. */
export function isConfinedPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((p) => p !== '..' && p !== '.' && p !== '');
}

/** The folder part of a confined path (`''` for a file at the top). */
export function folderOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/**
 * For paths inside the folder at `root` (a real path): the first folder on the way to the path that is a symlink
 * (as a relative path), or undefined when every folder on the way that exists is a real one (missing ones will
 * be made real by mkdir). The path's own last part is not looked at: a symlink there is replaced when written,
 * and left alone otherwise. Each folder is looked at once per checker (one checker per run: a folder swapped for
 * a symlink while the run is going is not a case we defend, see README's "Security").
 */
export type FolderCheck = (path: string) => Promise<string | undefined>;

export function folderCheck(root: string): FolderCheck {
  const memo = new Map<string, Promise<string | undefined>>();
  const check = (dir: string): Promise<string | undefined> => {
    if (dir === '') return Promise.resolve(undefined);
    let found = memo.get(dir);
    if (found === undefined) {
      found = check(folderOf(dir)).then(async (above) => {
        if (above !== undefined) return above;
        const st = await lstat(join(root, dir)).catch(() => undefined);
        return st?.isSymbolicLink() ? dir : undefined;
      });
      memo.set(dir, found);
    }
    return found;
  };
  return (path) => check(folderOf(path));
}

/** SF5005 for every path that a symlinked folder inside the output folder stands in the way of (all, not the first). */
export async function refuseSymlinkedFolders(check: FolderCheck, paths: readonly string[]): Promise<void> {
  const found = await Promise.all(paths.map(async (p) => [p, await check(p)] as const));
  const byLink = new Map<string, string[]>();
  for (const [p, link] of found) if (link !== undefined) byLink.set(link, [...(byLink.get(link) ?? []), p]);
  if (byLink.size === 0) return;
  throw new DiagnosticError(
    [...byLink].map(([link, under]) =>
      diagnostic('SF5005', `refusing to write through '${link}', a symbolic link in the output folder (for ${under.length === 1 ? `'${under[0]}'` : `${under.length} files, '${under[0]}' first`}): remove it, specforge makes the folder itself`, ''),
    ),
  );
}

/** What is at `path` (its lstat: a symlink is seen as one), when reached through real folders; else undefined. */
export async function lstatInside(root: string, path: string, check: FolderCheck): Promise<Stats | undefined> {
  if ((await check(path)) !== undefined) return undefined;
  return lstat(join(root, path)).catch(() => undefined);
}

/**
 * The bytes of the regular file at `path`, reached through real folders and not itself a symlink; undefined for
 * anything else (missing, a symlink, a folder, a FIFO that would block the read).
 */
export async function readRegularFile(root: string, path: string, check: FolderCheck): Promise<Buffer | undefined> {
  const st = await lstatInside(root, path, check);
  if (!st?.isFile()) return undefined;
  // O_NOFOLLOW: a symlink put in its place since the lstat is not followed either (0 where it does not exist).
  return readFile(join(root, path), { flag: constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) }).catch(() => undefined);
}
