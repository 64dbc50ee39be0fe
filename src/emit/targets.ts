import type { GeneratedFile, Target, TargetName } from './target.js';
import { clientTarget } from './client/index.js';
import { mocksTarget } from './mocks/index.js';
import { queryTarget } from './query/index.js';
import { serverTarget } from './server/index.js';
import { typesTarget } from './types/index.js';
import { validatorsTarget } from './validators/index.js';

/** The targets that exist so far, by name. */
export const TARGETS: Partial<Record<TargetName, Target>> = Object.freeze(
  Object.assign(Object.create(null) as Partial<Record<TargetName, Target>>, {
    types: typesTarget,
    validators: validatorsTarget,
    client: clientTarget,
    server: serverTarget,
    query: queryTarget,
    mocks: mocksTarget,
  }),
);

/** Whether a name (from the command line, a config file, the library's caller) is a target: own names only. */
export function isTarget(name: string): name is TargetName {
  return Object.prototype.hasOwnProperty.call(TARGETS, name);
}

/** The targets to run for a request: each with the targets it requires, in the order of TARGET_ORDER. */
export function withRequirements(names: readonly TargetName[]): TargetName[] {
  const out = new Set<TargetName>();
  const add = (n: TargetName) => {
    for (const r of TARGETS[n]?.requires ?? []) add(r);
    out.add(n);
  };
  names.forEach(add);
  return TARGET_ORDER.filter((t) => out.has(t));
}

export const TARGET_ORDER: readonly TargetName[] = ['types', 'validators', 'client', 'server', 'query', 'mocks'];

/**
 * The files of several targets with each runtime module once: targets that import the same module (the client's
 * and the server's `runtime/codec.ts`) each list it, and write the same text. Two different texts for one path
 * stay, for the plan to refuse (SF5001).
 */
export function oneOfEachRuntime(files: readonly GeneratedFile[]): GeneratedFile[] {
  const seen = new Map<string, string>();
  return files.filter((f) => {
    if (!f.path.startsWith('runtime/')) return true;
    const before = seen.get(f.path);
    if (before === undefined) {
      seen.set(f.path, f.content);
      return true;
    }
    return before !== f.content;
  });
}
