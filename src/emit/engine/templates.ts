import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { PACKAGE_ROOT } from '../../paths.js';

/** The built-in templates folder, shipped with the package beside dist/. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates') + sep;

/**
 * The runtime modules (`src/runtime/*.ts`, shipped with the package): real TypeScript, type-checked and
 * unit-tested in this repo, copied as they are into `runtime/` of every output folder.
 */
export const BUILTIN_RUNTIME = join(PACKAGE_ROOT, 'src', 'runtime') + sep;

/**
 * The templates of one target: files `<target>/*.hbs`, partials `<target>/partials/*.hbs` and `_shared/partials/*.hbs`;
 * and the runtime modules by name (`client` for `runtime/client.ts`), which an override folder's `runtime/*.ts` replace.
 */
export interface TemplateSet {
  templates: Map<string, { source: string; file: string }>;
  partials: Map<string, { source: string; file: string }>;
  runtime: Map<string, { source: string; file: string }>;
}

/**
 * Reads the templates for a target from the built-in folder, then lets each override folder replace files and
 * partials of the same name (later folders win). Names are the file names without `.hbs`.
 */
export function loadTemplateSet(target: string, overrideDirs: readonly string[] = []): TemplateSet {
  const set: TemplateSet = { templates: new Map(), partials: new Map(), runtime: new Map() };
  readInto(set.runtime, BUILTIN_RUNTIME, '.ts');
  for (const root of [BUILTIN_TEMPLATES, ...overrideDirs]) {
    readInto(set.partials, join(root, '_shared', 'partials'));
    readInto(set.templates, join(root, target));
    readInto(set.partials, join(root, target, 'partials'));
  }
  for (const root of overrideDirs) readInto(set.runtime, join(root, 'runtime'), '.ts');
  return set;
}

function readInto(into: Map<string, { source: string; file: string }>, dir: string, ext = '.hbs'): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith(ext) || f.endsWith('.d.ts')) continue;
    const file = join(dir, f);
    into.set(basename(f, ext), { source: readFileSync(file, 'utf8'), file });
  }
}

/**
 * The built-in files that `eject` copies out for these targets, at the paths a `--templates` folder holds them
 * (relative, with `/`): `_shared/` and each target's folder of templates, then the runtime modules named
 * (`runtime/<name>.ts`).
 */
export function builtinFiles(targets: readonly string[], runtimeModules: readonly string[]): Array<{ from: string; rel: string }> {
  const templates = ['_shared', ...[...targets].sort()]
    .flatMap((t) => filesUnder(join(BUILTIN_TEMPLATES, t)))
    .map((from) => ({ from, rel: relative(BUILTIN_TEMPLATES, from).split(sep).join('/') }));
  const runtime = [...new Set(runtimeModules)].sort().map((name) => ({ from: join(BUILTIN_RUNTIME, `${name}.ts`), rel: `runtime/${name}.ts` }));
  return [...templates, ...runtime];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((e) => (statSync(join(dir, e)).isDirectory() ? filesUnder(join(dir, e)) : [join(dir, e)]));
}
