// Worker of npm run corpus: for each spec, generate every target in memory and type-check the output under
// strict (TypeScript's compiler API, files served from memory, library files parsed once per worker).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import ts from 'typescript';
import { generate } from '../dist/index.js';

const require = createRequire(import.meta.url);
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
  exactOptionalPropertyTypes: false,
};
const cache = new Map(); // library and @types files: parsed once

function typecheck(files) {
  const mem = new Map(files.map((f) => [OUT + f.path, f.content]));
  const base = ts.createCompilerHost(options);
  const host = {
    ...base,
    fileExists: (p) => mem.has(p) || base.fileExists(p),
    directoryExists: (d) => OUT.startsWith(d.endsWith('/') ? d : d + '/') || base.directoryExists?.(d) !== false,
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

parentPort.on('message', async ({ id, spec, check }) => {
  const t0 = performance.now();
  let r;
  try {
    const g = await generate({ input: spec, write: false });
    const genMs = Math.round(performance.now() - t0);
    const internal = g.diagnostics.find((d) => d.code === 'SF9002');
    if (internal) r = { status: 'crash', detail: internal.message.split('\n').slice(0, 3).join(' ').slice(0, 400), genMs };
    else if (!g.ok) {
      const e = g.diagnostics.find((d) => d.severity === 'error');
      r = { status: 'invalid', code: e?.code, detail: `${e?.code} ${e?.message} (#${e?.pointer})`.slice(0, 400), genMs };
    } else if (!check) r = { status: 'pass', genMs, bytes: g.files.reduce((n, f) => n + f.content.length, 0) };
    else {
      const errors = typecheck(g.files);
      const tscMs = Math.round(performance.now() - t0) - genMs;
      r = errors.length === 0 ? { status: 'pass', genMs, tscMs } : { status: 'tsc', detail: errors[0], count: errors.length, genMs, tscMs };
    }
  } catch (e) {
    r = { status: 'crash', detail: `threw: ${e?.stack ?? e}`.slice(0, 400) };
  }
  parentPort.postMessage({ id, ...r });
});
