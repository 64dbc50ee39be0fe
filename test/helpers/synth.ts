/**
 * Values synthesised from the raw schemas of an OpenAPI 3.0/3.1 document (its `$ref`s resolved against it), for
 * tests that call every operation of a real API: the spec's `example`/`examples`/`default` where given, else a
 * value made to satisfy the schema (types, the common formats, enum/const, bounds, lengths, required properties,
 * the patterns real specs use). `synthesizeValid` checks each value with a generated validator and, when it
 * fails, tries again without the examples the issues point at and with the next member of the unions on their
 * path, so that an invalid example or a union member that does not fit never ends the search.
 *
 * Test code: it knows nothing of specforge's IR, so that a round trip built on it checks the generator's reading
 * of the spec against an independent one.
 */

export type Schema = Record<string, any> | boolean;
export type Direction = 'request' | 'response';

export interface SynthIssue {
  path: string;
  keyword?: string;
  message?: string;
}

/** A generated validator's `validate`, or anything shaped like it. */
export type Check = (value: unknown) => { ok: boolean; issues?: SynthIssue[] };

export interface SynthOptions {
  /** Which direction the value travels: a request leaves readOnly properties out, a response writeOnly ones. */
  direction: Direction;
  /** Use the spec's example/examples/default where given (default true). */
  examples?: boolean;
  /** Object/array depth up to which optional properties and one array item are made (default: 3). */
  optionalDepth?: number;
  /** `format: binary` strings as Blobs (multipart and octet-stream bodies) or as text (default). */
  binary?: 'blob' | 'string';
  /**
   * Arrays get an item and objects a property at any depth, where the schema allows (default false): a form body
   * or a deepObject query parameter writes nothing for an empty array or object, so a required one could not arrive.
   */
  nonEmpty?: boolean;
}

/** What one generation was steered by: example paths not to use again, and the member taken at each union. */
export interface Plan {
  banned: Set<string>;
  choices: Map<string, number>;
}

/** The value of one generation, and where examples and union choices were made (JSON pointers into the value). */
export interface Generated {
  value: unknown;
  examples: string[];
  /** Union paths and how many members each has. */
  unions: Map<string, number>;
}

export class SynthError extends Error {
  constructor(
    message: string,
    readonly value?: unknown,
    readonly issues?: SynthIssue[],
  ) {
    super(message);
  }
}

/** Deeper than this (objects and arrays), a value is refused: a schema whose required parts never end. */
const HARD_DEPTH = 40;
/** How often the same `$ref` may be open on the path before values turn minimal (no optional parts, null). */
const REF_REPEAT = 1;

const escapeToken = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const clone = <T>(v: T): T => (v === undefined ? v : structuredClone(v));

/** A JSON pointer inside a document (`#/components/schemas/X`). */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) throw new SynthError(`only local refs are followed: ${ref}`);
  let at: any = doc;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (at === null || typeof at !== 'object' || !Object.prototype.hasOwnProperty.call(at, key)) throw new SynthError(`unresolvable ref ${ref}`);
    at = at[key];
  }
  return at;
}

/** A schema's types: its `type` (string or list), else what its keywords imply. */
function typesOf(s: Record<string, any>): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (typeof s.type === 'string') return [s.type];
  if (s.enum && s.enum.length > 0) return [...new Set((s.enum as unknown[]).map(jsonType))];
  if ('const' in s) return [jsonType(s.const)];
  if (s.properties || s.additionalProperties || s.required || s.minProperties !== undefined) return ['object'];
  if (s.items || s.prefixItems || s.minItems !== undefined) return ['array'];
  if (s.format || s.pattern || s.minLength !== undefined || s.maxLength !== undefined) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return ['number'];
  return [];
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (Number.isInteger(v)) return 'integer';
  return typeof v;
}

function isNullable(s: Record<string, any>): boolean {
  return s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')) || (Array.isArray(s.enum) && s.enum.includes(null)) || s.type === 'null';
}

