/**
 * JSON values as the opt-in representations hold them (`dates: "Date"`, `int64: "bigint"`), read from the raw
 * schemas of an OpenAPI 3.x document: a valid `date`/`date-time` string where a schema with a declared `type`
 * says so becomes a `Date`, an integer where a schema says `type: integer, format: int64` a `bigint`. Objects
 * (properties, additionalProperties), arrays (items, prefix items) and allOf are followed, and the members of a
 * oneOf/anyOf that the value can be: an object lacking a property a member requires is not that member (the
 * rule README's "Dates and 64-bit integers" states).
 *
 * Test code, like synth.ts: it knows nothing of specforge's IR or of the generated codecs, so a round trip that
 * compares the generated code's `Date`s and `bigint`s with these checks the generator's reading of the spec
 * against an independent one.
 */
import { resolvePointer, type Schema } from './synth.js';

export interface Represented {
  value: unknown;
  /** How many `Date`s and `bigint`s the value got, and how many of those bigints are beyond a number's exact range. */
  dates: number;
  bigints: number;
  wide: number;
}

/** RFC 3339 `full-date`, with the days of its month. */
export function isRfc3339Date(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}

/** RFC 3339 `date-time` (a "T", "t" or, as JSON Schema allows, a space between; "Z" or an offset). */
export function isRfc3339DateTime(s: string): boolean {
  const m = /^(.{10})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m || !isRfc3339Date(m[1]!)) return false;
  const [h, mi, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  // A leap second (60) is valid text but no Date: the representation leaves it a string.
  if (h > 23 || mi > 59 || sec > 60) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}

const typesOf = (s: Record<string, any>): string[] => (Array.isArray(s.type) ? s.type : typeof s.type === 'string' ? [s.type] : []);

const put = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

/** A schema with its `$ref`s followed (undefined for a boolean schema). */
function resolved(doc: unknown, schema: Schema): Record<string, any> | undefined {
  let s: Schema = schema;
  for (let i = 0; typeof s === 'object' && typeof s.$ref === 'string' && i < 64; i++) s = resolvePointer(doc, s.$ref) as Schema;
  return typeof s === 'object' ? s : undefined;
}

/** The properties a schema requires of an object: its `required` and its allOf members' (not its alternatives'). */
function requiredOf(doc: unknown, schema: Schema, depth = 0): string[] {
  const s = resolved(doc, schema);
  if (!s || depth > 64) return [];
  return [...(Array.isArray(s.required) ? (s.required as string[]) : []), ...(Array.isArray(s.allOf) ? (s.allOf as Schema[]).flatMap((m) => requiredOf(doc, m, depth + 1)) : [])];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Blob);

/**
 * The schemas a schema stands for at one value: itself (its `$ref` followed), its allOf members and those of its
 * oneOf/anyOf members the value can be, recursively. An object lacking a property a member requires is not that
 * member: its dates and int64s are not the value's (GitHub's `owner: anyOf [simple-user, organization-simple]`,
 * an int64 `id` in one and a plain integer in the other).
 */
function* parts(doc: unknown, schema: Schema, value: unknown, depth = 0): Generator<Record<string, any>> {
  const s = resolved(doc, schema);
  if (!s || depth > 64) return;
  yield s;
  if (Array.isArray(s.allOf)) for (const m of s.allOf as Schema[]) yield* parts(doc, m, value, depth + 1);
  for (const k of ['oneOf', 'anyOf']) {
    if (!Array.isArray(s[k])) continue;
    for (const m of s[k] as Schema[]) {
      if (isRecord(value) && requiredOf(doc, m).some((name) => !Object.prototype.hasOwnProperty.call(value, name))) continue;
      yield* parts(doc, m, value, depth + 1);
    }
  }
}

/** 2^53: past it a number can no longer hold every integer. */
export const BEYOND_NUMBER = 2n ** 53n;

export interface RepresentOptions {
  /**
   * An int64 whose schemas set no bound, `multipleOf`, enum or const is moved past what a number holds exactly
   * (n becomes 2^53 + 2n + 1, a negative one -(2^53 + 2|n| + 1): odd, so no number holds it): an answer or request
   * that loses precision anywhere on its way then differs; a date-time on a whole second gets 123 ms, for the
   * same reason (default false).
   */
  widen?: boolean;
}

const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'enum', 'const'];

/**
 * A JSON value (as synth.ts makes it) as the representations hold it, by its schema: a new value where anything
 * changes (the input is shared with the default runs), the rest shared. Blobs (file parts) stay as they are.
 */
