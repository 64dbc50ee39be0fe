import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';
import { isConfinedPath } from './confine.js';
import { MANIFEST } from './manifest.js';

/** The file set in its one order: by path, code-point order. Paths must stay inside the output folder. */
export function planFiles(files: GeneratedFile[]): GeneratedFile[] {
  const seen = new Set<string>();
  for (const f of files) {
    if (!isConfinedPath(f.path) || f.path === MANIFEST || f.path.endsWith('.specforge-tmp') || f.path === '.specforge-journal.json') {
      throw new DiagnosticError([diagnostic('SF5001', `refusing to write '${f.path}': output paths must be relative, stay inside the output folder and not take specforge's own file names`, '')]);
    }
    if (seen.has(f.path)) throw new DiagnosticError([diagnostic('SF5001', `two files would be written to '${f.path}'`, '')]);
    seen.add(f.path);
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