/** A word for plain strings, from the last key of a path (`/user/login` → "login"). */
function wordOf(path: string): string {
  const tokens = path.split('/').filter((t) => t !== '' && !/^\d+$/.test(t));
  const last = tokens[tokens.length - 1] ?? 'text';
  const word = last.replace(/~1/g, '-').replace(/~0/g, '-').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 24);
  return word === '' ? 'text' : word;
}

const FORMATS: Record<string, (salt: number) => string> = {
  'date-time': (n) => `2024-01-0${(n % 9) + 1}T03:04:05Z`,
  date: (n) => `2024-01-0${(n % 9) + 1}`,
  time: () => '03:04:05Z',
  duration: (n) => `P${n + 1}D`,
  email: (n) => `user${n || ''}@example.com`,
  'idn-email': (n) => `user${n || ''}@example.com`,
  hostname: (n) => `host${n || ''}.example.com`,
  'idn-hostname': (n) => `host${n || ''}.example.com`,
  ipv4: (n) => `192.0.2.${n + 1}`,
  ipv6: (n) => `2001:db8::${n + 1}`,
  uri: (n) => `https://example.com/resource${n || ''}`,
  url: (n) => `https://example.com/resource${n || ''}`,
  'uri-reference': (n) => `/resource${n || ''}`,
  iri: (n) => `https://example.com/resource${n || ''}`,
  'iri-reference': (n) => `/resource${n || ''}`,
  'uri-template': (n) => `https://example.com/resource${n || ''}{/id}`,
  uuid: (n) => `123e4567-e89b-12d3-a456-42661417400${n % 10}`,
  byte: () => 'aGVsbG8=',
  regex: () => '^a+$',
  'json-pointer': (n) => `/a/${n}`,
  'relative-json-pointer': () => '0/a',
  decimal: (n) => `${n + 1}.5`,
  'repo.nwo': () => 'octocat/hello-world',
  password: () => 'secret-password',
};

/** One generation under a plan. */
class Generation {
  readonly examples: string[] = [];
  readonly unions = new Map<string, number>();
  constructor(
    private readonly doc: unknown,
    private readonly options: Required<SynthOptions>,
    private readonly plan: Plan,
  ) {}

  value(schema: Schema | undefined, path: string, depth: number, refs: readonly string[], salt: number, minimal: boolean): unknown {
    if (depth > HARD_DEPTH) throw new SynthError(`no finite value at ${path}: required parts nest forever`);
    if (schema === undefined || schema === true) return minimal ? null : wordOf(path);
    if (schema === false) throw new SynthError(`schema false at ${path}`);
    let s = schema;
    while (typeof s.$ref === 'string') {
      const ref = s.$ref;
      const open = refs.filter((r) => r === ref).length;
      refs = [...refs, ref];
      if (open >= REF_REPEAT) minimal = true;
      const target = resolvePointer(this.doc, ref) as Schema;
      if (typeof target === 'boolean') return this.value(target, path, depth, refs, salt, minimal);
      s = target;
    }
    if (this.options.examples && !this.plan.banned.has(path)) {
      const candidates: unknown[] = [];
      if ('example' in s) candidates.push(s.example);
      if (Array.isArray(s.examples)) candidates.push(...s.examples);
      if ('default' in s) candidates.push(s.default);
      if (candidates.length > 0 && !(minimal && isNullable(s))) {
        this.examples.push(path);
        // A binary string's example is its text: as a Blob where binary strings are Blobs.
        if (s.format === 'binary' && this.options.binary === 'blob' && typeof candidates[0] === 'string') return new Blob([candidates[0]], { type: 'application/octet-stream' });
        return clone(candidates[0]);
      }
    }
    if (Array.isArray(s.allOf) && s.allOf.length > 0) {
      const { allOf, ...rest } = s;
      const seen: string[] = [];
      const merged = this.merge([rest, ...allOf], seen);
      return this.value(merged, path, depth, [...refs, ...seen], salt, minimal || seen.some((r) => refs.includes(r)));
    }
    const members: Schema[] | undefined = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
    if (members && members.length > 0) return this.union(s, members, path, depth, refs, salt, minimal);
    return this.typed(s, path, depth, refs, salt, minimal);
  }

