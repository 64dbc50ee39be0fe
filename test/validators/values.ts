/** Seeded, reproducible JSON values from a schema, and mutations of them, for differential testing. */

// @ts-expect-error: a plain ES module of the fuzzer
import { prng } from '../fuzz/mutate.mjs';

export type Random = () => number;

/** mulberry32: a small seeded PRNG (the fuzzer's). */
export const rng: (seed: number) => Random = prng;

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function resolve(schema: unknown, doc: Record<string, unknown>): Record<string, unknown> {
  let s = schema as Record<string, unknown>;
  for (let i = 0; i < 20 && s && typeof s === 'object' && typeof s.$ref === 'string'; i++) {
    let cur: unknown = doc;
    for (const t of (s.$ref as string).slice(2).split('/')) cur = (cur as Record<string, unknown>)[t.replace(/~1/g, '/').replace(/~0/g, '~')];
    s = cur as Record<string, unknown>;
  }
  return s ?? {};
}

/** A string for a simple pattern: literals, classes with ranges, \d \w, quantifiers {n} {n,m} ? * +. */
function fromPattern(pattern: string, r: Random): string | undefined {
  let out = '';
  let i = pattern.startsWith('^') ? 1 : 0;
  const end = pattern.endsWith('$') ? pattern.length - 1 : pattern.length;
  while (i < end) {
    let chars: string[];
    const c = pattern[i]!;
    if (c === '[') {
      const close = pattern.indexOf(']', i);
      if (close === -1) return undefined;
      chars = [];
      const body = pattern.slice(i + 1, close);
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          for (let k = body.charCodeAt(j); k <= body.charCodeAt(j + 2); k++) chars.push(String.fromCharCode(k));
          j += 2;
        } else chars.push(body[j]!);
      }
      i = close + 1;
    } else if (c === '\\') {
      const e = pattern[i + 1];
      chars = e === 'd' ? [...'0123456789'] : e === 'w' ? [...'abcXYZ019_'] : [e!];
      i += 2;
    } else if ('()|.'.includes(c)) {
      return undefined;
    } else {
      chars = [c];
      i++;
    }
    let n = 1;
    const q = /^\{(\d+)(?:,(\d*))?\}|^[?*+]/.exec(pattern.slice(i, end));
    if (q) {
      if (q[0] === '?') n = Math.floor(r() * 2);
      else if (q[0] === '*') n = Math.floor(r() * 3);
      else if (q[0] === '+') n = 1 + Math.floor(r() * 2);
      else n = Number(q[1]) + (q[2] ? Math.floor(r() * 2) : 0);
      i += q[0].length;
    }
    for (let k = 0; k < n; k++) out += pick(r, chars);
  }
  return out;
}

function stringFor(s: Record<string, unknown>, r: Random): string {
  if (typeof s.pattern === 'string') {
    const v = fromPattern(s.pattern, r);
    if (v !== undefined) return v;
  }
  switch (s.format) {
    case 'date-time':
      return `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}T12:34:56Z`;
    case 'date':
      return `2026-11-2${Math.floor(r() * 9)}`;
    case 'uri':
      return `https://api.example.com/x/${Math.floor(r() * 1000)}`;
    case 'email':
      return `user${Math.floor(r() * 100)}@example.com`;
    case 'uuid':
      return '123e4567-e89b-12d3-a456-426614174000';
  }
  const len = typeof s.minLength === 'number' ? s.minLength : 1 + Math.floor(r() * 8);
  return 'abcdefghijklmnopqrstuvwxyz'.slice(0, Math.max(len, 0)).padEnd(len, 'z');
}

/** A value that should match `schema` (often does; exactness is not needed: only agreement is measured). */
export function generateValue(schema: unknown, doc: Record<string, unknown>, r: Random, depth = 0): unknown {
  const s = resolve(schema, doc);
  if (depth > 6) return null;
  if (Array.isArray(s.enum) && s.enum.length > 0) return pick(r, s.enum);
  if ('const' in s) return s.const;
  for (const k of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[k])) return generateValue(pick(r, s[k] as unknown[]), doc, r, depth + 1);
  }
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as unknown[]).map((p) => generateValue(p, doc, r, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  const types = Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : s.properties ? ['object'] : ['string'];
  const t = types.includes('null') && r() < 0.15 ? 'null' : pick(r, types.filter((x) => x !== 'null').length ? types.filter((x) => x !== 'null') : types);
  switch (t) {
    case 'null':
      return null;
    case 'boolean':
      return r() < 0.5;
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 1000;
      return min + Math.floor(r() * (max - min + 1));
    }
    case 'string':
      return stringFor(s, r);
    case 'array': {
      const n = typeof s.minItems === 'number' ? s.minItems : Math.floor(r() * 3);
      return Array.from({ length: n }, () => generateValue(s.items ?? {}, doc, r, depth + 1));
    }
    default: {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      for (const [k, p] of Object.entries(props)) {
        if (required.has(k) || r() < 0.5) out[k] = generateValue(p, doc, r, depth + 1);
      }
      return out;
    }
  }
}

const ODD_VALUES: unknown[] = [null, 0, -1, 1.5, 2 ** 31, '', 'x', 'bogus', true, false, [], [1, 'a'], {}, { a: 1 }, '2026-13-40T99:99:99Z', 'not-an-email', 'ISzz'];

/** One random change somewhere in the value: replace, delete a key, add a key, or change an array. */
export function mutate(value: unknown, r: Random): unknown {
  const copy = structuredClone(value);
  const containers: Array<{ parent: Record<string, unknown> | unknown[] }> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      containers.push({ parent: v as Record<string, unknown> });
      for (const x of Object.values(v)) walk(x);
    }
  };
  walk(copy);
  if (containers.length === 0 || r() < 0.1) return pick(r, ODD_VALUES);
  const { parent } = pick(r, containers);
  const keys = Object.keys(parent);
  const op = r();
  if (Array.isArray(parent)) {
    if (op < 0.5 && parent.length > 0) parent[Math.floor(r() * parent.length)] = pick(r, ODD_VALUES);
    else parent.push(pick(r, ODD_VALUES));
  } else if (op < 0.5 && keys.length > 0) {
    parent[pick(r, keys)] = pick(r, ODD_VALUES);
  } else if (op < 0.75 && keys.length > 0) {
    delete parent[pick(r, keys)];
  } else {
    parent[pick(r, ['extra', 'id', 'status', '__proto__', 'type'])] = pick(r, ODD_VALUES);
  }
  return copy;
}
