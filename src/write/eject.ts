import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { BUILTIN_RUNTIME, BUILTIN_TEMPLATES } from '../emit/engine/templates.js';
import { isTarget, TARGETS } from '../emit/targets.js';
import type { TargetName } from '../emit/target.js';

export interface EjectOptions {
  /** The folder to copy the templates into (it becomes a `--templates` folder). */
  output: string;
  /** Targets whose templates to copy (default: all); `_shared` always comes along. */
  targets?: TargetName[];
  /** Replace files that exist and differ (default: refuse, SF5004, nothing copied). */
  force?: boolean;
}

export interface EjectResult {
  ok: boolean;
  /** Paths copied, relative to `output`, with `/` separators. */
  copied: string[];
  diagnostics: Diagnostic[];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}

/** Copies the built-in templates and runtime modules out, as the starting point of overrides. All or nothing. */
export function eject(options: EjectOptions): EjectResult {
  const targets = options.targets ?? (Object.keys(TARGETS) as TargetName[]);
  const unknown = targets.filter((t) => !isTarget(t));
  if (unknown.length > 0) {
    return { ok: false, copied: [], diagnostics: [diagnostic('SF4002', `unknown target(s): ${unknown.join(', ')} (available: ${Object.keys(TARGETS).join(', ')})`, '')] };
  }
  const sources = ['_shared', ...[...targets].sort()].flatMap((t) => filesUnder(join(BUILTIN_TEMPLATES, t)));
  const plan = sources.map((from) => {
    const rel = relative(BUILTIN_TEMPLATES, from).split(sep).join('/');
    return { from, to: join(options.output, rel), rel };
  });
  // The runtime modules the targets write, as `runtime/<name>.ts` overrides.
  const modules = new Set(targets.flatMap((t) => TARGETS[t]!.runtime));
  for (const name of [...modules].sort()) {
    const rel = `runtime/${name}.ts`;
    plan.push({ from: join(BUILTIN_RUNTIME, `${name}.ts`), to: join(options.output, rel), rel });
  }
  const clashes = plan.filter((p) => existsSync(p.to) && readFileSync(p.to, 'utf8') !== readFileSync(p.from, 'utf8'));
  if (clashes.length > 0 && !options.force) {
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
    return { ok: false, copied: [], diagnostics: [diagnostic('SF5001', `cannot write to ${options.output}: ${(e as Error).message}`, '')] };
  }
  return { ok: true, copied: plan.map((p) => p.rel), diagnostics: [] };
}