  /** oneOf/anyOf: the member the plan says at this path, in an order that puts null and recursion last. */
  private union(s: Record<string, any>, members: Schema[], path: string, depth: number, refs: readonly string[], salt: number, minimal: boolean): unknown {
    const { oneOf: _o, anyOf: _a, discriminator, ...base } = s;
    const score = (m: Schema): number => {
      if (typeof m === 'boolean') return m ? 1 : 9;
      const r = typeof m.$ref === 'string' ? m.$ref : undefined;
      const target = r ? (resolvePointer(this.doc, r) as Record<string, any>) : m;
      const nullOnly = typeof target === 'object' && (target.type === 'null' || (Array.isArray(target.enum) && target.enum.length === 1 && target.enum[0] === null));
      if (nullOnly) return minimal ? 0 : 8;
      if (r && refs.includes(r)) return 7;
      // A Stripe-style "unset" member (`enum: [""]`) is valid but says little: tried after the others.
      if (typeof target === 'object' && Array.isArray(target.enum) && target.enum.length === 1 && target.enum[0] === '') return 6;
      return minimal && r ? 2 : 1;
    };
    const order = members.map((m, i) => [score(m), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
    this.unions.set(path, members.length);
    const k = (this.plan.choices.get(path) ?? 0) % members.length;
    const chosen = members[order[k]!]!;
    const hasBase = Object.keys(base).some((key) => !['description', 'title', 'nullable', 'example', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated', 'externalDocs'].includes(key) && !key.startsWith('x-'));
    let value: unknown;
    if (hasBase) {
      const seen: string[] = [];
      const merged = this.merge([base, chosen], seen);
      value = this.value(merged, path, depth, [...refs, ...seen], salt, minimal || seen.some((r) => refs.includes(r)));
    } else value = this.value(chosen, path, depth, refs, salt, minimal);
    if (discriminator && typeof discriminator.propertyName === 'string' && value !== null && typeof value === 'object' && !Array.isArray(value) && typeof chosen === 'object' && typeof chosen.$ref === 'string') {
      const mapped = Object.entries((discriminator.mapping ?? {}) as Record<string, string>).find(([, ref]) => ref === chosen.$ref)?.[0];
      (value as Record<string, unknown>)[discriminator.propertyName] = mapped ?? chosen.$ref.split('/').pop();
    }
    return value;
  }

  /** allOf as one schema: properties and required united, bounds the tightest, the rest the later member's. */
  /** `refs` gets the `$ref`s followed on the way, for the recursion guard. */
  private merge(parts: Schema[], refs: string[]): Record<string, any> {
    const out: Record<string, any> = {};
    const flat: Record<string, any>[] = [];
    const flatten = (p: Schema, n: number) => {
      if (n > HARD_DEPTH) throw new SynthError('allOf nests forever');
      if (typeof p === 'boolean') return;
      let s = p;
      while (typeof s.$ref === 'string') {
        refs.push(s.$ref);
        s = resolvePointer(this.doc, s.$ref) as Record<string, any>;
      }
      const { allOf, ...rest } = s;
      flat.push(rest);
      if (Array.isArray(allOf)) for (const m of allOf) flatten(m, n + 1);
    };
    for (const p of parts) flatten(p, 0);
    let nullable = true;
    let sawNullable = false;
    for (const s of flat) {
      for (const [k, v] of Object.entries(s)) {
        if (k === 'properties') {
          out.properties ??= {};
          for (const [name, ps] of Object.entries(v as Record<string, Schema>)) {
            out.properties[name] = name in out.properties ? { allOf: [out.properties[name], ps] } : ps;
          }
        } else if (k === 'required') out.required = [...new Set([...(out.required ?? []), ...(v as string[])])];
        else if (k === 'minimum' || k === 'minLength' || k === 'minItems' || k === 'minProperties') out[k] = Math.max(out[k] ?? -Infinity, v as number);
        else if (k === 'maximum' || k === 'maxLength' || k === 'maxItems' || k === 'maxProperties') out[k] = Math.min(out[k] ?? Infinity, v as number);
        else if (k === 'additionalProperties') out[k] = out[k] === false || v === false ? false : v;
        else if (k === 'nullable') sawNullable = true;
        else if (k === 'type' && out.type !== undefined) {
          const a = Array.isArray(out.type) ? out.type : [out.type];
          const b = Array.isArray(v) ? v : [v];
          const both = a.filter((t: string) => b.includes(t) || (t === 'integer' && b.includes('number'))).concat(b.filter((t: string) => t === 'integer' && a.includes('number')));
          out.type = both.length === 1 ? both[0] : [...new Set(both)];
        } else if (k === 'example' || k === 'examples' || k === 'default') {
          // An example of one part is not one of the whole: only the outermost (first) part's are kept.
          if (s === flat[0]) out[k] = v;
        } else out[k] = v;
      }
      if (s.nullable !== true && (s.type !== undefined || s.properties !== undefined || s.enum !== undefined)) nullable = false;
    }
    if (sawNullable && nullable) out.nullable = true;
    else delete out.nullable;
    return out;
  }

  private typed(s: Record<string, any>, path: string, depth: number, refs: readonly string[], salt: number, minimal: boolean): unknown {
    const nullable = isNullable(s);
    if (minimal && nullable) return null;
    if (Array.isArray(s.enum) && s.enum.length > 0) {
      const values = (s.enum as unknown[]).filter((v) => v !== null);
      if (values.length === 0) return null;
      return clone(values[salt % values.length]);
    }
    if ('const' in s) return clone(s.const);
    const types = typesOf(s).filter((t) => t !== 'null');
    const type = types[0];
    if (type === undefined) return nullable ? null : minimal ? null : wordOf(path);
    switch (type) {
      case 'object':
        return this.object(s, path, depth, refs, salt, minimal);
      case 'array':
        return this.array(s, path, depth, refs, minimal);
      case 'string':
        return this.string(s, path, salt);
      case 'integer':
        return this.number(s, true, salt);
      case 'number':
        return this.number(s, false, salt);
      case 'boolean':
        return salt % 2 === 0;
      default:
        throw new SynthError(`unknown type ${JSON.stringify(type)} at ${path}`);
    }
  }

  private skips(prop: Schema): boolean {
    if (typeof prop !== 'object') return false;
    let s: Record<string, any> = prop;
    for (let i = 0; typeof s.$ref === 'string' && i < HARD_DEPTH; i++) {
      if (s.readOnly !== undefined || s.writeOnly !== undefined) break;
      s = resolvePointer(this.doc, s.$ref) as Record<string, any>;
    }
    return this.options.direction === 'request' ? s.readOnly === true : s.writeOnly === true;
  }

  private object(s: Record<string, any>, path: string, depth: number, refs: readonly string[], salt: number, minimal: boolean): Record<string, unknown> {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    const optional = !minimal && depth < this.options.optionalDepth;
    const out: Record<string, unknown> = {};
    const put = (k: string, v: unknown) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, ps] of Object.entries(props)) {
      if (this.skips(ps)) continue;
      if (!required.has(k) && !optional) continue;
      put(k, this.value(ps, `${path}/${escapeToken(k)}`, depth + 1, refs, salt, minimal));
    }
    const extra = s.additionalProperties;
    for (const k of required) {
      if (k in props || Object.prototype.hasOwnProperty.call(out, k)) continue;
      put(k, this.value(typeof extra === 'object' ? extra : true, `${path}/${escapeToken(k)}`, depth + 1, refs, salt, minimal));
    }
    // A map (no declared properties): one entry, or as many as minProperties asks.
    const wanted = Math.max(s.minProperties ?? 0, extra !== undefined && extra !== false && Object.keys(props).length === 0 && optional ? 1 : 0);
    for (let i = 1; Object.keys(out).length < wanted && extra !== false && i < 100; i++) {
      const k = `key${i}`;
      if (Object.prototype.hasOwnProperty.call(out, k)) continue;
      put(k, this.value(typeof extra === 'object' ? extra : true, `${path}/${k}`, depth + 1, refs, i - 1, minimal));
    }
    // Nothing yet, and brackets would write nothing: the first declared property that can be made.
    if (this.options.nonEmpty && Object.keys(out).length === 0) {
      for (const [k, ps] of Object.entries(props)) {
        if (this.skips(ps)) continue;
        try {
          put(k, this.value(ps, `${path}/${escapeToken(k)}`, depth + 1, refs, salt, true));
          break;
        } catch (e) {
          if (!(e instanceof SynthError)) throw e;
        }
      }
    }
    return out;
  }

  private array(s: Record<string, any>, path: string, depth: number, refs: readonly string[], minimal: boolean): unknown[] {
    const prefix: Schema[] = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : [];
    const items: Schema | undefined = Array.isArray(s.items) ? s.additionalItems : s.items;
    let n = s.minItems ?? 0;
    if ((!minimal && depth < this.options.optionalDepth) || this.options.nonEmpty) n = Math.max(n, 1);
    if (s.maxItems !== undefined) n = Math.min(n, s.maxItems);
    const out: unknown[] = [];
    for (let i = 0; i < n; i++) out.push(this.value(i < prefix.length ? prefix[i] : items, `${path}/${i}`, depth + 1, refs, i, minimal));
    return out;
  }

  private string(s: Record<string, any>, path: string, salt: number): unknown {
    if (s.format === 'binary' && this.options.binary === 'blob') return new Blob([`${wordOf(path)} bytes`], { type: 'application/octet-stream' });
    let v: string | undefined;
    if (typeof s.pattern === 'string') v = stringForPattern(s.pattern, s.minLength, s.maxLength);
    if (v === undefined && typeof s.format === 'string' && s.format in FORMATS) v = FORMATS[s.format]!(salt);
    if (v === undefined) v = `${wordOf(path)}${salt > 0 ? salt : ''}`;
    if (s.pattern === undefined || v.length < (s.minLength ?? 0)) {
      while (v.length < (s.minLength ?? 0)) v += 'x';
    }
    if (s.maxLength !== undefined && v.length > s.maxLength) v = v.slice(0, s.maxLength);
    return v;
  }

  private number(s: Record<string, any>, integer: boolean, salt: number): number {
    let lo: number = typeof s.minimum === 'number' ? s.minimum : -Infinity;
    let hi: number = typeof s.maximum === 'number' ? s.maximum : Infinity;
    const step = integer ? 1 : 0.5;
    if (typeof s.exclusiveMinimum === 'number') lo = Math.max(lo, s.exclusiveMinimum + step);
    else if (s.exclusiveMinimum === true) lo += step;
    if (typeof s.exclusiveMaximum === 'number') hi = Math.min(hi, s.exclusiveMaximum - step);
    else if (s.exclusiveMaximum === true) hi -= step;
    if (s.format === 'int32') [lo, hi] = [Math.max(lo, -(2 ** 31)), Math.min(hi, 2 ** 31 - 1)];
    let v = (integer ? 7 : 7.5) + salt;
    if (v < lo) v = integer ? Math.ceil(lo) : lo;
    if (v > hi) v = integer ? Math.floor(hi) : hi;
    const m = s.multipleOf;
    if (typeof m === 'number' && m > 0) {
      v = Math.ceil(v / m) * m;
      if (v > hi) v -= m;
    }
    return v;
  }
}

/** One value of a schema under a plan (no validation). */
export function synthesize(doc: unknown, schema: Schema, options: SynthOptions, plan: Plan = { banned: new Set(), choices: new Map() }): Generated {
  const g = new Generation(doc, { examples: true, optionalDepth: 3, binary: 'string', nonEmpty: false, ...options }, plan);
  const value = g.value(schema, '', 0, [], 0, false);
  return { value, examples: g.examples, unions: g.unions };
}

/** Whether one JSON pointer is the other or inside it. */
function related(a: string, b: string): boolean {
  return a === b || a.startsWith(b + '/') || b.startsWith(a + '/');
}

/**
 * A value of a schema that `check` accepts. Each failure steers the next try: the examples on an issue's path
 * are not used again; when none was, the deepest union on an issue's path takes its next member (and the unions
 * inside it start over). Throws a SynthError with the last issues when no try is accepted.
 */
export function synthesizeValid(doc: unknown, schema: Schema, options: SynthOptions, check: Check, maxTries = 200): { value: unknown; tries: number } {
  const plan: Plan = { banned: new Set(), choices: new Map() };
  let last: Generated | undefined;
  let issues: SynthIssue[] = [];
  for (let tries = 1; tries <= maxTries; tries++) {
    last = synthesize(doc, schema, options, plan);
    const r = check(last.value);
    if (r.ok) return { value: last.value, tries };
    issues = r.issues ?? [{ path: '' }];
    let progress = false;
    for (const issue of issues) {
      for (const p of last.examples) {
        if (!plan.banned.has(p) && related(p, issue.path)) {
          plan.banned.add(p);
          progress = true;
        }
      }
    }
    if (progress) continue;
    // An odometer over the unions on the issues' paths, deepest first.
    const unions = [...last.unions.keys()].filter((u) => issues.some((i) => related(u, i.path) || i.path === '')).sort((a, b) => b.split('/').length - a.split('/').length);
    for (const u of unions) {
      const next = (plan.choices.get(u) ?? 0) + 1;
      for (const inner of [...plan.choices.keys()]) if (inner.startsWith(u + '/')) plan.choices.delete(inner);
      if (next < last.unions.get(u)!) {
        plan.choices.set(u, next);
        progress = true;
        break;
      }
      plan.choices.delete(u);
    }
    if (!progress) break;
  }
  throw new SynthError(`no valid value: ${issues.slice(0, 5).map((i) => `${i.path || '/'} ${i.keyword ?? ''} ${i.message ?? ''}`).join('; ')}`, last?.value, issues);
}

/**
 * A string that matches a regular expression, for the subset real specs use: literals and escapes, classes
 * (ranges, negation, \d \w \s), groups (capturing, non-capturing, named), alternation (the first alternative),
 * quantifiers (the fewest repetitions, more while the string is shorter than `minLength`), anchors. Undefined for
 * anything else (lookaround, backreferences) or when no string within the lengths comes out.
 */
export function stringForPattern(pattern: string, minLength = 0, maxLength = Infinity): string | undefined {
  for (let extra = 0; extra <= Math.max(minLength, 1); extra++) {
    let out: string | undefined;
    let unbounded = false;
    try {
      const p = new PatternWriter(pattern, extra);
      out = p.run();
      unbounded = p.unbounded;
    } catch {
      return undefined;
    }
    if (out.length >= minLength && out.length <= maxLength) return out;
    if (out.length > maxLength || !unbounded) return undefined;
  }
  return undefined;
}

class PatternWriter {
  private i = 0;
  unbounded = false;
  constructor(
    private readonly src: string,
    private readonly extra: number,
  ) {}