export function represent(doc: unknown, schema: Schema, value: unknown, options: RepresentOptions = {}): Represented {
  const counts = { dates: 0, bigints: 0, wide: 0 };
  const walk = (v: unknown, s: Schema, depth: number): unknown => {
    if (depth > 200) throw new Error('represent: value nests too deeply');
    // A Date (or bigint) an earlier member of a union made stays one.
    if (v === null || v === undefined || v instanceof Blob || v instanceof Date) return v;
    const all = [...parts(doc, s, v)];
    if (typeof v === 'string') {
      for (const p of all) {
        if (!typesOf(p).includes('string')) continue;
        if ((p.format === 'date-time' && isRfc3339DateTime(v)) || (p.format === 'date' && isRfc3339Date(v))) {
          const d = new Date(v);
          if (Number.isNaN(d.getTime())) continue;
          counts.dates++;
          // A date-time on a whole second gets 123 ms, so that one cut to seconds on its way shows.
          if (options.widen && p.format === 'date-time' && d.getTime() % 1000 === 0 && !BOUNDS.some((k) => k in p)) d.setTime(d.getTime() + 123);
          return d;
        }
      }
      return v;
    }
    if (typeof v === 'number') {
      if (Number.isInteger(v) && all.some((p) => typesOf(p).includes('integer') && p.format === 'int64')) {
        counts.bigints++;
        const n = BigInt(v);
        if (!options.widen || all.some((p) => BOUNDS.some((k) => k in p))) return n;
        counts.wide++;
        return n < 0n ? 2n * n - BEYOND_NUMBER - 1n : 2n * n + BEYOND_NUMBER + 1n;
      }
      return v;
    }
    if (Array.isArray(v)) {
      return v.map((x, i) => {
        let out = x;
        for (const p of all) {
          const prefix: Schema[] | undefined = Array.isArray(p.prefixItems) ? p.prefixItems : Array.isArray(p.items) ? p.items : undefined;
          const items: Schema | undefined = Array.isArray(p.items) ? p.additionalItems : p.items;
          const at = prefix && i < prefix.length ? prefix[i] : items;
          if (at !== undefined) out = walk(out, at, depth + 1);
        }
        return out;
      });
    }
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        let y = x;
        for (const p of all) {
          const props = p.properties as Record<string, Schema> | undefined;
          if (props && Object.prototype.hasOwnProperty.call(props, k)) y = walk(y, props[k]!, depth + 1);
          else if (typeof p.additionalProperties === 'object') y = walk(y, p.additionalProperties, depth + 1);
        }
        put(out, k, y);
      }
      return out;
    }
    return v;
  };
  const out = walk(value, schema, 0);
  return { value: out, ...counts };
}

/**
 * Whether a schema can hold a value the representations convert, anywhere inside it (its `$ref`s followed,
 * recursion included): the schema-side count of what a run can exercise. One document's answers, shared between
 * calls: each `$ref`'d schema is read once (what it holds itself, which `$ref`s it names), and a `$ref` holds when
 * one it reaches does.
 */
export class Holds {
  private readonly local = new Map<string, { direct: boolean; refs: string[] }>();
  private readonly known = new Map<string, boolean>();
  constructor(private readonly doc: unknown) {}

  of(schema: Schema | undefined): boolean {
    const l = this.read(schema);
    return l.direct || l.refs.some((r) => this.ref(r));
  }

  private ref(start: string): boolean {
    const k = this.known.get(start);
    if (k !== undefined) return k;
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const r = stack.pop()!;
      if (this.known.get(r) === true || this.readRef(r).direct) {
        this.known.set(start, true);
        return true;
      }
      for (const next of this.readRef(r).refs) if (!seen.has(next) && this.known.get(next) !== false) (seen.add(next), stack.push(next));
    }
    // Nothing reached holds: neither does anything on the way (what they reach was reached).
    for (const r of seen) this.known.set(r, false);
    return false;
  }

  private readRef(ref: string): { direct: boolean; refs: string[] } {
    let l = this.local.get(ref);
    if (!l) {
      l = this.read(resolvePointer(this.doc, ref) as Schema);
      this.local.set(ref, l);
    }
    return l;
  }

  /** What a schema holds itself, not following `$ref`s, and the `$ref`s it names. */
  private read(schema: Schema | undefined): { direct: boolean; refs: string[] } {
    const refs: string[] = [];
    let direct = false;
    const visit = (s: Schema | undefined): void => {
      if (direct || s === undefined || typeof s !== 'object') return;
      if (typeof s.$ref === 'string') {
        refs.push(s.$ref);
        return;
      }
      const types = typesOf(s);
      if ((types.includes('string') && (s.format === 'date' || s.format === 'date-time')) || (types.includes('integer') && s.format === 'int64')) {
        direct = true;
        return;
      }
      for (const c of Object.values((s.properties ?? {}) as Record<string, Schema>)) visit(c);
      if (typeof s.additionalProperties === 'object') visit(s.additionalProperties);
      for (const c of Array.isArray(s.items) ? s.items : [s.items]) visit(c);
      for (const c of Array.isArray(s.prefixItems) ? s.prefixItems : []) visit(c);
      if (typeof s.additionalItems === 'object') visit(s.additionalItems);
      for (const k of ['allOf', 'oneOf', 'anyOf']) for (const c of Array.isArray(s[k]) ? (s[k] as Schema[]) : []) visit(c);
    };
    visit(schema);
    return { direct, refs };
  }
}
