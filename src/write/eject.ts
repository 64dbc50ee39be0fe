import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';

export interface EjectResult {
  ok: boolean;
  /** Paths copied, relative to `output`, with `/` separators. */
  copied: string[];
  diagnostics: Diagnostic[];
}

/**
 * Copies files (`from`) into `output` at their relative paths (`rel`), all or nothing: a file there that differs is
 * SF5004 and nothing is copied, unless `force`.
 */
export function copyOut(files: ReadonlyArray<{ from: string; rel: string }>, output: string, force: boolean): EjectResult {
  const plan = files.map((f) => ({ ...f, to: join(output, f.rel) }));
  const clashes = plan.filter((p) => existsSync(p.to) && readFileSync(p.to, 'utf8') !== readFileSync(p.from, 'utf8'));
  if (clashes.length > 0 && !force) {
    return {
      ok: false,
      copied: [],
      diagnostics: clashes.map((c) => diagnostic('SF5004', `${c.to} exists and differs from the built-in template (use --force to replace it)`, '', { file: c.to })),
    };
  }
  try {
    for (const p of plan) {
      mkdirSync(dirname(p.to), { recursive: true });
      copyFileSync(p.from, p.to);
    }
  } catch (e) {
    return { ok: false, copied: [], diagnostics: [diagnostic('SF5001', `cannot write to ${output}: ${(e as Error).message}`, '')] };
  }
  return { ok: true, copied: plan.map((p) => p.rel), diagnostics: [] };
}
