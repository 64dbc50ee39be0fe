import { dirname, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { realpath } from 'node:fs/promises';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { join as joinPointer } from '../diagnostics/pointer.js';
import { LIMITS } from './limits.js';
import { fetchSource } from './fetch.js';
import { readSource, type SourceFile } from './read.js';

/** Where `$ref`s may point. */
export interface RefPolicy {
  /** Folders (besides the root spec's own) that external file refs may reach. */
  allowedDirs: string[];
  /** Fetch `http(s)` refs instead of refusing them. */
  allowRemoteRefs: boolean;
}

/** What loading may read: where refs may point, and how large a file may be (bytes). */
export interface LoadPolicy extends RefPolicy {
  maxDocumentBytes: number;
}

/** The root file and every file reachable from it through `$ref`, keyed by absolute path (or URL). */
export interface FileGraph {
  root: SourceFile;
  files: Map<string, SourceFile>;
}

/** A `$ref` split into the file it names (absolute) and the pointer inside it. */
export interface RefTarget {
  file: string;
  pointer: string;
}

export function resolveRef(fromFile: string, ref: string): RefTarget {
  const hash = ref.indexOf('#');
  const filePart = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : decodeURIComponentSafe(ref.slice(hash + 1));
  if (filePart === '') return { file: fromFile, pointer };
  if (isRemote(filePart)) return { file: filePart, pointer };
  if (isRemote(fromFile)) return { file: new URL(filePart, fromFile).href, pointer };
  return { file: resolvePath(dirname(fromFile), decodeURIComponentSafe(filePart)), pointer };
}

export function isRemote(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Fast text test: can this file hold a `$ref` to another file? Saves a walk of big single-file specs. */
export function mayHaveExternalRefs(text: string): boolean {
  return /["']?\$ref["']?\s*:\s*["']?(?!#)[^\s"'#]/.test(text);
}

/** Every `$ref` string in a value, with the pointer of the object holding it. */
export function findRefs(value: unknown): Array<{ pointer: string; ref: string }> {
  const out: Array<{ pointer: string; ref: string }> = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [v, ptr] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], ptr + '/' + i]);
      continue;
    }
    const obj = v as Record<string, unknown>;
    if (typeof obj.$ref === 'string') out.push({ pointer: ptr, ref: obj.$ref });
    const keys = Object.keys(obj);
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      if (k === 'example' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default') continue;
      stack.push([obj[k], joinPointer(ptr, k)]);
    }
  }
  return out;
}

export async function loadFileGraph(root: SourceFile, policy: LoadPolicy): Promise<FileGraph> {
  const files = new Map<string, SourceFile>([[root.path, root]]);
  const errors: Diagnostic[] = [];
  const rootDir = isRemote(root.path) ? '' : dirname(root.path);
  const allowed = await Promise.all([rootDir, ...policy.allowedDirs].filter((d) => d !== '').map(realpathSafe));
  const queue: SourceFile[] = [root];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!mayHaveExternalRefs(file.text)) continue;
    for (const { pointer, ref } of findRefs(file.value)) {
      const target = resolveRef(file.path, ref);
      if (target.file === file.path || files.has(target.file)) continue;
      const where = file === root ? {} : { file: file.path };
      const refPointer = joinPointer(pointer, '$ref');
      if (isRemote(target.file)) {
        if (!policy.allowRemoteRefs) {
          errors.push(diagnostic('SF2004', `remote $ref '${ref}' refused (pass --allow-remote-refs to allow it)`, refPointer, where));
          continue;
        }
      } else if (!(await isInside(target.file, allowed))) {
        errors.push(diagnostic('SF2003', `$ref '${ref}' points outside the spec's folder and the allowed folders`, refPointer, where));
        continue;
      }
      if (files.size >= LIMITS.maxFiles) {
        errors.push(diagnostic('SF1008', `more than ${LIMITS.maxFiles} files in the $ref graph`, refPointer, where));
        break;
      }
      try {
        const loaded = isRemote(target.file) ? await fetchSource(target.file, 'SF2002', policy.maxDocumentBytes) : await readSource(target.file, refPointer, policy.maxDocumentBytes);
        files.set(target.file, loaded);
        queue.push(loaded);
      } catch (e) {
        if (!(e instanceof DiagnosticError)) throw e;
        for (const d of e.diagnostics) {
          // A file that cannot be had (unreadable, too large, redirected elsewhere) is reported at the $ref; a
          // broken one at its own position.
          if (d.code === 'SF2002') errors.push(diagnostic('SF2002', `$ref '${ref}': ${d.message.replace(/^cannot read [^:]*: /, 'cannot read the file: ')}`, refPointer, where));
          else if (d.code === 'SF1008' || d.code === 'SF2008') errors.push(diagnostic(d.code, `$ref '${ref}': ${d.message}`, refPointer, where));
          else errors.push(d);
        }
        files.set(target.file, { path: target.file, text: '', format: 'json', value: undefined });
      }
    }
  }
  if (errors.length > 0) throw new DiagnosticError(errors);
  return { root, files };
}

async function realpathSafe(p: string): Promise<string> {
  try {
    return await realpath(p);
  } catch {
    return resolvePath(p);
  }
}

async function isInside(file: string, dirs: string[]): Promise<boolean> {
  const real = await realpathSafe(file);
  return dirs.some((d) => {
    const rel = relative(d, real);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  });
}

