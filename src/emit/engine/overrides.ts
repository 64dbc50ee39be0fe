import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { BUILTIN_RUNTIME, BUILTIN_TEMPLATES } from './templates.js';

const SHARED = '_shared';
const RUNTIME = 'runtime';

/** Names (without `.hbs`) of the `.hbs` files in a folder; none when it does not exist. */
function hbsNames(dir: string): Set<string> {
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir).filter((f) => f.endsWith('.hbs')).map((f) => f.slice(0, -4)));
}

/**
 * Checks override folders against the built-in layout: every `.hbs` file must replace a built-in template or
 * partial of the same name, and every folder must be a target, `partials`, `_shared` or `runtime` (whose `.ts` files
 * must replace a built-in runtime module of the same name). A typo would otherwise
 * be ignored silently. Other files (a README, dotfiles) are allowed and ignored. Unknown → SF4006.
 */
export function checkTemplateOverrides(dirs: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const unknown = (path: string, why: string) => out.push(diagnostic('SF4006', `${path}: ${why}`, '', { file: path }));
  const targets = readdirSync(BUILTIN_TEMPLATES).filter((d) => d !== SHARED && statSync(join(BUILTIN_TEMPLATES, d)).isDirectory());
  const sharedPartials = hbsNames(join(BUILTIN_TEMPLATES, SHARED, 'partials'));
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      out.push(diagnostic('SF4006', `templates folder ${dir} does not exist`, '', { file: dir }));
      continue;
    }
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (entry.startsWith('.') || !statSync(path).isDirectory()) {
        if (entry.endsWith('.hbs')) unknown(path, `templates go in a target folder (${targets.join(', ')}) or ${SHARED}/partials`);
        continue;
      }
      if (entry === SHARED) {
        checkFolder(path, { partials: sharedPartials }, unknown);
      } else if (entry === RUNTIME) {
        const known = new Set(readdirSync(BUILTIN_RUNTIME).filter((f) => f.endsWith('.ts')));
        for (const f of readdirSync(path).sort()) {
          if (f.endsWith('.ts') && !known.has(f)) unknown(join(path, f), `no built-in runtime module '${f}' to replace (known: ${[...known].sort().join(', ')})`);
        }
      } else if (targets.includes(entry)) {
        const builtin = join(BUILTIN_TEMPLATES, entry);
        checkFolder(path, { templates: hbsNames(builtin), partials: new Set([...hbsNames(join(builtin, 'partials')), ...sharedPartials]) }, unknown);
      } else {
        unknown(path, `unknown folder: expected a target (${targets.join(', ')}), ${SHARED} or ${RUNTIME}`);
      }
    }
  }
  return out;
}

function checkFolder(dir: string, known: { templates?: Set<string>; partials: Set<string> }, unknown: (path: string, why: string) => void): void {
  const list = (s: Set<string>) => [...s].sort().join(', ');
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (entry.startsWith('.')) continue;
    if (statSync(path).isDirectory()) {
      if (entry !== 'partials') unknown(path, "unknown folder: expected 'partials'");
      else for (const p of readdirSync(path).sort()) {
        if (p.endsWith('.hbs') && !known.partials.has(p.slice(0, -4))) unknown(join(path, p), `no built-in partial '${p.slice(0, -4)}' to replace (known: ${list(known.partials)})`);
      }
      continue;
    }
    if (!entry.endsWith('.hbs')) continue;
    const name = entry.slice(0, -4);
    if (!known.templates) unknown(path, `only partials go in ${SHARED} (in ${SHARED}/partials)`);
    else if (!known.templates.has(name)) unknown(path, `no built-in template '${name}' to replace (known: ${list(known.templates)})`);
  }
}
