import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { getLibFiles } from '@ts-morph/common';
import { transformSync } from 'rolldown/experimental';
import { ts } from 'ts-morph';

/**
 * The two module resolutions users have; `strictest` is `nodenext` with every check a user's tsconfig may add
 * on top of `strict` (`STRICTEST`), for generated code alone (a test's own probe code is held to `strict`).
 */
export type Resolution = 'bundler' | 'nodenext' | 'strictest';

/**
 * What `@tsconfig/strictest` adds to `strict` (TypeScript 5.9: exactOptionalPropertyTypes, unused locals and
 * parameters, index-signature access…), and the flags of a project that runs TypeScript by stripping types
 * (Node's type stripping, `erasableSyntaxOnly`, `verbatimModuleSyntax`): the generated files are part of
 * the user's program, so they must pass whatever it turns on.
 */
export const STRICTEST: ts.CompilerOptions = (() => {
  const { '//': _, ...flags } = JSON.parse(readFileSync(new URL('../../bench/strictest.json', import.meta.url), 'utf8')) as Record<string, boolean>;
  return flags;
})();

/** Strict compiler options for generated code, in the two module resolutions users have (see `Resolution`). */
export function strictOptions(resolution: Resolution): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    typeRoots: [new URL('../../node_modules/@types', import.meta.url).pathname],
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: false,
    ...(resolution === 'bundler'
      ? { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }
      : { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }),
    ...(resolution === 'strictest' ? STRICTEST : {}),
  };
}

/** Type-checks files on disk under strict; returns the errors as `file(line): message` strings. */
export function typecheck(files: string[], resolution: Resolution): string[] {
  const options = strictOptions(resolution);
  const program = ts.createProgram({ rootNames: files, options, host: cachingHost(options, resolution) });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : undefined;
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    return `${d.file?.fileName ?? '?'}(${line ?? '?'}): ${msg}`;
  });
}

/**
 * Declaration files (TypeScript's lib files, DOM's among them, and those of node_modules: @types/node), parsed and
 * bound once per process and profile rather than once per type-check, which was most of a small check's time.
 * Programs share them the way TypeScript's language service does (its document registry: one SourceFile per file
 * and set of options that affect it; here a profile fixes the options). The lib files are ts-morph's own (its
 * TypeScript carries them in memory, not on disk), as a ts-morph Project would use.
 */
const declarationFiles = new Map<string, ts.SourceFile>();
const LIB_FILES = new Map(getLibFiles().map((f) => [f.fileName, f.text]));

function cachingHost(options: ts.CompilerOptions, resolution: Resolution): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const libDir = dirname(ts.getDefaultLibFilePath(options));
  const libText = (fileName: string) => (dirname(fileName) === libDir ? LIB_FILES.get(basename(fileName)) : undefined);
  const read = host.getSourceFile.bind(host);
  const exists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.fileExists = (fileName) => libText(fileName) !== undefined || exists(fileName);
  host.readFile = (fileName) => libText(fileName) ?? readFile(fileName);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const lib = libText(fileName);
    if (lib === undefined && !(fileName.endsWith('.d.ts') && fileName.includes('/node_modules/'))) return read(fileName, languageVersion, onError, shouldCreate);
    const format = typeof languageVersion === 'object' ? `${languageVersion.languageVersion}:${languageVersion.impliedNodeFormat}` : String(languageVersion);
    const key = `${resolution}\0${format}\0${fileName}`;
    let file = declarationFiles.get(key);
    if (!file) {
      file = lib === undefined ? read(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, lib, languageVersion);
      if (file) declarationFiles.set(key, file);
    }
    return file;
  };
  return host;
}

/**
 * The runtime modules every output folder gets (`runtime/*.ts`: src/runtime's files as they are), under
 * `prefix` (a generated folder's path): what a test that writes golden files needs beside them.
 */
export function runtimeFiles(prefix = ''): Array<{ path: string; content: string }> {
  const dir = new URL('../../src/runtime/', import.meta.url).pathname;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ path: `${prefix}runtime/${f}`, content: readFileSync(join(dir, f), 'utf8') }));
}

/** Writes in-memory files into a folder (with a package.json marking it ESM, as nodenext needs). */
export function writeFiles(dir: string, files: Array<{ path: string; content: string }>): string[] {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return files.map((f) => {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.content);
    return p;
  });
}

/**
 * A generated TypeScript module as ES2022 JavaScript, its types stripped. The output is erasable syntax only
 * (checked by the `strictest` type-check), so any type stripper gives the same program: this one is oxc's
 * (rolldown's), about 15 times faster than TypeScript's transpileModule on GitHub's 9 MB validators.ts.
 */
export function toJavaScript(code: string, fileName = 'module.ts'): string {
  const out = transformSync(fileName, code, { lang: 'ts', sourceType: 'module', target: 'es2022' });
  if (out.errors.length > 0) throw new Error(`${fileName}: ${out.errors.map((e) => e.message).join('; ')}`);
  return out.code;
}

/** Transpiles one generated TypeScript module and imports it, to run it in this process. */
export async function importTs(code: string): Promise<Record<string, unknown>> {
  return (await import('data:text/javascript;base64,' + Buffer.from(toJavaScript(code)).toString('base64'))) as Record<string, unknown>;
}
