import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.js';

/** The built-in templates folder, shipped with the package beside dist/. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates') + sep;

/** The templates of one target: files `<target>/*.hbs`, partials `<target>/partials/*.hbs` and `_shared/partials/*.hbs`. */
export interface TemplateSet {
  templates: Map<string, { source: string; file: string }>;
  partials: Map<string, { source: string; file: string }>;
}

/**
 * Reads the templates for a target from the built-in folder, then lets each override folder replace files and
 * partials of the same name (later folders win). Names are the file names without `.hbs`.
 */
export function loadTemplateSet(target: string, overrideDirs: readonly string[] = []): TemplateSet {
  const set: TemplateSet = { templates: new Map(), partials: new Map() };
  for (const root of [BUILTIN_TEMPLATES, ...overrideDirs]) {
    readInto(set.partials, join(root, '_shared', 'partials'));
    readInto(set.templates, join(root, target));
    readInto(set.partials, join(root, target, 'partials'));
  }
  return set;
}

function readInto(into: Map<string, { source: string; file: string }>, dir: string): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.hbs')) continue;
    const file = join(dir, f);
    into.set(basename(f, '.hbs'), { source: readFileSync(file, 'utf8'), file });
  }
}
