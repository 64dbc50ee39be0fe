/**
 * Which parts of the validators' runtime (templates/validators/partials/runtime.hbs and params-runtime.hbs) a
 * file needs. Each part is declared only where something calls it, so that the output also compiles under
 * `noUnusedLocals` (a user's tsconfig, `@tsconfig/strictest`): a spec without `format: uuid` gets no `$fmtUuid`.
 */

import { withoutStringLiterals } from '../printers/literal.js';

/**
 * The `$` names in generated code (strings emptied) other than the compiled checks' own (`$c12`, `$c_Name`): the
 * runtime helpers it calls. (The character before each name is matched, not looked behind at: that is faster.)
 */
export function runtimeNames(code: string, into: Set<string>): void {
  for (const m of code.match(RUNTIME_NAME) ?? []) into.add(m.charCodeAt(0) === 36 ? m : m.slice(1));
}

const RUNTIME_NAME = /(?:^|[^\w$.])\$(?!c[\d_])[A-Za-z]\w*/g;

/** The optional parts of the runtime, each a flag of `ValidatorsFileView.runtime`. */
export const RUNTIME_PARTS = [
  'core',
  'at',
  'fail',
  't',
  'fp',
  'tp',
  'r',
  'any',
  'ptr',
  'has',
  'validator',
  'params',
  'cpLen',
  'eq',
  'unique',
  'multipleOf',
  'fmtDate',
  'fmtTime',
  'fmtDateTime',
  'fmtDuration',
  'fmtEmail',
  'fmtHostname',
  'fmtIpv4',
  'fmtIpv6',
  'fmtUri',
  'fmtUriReference',
  'fmtUuid',
  'fmtByte',
  'fmtRegex',
  'fmtJsonPointer',
] as const;

export type RuntimePart = (typeof RUNTIME_PARTS)[number];
export type RuntimeUse = Record<RuntimePart, boolean>;

/**
 * What each part calls or names in its own code (kept in step with the two partials; the strict type-check of
 * every golden file under `noUnusedLocals` fails when they drift apart).
 */
const NEEDS: Readonly<Partial<Record<RuntimePart, readonly RuntimePart[]>>> = {
  at: ['core'],
  fail: ['core'],
  t: ['fail'],
  fp: ['fail', 'ptr'],
  tp: ['fp'],
  r: ['fail'],
  validator: ['core'],
  params: ['core', 'has'],
  eq: ['has'],
  unique: ['eq'],
  fmtDateTime: ['fmtDate', 'fmtTime'],
  fmtIpv6: ['fmtIpv4'],
};

/** The name by which generated code calls each part (`core`: the `$Out` type every check function takes). */
const TOKEN: Readonly<Record<RuntimePart, string>> = Object.fromEntries(
  RUNTIME_PARTS.map((p) => [p, p === 'core' ? '$Out' : `$${p}`]),
) as Record<RuntimePart, string>;

/**
 * The parts needed: by the `$` names the compiled functions call (`helpers`, collected as they were compiled),
 * by generated `code` the template writes from the view (the checks bound to exports, the constants), and by
 * `validator` and `params`, given, since the template itself calls them; everything they need follows.
 */
export function runtimeUse(helpers: ReadonlySet<string>, code: readonly string[], given: { validator: boolean; params: boolean }): RuntimeUse {
  const use = Object.fromEntries(RUNTIME_PARTS.map((p) => [p, false])) as RuntimeUse;
  const add = (p: RuntimePart): void => {
    if (use[p]) return;
    use[p] = true;
    for (const q of NEEDS[p] ?? []) add(q);
  };
  if (given.validator) add('validator');
  if (given.params) add('params');
  const named = new Set(helpers);
  for (const c of code) runtimeNames(withoutStringLiterals(c), named);
  for (const p of RUNTIME_PARTS) if (named.has(TOKEN[p])) add(p);
  return use;
}
