import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';

/** The file set in its one order: by path, code-point order. Paths must stay inside the output folder. */
export function planFiles(files: GeneratedFile[]): GeneratedFile[] {
  const seen = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/');
    if (f.path === '' || f.path.startsWith('/') || f.path.includes('\\') || parts.some((p) => p === '..' || p === '.' || p === '')) {
      throw new DiagnosticError([diagnostic('SF5001', `refusing to write '${f.path}': output paths must be relative and stay inside the output folder`, '')]);
    }
    if (seen.has(f.path)) throw new DiagnosticError([diagnostic('SF5001', `two files would be written to '${f.path}'`, '')]);
    seen.add(f.path);
  }
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