  run(): string {
    const s = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected ${this.src[this.i]}`);
    return s;
  }

  private alternation(): string {
    const first = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      this.sequence();
    }
    return first;
  }

  private sequence(): string {
    let out = '';
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const [min, max] = this.quantifier();
      let n = min;
      if (max === Infinity || max > min) {
        if (max === Infinity) this.unbounded = true;
        n = Math.min(max, min + this.extra);
      }
      for (let k = 0; k < n; k++) out += atom();
    }
    return out;
  }

  /** The next atom, as a function that writes one occurrence. */
  private atom(): () => string {
    const c = this.src[this.i++]!;
    if (c === '^' || c === '$') return () => '';
    if (c === '.') return () => 'a';
    if (c === '(') {
      if (this.src[this.i] === '?') {
        const kind = this.src.slice(this.i, this.i + 3);
        if (kind.startsWith('?:')) this.i += 2;
        else if (kind.startsWith('?<') && kind !== '?<=' && kind !== '?<!') this.i = this.src.indexOf('>', this.i) + 1;
        else throw new Error('lookaround');
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unclosed group');
      return () => inner;
    }
    if (c === '[') {
      const ch = this.charClass();
      return () => ch;
    }
    if (c === '\\') {
      const e = this.escape();
      if (e === undefined) throw new Error('unsupported escape');
      return () => e;
    }
    if (c === ')' || c === '*' || c === '+' || c === '?' || c === '{') throw new Error(`unexpected ${c}`);
    return () => c;
  }

  /** An escape after "\\": the character it stands for (or one of its class), '' for \b. */
  private escape(): string | undefined {
    const e = this.src[this.i++]!;
    const classes: Record<string, string> = { d: '0', D: 'a', w: 'a', W: '-', s: ' ', S: 'a', b: '', B: '', n: '\n', t: '\t', r: '\r', f: '\f', v: '\v' };
    if (e in classes) return classes[e];
    if (/[1-9k]/.test(e)) return undefined;
    if (e === 'u') {
      const hex = this.src.slice(this.i, this.i + 4);
      this.i += 4;
      return String.fromCharCode(parseInt(hex, 16));
    }
    if (e === 'x') {
      const hex = this.src.slice(this.i, this.i + 2);
      this.i += 2;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return e;
  }

  private charClass(): string {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const ranges: Array<[number, number]> = [];
    let first = true;
    while (this.i < this.src.length && (this.src[this.i] !== ']' || first)) {
      first = false;
      let lo: string;
      if (this.src[this.i] === '\\') {
        this.i++;
        const e = this.src[this.i]!;
        if ('dwsDWS'.includes(e)) {
          this.i++;
          const sets: Record<string, Array<[number, number]>> = { d: [[48, 57]], w: [[97, 122], [65, 90], [48, 57], [95, 95]], s: [[32, 32], [9, 13]] };
          if (e === e.toLowerCase()) ranges.push(...sets[e]!);
          else if (!negated) ranges.push(e === 'D' ? [97, 97] : e === 'W' ? [45, 45] : [97, 97]);
          continue;
        }
        lo = this.escape() ?? '';
      } else lo = this.src[this.i++]!;
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        let hi: string;
        if (this.src[this.i] === '\\') {
          this.i++;
          hi = this.escape() ?? '';
        } else hi = this.src[this.i++]!;
        ranges.push([lo.charCodeAt(0), hi.charCodeAt(0)]);
      } else ranges.push([lo.charCodeAt(0), lo.charCodeAt(0)]);
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed class');
    if (!negated) {
      if (ranges.length === 0) throw new Error('empty class');
      return String.fromCharCode(ranges[0]![0]);
    }
    for (const c of 'aA0x-_ .') {
      const code = c.charCodeAt(0);
      if (!ranges.some(([lo, hi]) => code >= lo && code <= hi)) return c;
    }
    throw new Error('no character outside the class');
  }

  private quantifier(): [number, number] {
    const c = this.src[this.i];
    let q: [number, number] = [1, 1];
    if (c === '*') q = [0, Infinity];
    else if (c === '+') q = [1, Infinity];
    else if (c === '?') q = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return q;
      this.i += m[0].length;
      const min = Number(m[1]);
      q = [min, m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3])];
      this.lazy();
      return q;
    } else return q;
    this.i++;
    this.lazy();
    return q;
  }

  private lazy(): void {
    if (this.src[this.i] === '?' || this.src[this.i] === '+') this.i++;
  }
}
