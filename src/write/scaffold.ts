import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * The `--scaffold` file as it is on disk: its text, or undefined when there is none yet (emit/server/scaffold.ts
 * plans what to add from it); SF5003 when it cannot be read.
 */
export function readScaffold(file: string): { text?: string; diagnostics: Diagnostic[] } {
  try {
    return existsSync(file) ? { text: readFileSync(file, 'utf8'), diagnostics: [] } : { diagnostics: [] };
  } catch (e) {
    return { diagnostics: [unwritable(file, `${file} cannot be read: ${e instanceof Error ? e.message : String(e)}`)] };
  }
}

/** Writes a planned scaffold's text, if any (through a temporary file and a rename); SF5003 when that fails. */
export function applyScaffold(p: { file: string; text?: string }): Diagnostic[] {
  if (p.text === undefined) return [];
  try {
    mkdirSync(dirname(p.file), { recursive: true });
    writeWhole(p.file, p.text);
    return [];
  } catch (e) {
    return [unwritable(p.file, `${p.file} cannot be written: ${e instanceof Error ? e.message : String(e)}`)];
  }
}

function unwritable(file: string, message: string): Diagnostic {
  return diagnostic('SF5003', message, '', { file });
}

/** Writes through a temporary file and a rename, so the file is never left half-written. */
function writeWhole(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.specforge-tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
