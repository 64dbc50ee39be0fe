// Type-checks generated files under strict with TypeScript's compiler API: the files are served from memory,
// library and @types files are parsed once per process (which is what makes checking 2,600 specs affordable).
// Used by the corpus runner and by the corpus subset test.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const { '//': _, ...strictest } = require('./strictest.json');
const OUT = '/specforge-corpus/';
const options = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  typeRoots: [join(dirname(require.resolve('@types/node/package.json')), '..')],
  skipLibCheck: true,
  noUncheckedIndexedAccess: true,
  // What @tsconfig/strictest adds, and the flags of projects that run TypeScript by stripping types: the output
  // must pass whatever a user's tsconfig turns on (the same flags as test/helpers/typecheck.ts's STRICTEST).
  ...strictest,
};
const cache = new Map(); // library and @types files: parsed once

/** The first errors of the program made of `files` ({ path, content }), as `file(line): TScode message`. */
export function typecheck(files) {
  const mem = new Map(files.map((f) => [OUT + f.path, f.content]));
  // The in-memory folders: the output folder, its parents, and its subfolders (`runtime/`).
  const dirs = new Set();
  for (const p of mem.keys()) for (let d = dirname(p); !dirs.has(d) && d !== '/'; d = dirname(d)) dirs.add(d);
  const base = ts.createCompilerHost(options);
  const host = {
    ...base,
    fileExists: (p) => mem.has(p) || base.fileExists(p),
    directoryExists: (d) => dirs.has(d.replace(/\/$/, '')) || base.directoryExists?.(d) !== false,
    realpath: (p) => (mem.has(p) ? p : (base.realpath?.(p) ?? p)),
    readFile: (p) => mem.get(p) ?? base.readFile(p),
    getSourceFile: (p, lang) => {
      if (mem.has(p)) return ts.createSourceFile(p, mem.get(p), lang, true);
      let sf = cache.get(p);
      if (!sf) {
        sf = base.getSourceFile(p, lang);
        if (sf) cache.set(p, sf);
      }
      return sf;
    },
    writeFile: () => {},
  };
  const program = ts.createProgram([...mem.keys()].filter((p) => p.endsWith('.ts')), options, host);
  const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  return diags.map((d) => {
    const where = d.file ? `${d.file.fileName.replace(OUT, '')}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : '';
    return `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`.slice(0, 400);
  });
}

