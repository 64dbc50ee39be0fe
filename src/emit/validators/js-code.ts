import { PROTOTYPE_NAMES, stringLiteral as lit, withoutStringLiterals } from '../printers/literal.js';

/** Small pieces of the generated check code shared by compile.ts and evaluated.ts. */

/** The local names of the generated check functions that may go unread. */
export type Local = 'v' | 'p' | 'o' | 's' | 'r' | 'kp' | 'k' | 'a' | 'i';

/** True when generated code (strings emptied) reads the variable `name` (not a property `.name`). */
export function reads(code: string, name: Local): boolean {
  return READS[name].test(code);
}

// The name comes first, the look-behind after it: a pattern that starts with a literal is searched for fast.
const READS = Object.fromEntries(['v', 'p', 'o', 's', 'r', 'kp', 'k', 'a', 'i'].map((n) => [n, new RegExp(`${n}(?<=(?:^|[^\\w$.])${n})(?![\\w$])`)])) as Record<Local, RegExp>;

/**
 * True when a check's code reads the variable `name` (an item's `z0`, a key's `y`): a check that fails whatever
 * the value (`false`) does not, and its variable is then not declared (`noUnusedLocals`).
 */
export function readsVar(code: string, name: string): boolean {
  return new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(withoutStringLiterals(code));
}


/**
 * Reads an own property (undefined when absent). Only names that Object.prototype has (`__proto__`,
 * `constructor`, `toString`…) can be found on a JSON object's prototype, so only they pay for the check; any
 * other name is read directly, which is several times faster.
 */
export function readOwn(obj: string, name: string): string {
  const key = lit(name);
  return PROTOTYPE_NAMES.has(name) ? `($.has.call(${obj}, ${key}) ? ${obj}[${key}] : undefined)` : `${obj}[${key}]`;
}

