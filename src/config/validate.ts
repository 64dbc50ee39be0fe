import { isAbsolute, resolve } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { join as pointerJoin } from '../diagnostics/pointer.js';
import { isTarget, TARGETS } from '../emit/targets.js';
import { LIMITS } from '../parse/limits.js';
import type { ConfigEntry, SpecforgeConfig } from './define.js';

type Check = (value: unknown) => string | undefined;

const isString: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : 'must be a non-empty string');
const isBoolean: Check = (v) => (typeof v === 'boolean' ? undefined : 'must be true or false');
const isStringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '') ? undefined : 'must be a list of non-empty strings');
const isTemplates: Check = (v) => (typeof v === 'string' ? isString(v) : isStringList(v));
const isTargets: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && isTarget(x))
    ? undefined
    : `must be a list of targets (${Object.keys(TARGETS).join(', ')})`;
const isDocumentMiB: Check = (v) =>
  typeof v === 'number' && v > 0 && v <= LIMITS.maxDocumentMiBCeiling ? undefined : `must be a number above 0 and at most ${LIMITS.maxDocumentMiBCeiling}`;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be ${values.map((x) => JSON.stringify(x)).join(' or ')}`;
const isHelpers: Check = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((f) => typeof f === 'function')
    ? undefined
    : 'must be an object of functions';

const ENTRY_KEYS: Record<keyof ConfigEntry, Check> = {
  input: isString,
  output: isString,
  targets: isTargets,
  templates: isTemplates,
  helpers: isHelpers,
  format: isBoolean,
  scaffold: isString,
  allowRemoteRefs: isBoolean,
  allowRefDirs: isStringList,
  maxDocumentMiB: isDocumentMiB,
  dates: oneOf('string', 'Date'),
  int64: oneOf('number', 'bigint'),
};

function checkEntry(value: unknown, pointer: string, file: string, out: Diagnostic[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push(diagnostic('SF9003', 'must be an object', pointer, { file }));
    return;
  }
  for (const [key, v] of Object.entries(value)) {
    if (pointer === '' && key === 'generate') continue;
    const check = ENTRY_KEYS[key as keyof ConfigEntry];
    if (!check) {
      out.push(diagnostic('SF9003', `unknown option '${key}' (known: ${[...Object.keys(ENTRY_KEYS), ...(pointer === '' ? ['generate'] : [])].join(', ')})`, pointerJoin(pointer, key), { file }));
      continue;
    }
    if (v === undefined) continue;
    const problem = check(v);
    if (problem) out.push(diagnostic('SF9003', `'${key}' ${problem}`, pointerJoin(pointer, key), { file }));
  }
}

/**
 * Checks a loaded config and turns it into entries (defaults merged, paths resolved against the config's
 * folder). Unknown or mistyped options are SF9003 with a pointer into the config.
 */
export function configEntries(config: unknown, file: string): { defaults: ConfigEntry; entries: ConfigEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  checkEntry(config, '', file, diagnostics);
  const c = config as SpecforgeConfig;
  if (diagnostics.length === 0 && c.generate !== undefined) {
    if (!Array.isArray(c.generate)) diagnostics.push(diagnostic('SF9003', "'generate' must be a list of entries", '/generate', { file }));
    else c.generate.forEach((e, i) => checkEntry(e, `/generate/${i}`, file, diagnostics));
  }
  if (diagnostics.length > 0) return { defaults: {}, entries: [], diagnostics };
  const { generate, ...defaults } = c;
  const base = resolve(file, '..');
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const resolveEntry = (e: ConfigEntry) => {
    const m: ConfigEntry = { ...defaults, ...e };
    if (m.input) m.input = /^https?:/.test(m.input) ? m.input : abs(m.input);
    if (m.output) m.output = abs(m.output);
    if (m.scaffold) m.scaffold = abs(m.scaffold);
    if (m.templates) m.templates = (typeof m.templates === 'string' ? [m.templates] : m.templates).map(abs);
    if (m.allowRefDirs) m.allowRefDirs = m.allowRefDirs.map(abs);
    return m;
  };
  return { defaults: resolveEntry({}), entries: (generate ?? [{}]).map(resolveEntry), diagnostics };
}
