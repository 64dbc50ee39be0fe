import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import type { GeneratedFile } from '../emit/target.js';

/** Runs prettier over the TypeScript files (only with `--format`; the templates already print formatted code). */
export async function formatFiles(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  const prettier = await import('prettier');
  return Promise.all(
    files.map(async (f) => {
      if (!/\.(ts|mts|js|mjs)$/.test(f.path)) return f;
      try {
        return { path: f.path, content: await prettier.format(f.content, { parser: 'typescript' }) };
      } catch (e) {
        throw new DiagnosticError([diagnostic('SF4003', `prettier failed on ${f.path}: ${(e as Error).message.split('\n')[0]}`, '')]);
      }
    }),
  );
}
