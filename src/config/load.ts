import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/** Config file names, in the order they are looked for in each folder. */
export const CONFIG_NAMES = ['specforge.config.ts', 'specforge.config.mts', 'specforge.config.js', 'specforge.config.mjs', 'specforge.config.json'] as const;

/** The nearest config file in `from` or a folder above it. */
export function findConfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

let generation = 0;

/**
 * Loads a config file: JSON is parsed; JavaScript is imported; TypeScript is transpiled (with the TypeScript
 * that ts-morph bundles) to a temporary module beside it, imported, and removed. Its default export (or the
 * module's namespace for JSON) is the config. Failures are SF9003 diagnostics.
 */
export async function loadConfig(file: string): Promise<{ config?: unknown; diagnostics: Diagnostic[] }> {
  const fail = (message: string) => ({ diagnostics: [diagnostic('SF9003', message, '', { file })] });
  if (!existsSync(file)) return fail(`config file ${file} does not exist`);
  try {
    if (file.endsWith('.json')) {
      try {
        return { config: JSON.parse(readFileSync(file, 'utf8')), diagnostics: [] };
      } catch (e) {
        return fail(`config file is not valid JSON: ${(e as Error).message}`);
      }
    }
    let url = pathToFileURL(file).href;
    let temp: string | undefined;
    if (/\.m?ts$/.test(file)) {
      const { ts } = await import('ts-morph');
      const js = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      }).outputText;
      temp = join(dirname(file), `.${basename(file)}.${process.pid}-${++generation}.mjs`);
      writeFileSync(temp, js);
      url = pathToFileURL(temp).href;
    } else {
      url += `?generation=${++generation}`; // a fresh module when the file changed (watch mode)
    }
    try {
      const mod = (await import(url)) as { default?: unknown };
      if (mod.default === undefined) return fail('config file has no default export (export default defineConfig({ … }))');
      return { config: mod.default, diagnostics: [] };
    } finally {
      if (temp) rmSync(temp, { force: true });
    }
  } catch (e) {
    return fail(`config file failed to load: ${(e as Error).message}`);
  }
}
