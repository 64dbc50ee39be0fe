import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Code } from '../../diagnostics/codes.js';
import type {
  ArrayNode,
  IntersectionNode,
  IrDocument,
  JsonValue,
  NamedSchema,
  NumberNode,
  ObjectNode,
  Property,
  SchemaNode,
  StringNode,
  UnionNode,
} from '../../ir/types.js';
import { forEachChild } from '../../ir/walk.js';
import { FORMAT_CHECKS } from '../validators/formats.js';
import { FORMAT_EXAMPLES } from './formats.js';
import { mightMatch } from './overlap.js';
import { stringForPattern } from './pattern.js';

/**
 * Example values from the IR: a value that the generated validator of a node accepts, deterministic for a seed
 * (docs/examples.md has the rules). The spec's own `examples`/`example`/`default` come first (unless
 * `specExamples` is false); otherwise a value is made to satisfy the node: type, format, pattern, enum/const,
 * bounds, lengths, required properties, unions (the discriminator's tag set), intersections (merged), with
 * readOnly properties left out of requests and writeOnly ones out of responses. Recursion is bounded: a schema
 * met again on its own path gets its smallest value (required parts only, null where allowed, no items).
 *
 * A named schema's value is made once per direction and shared (the same object) wherever it is referred to,
 * unless the reference is inside the schema's own cycle of references: the values are the same whichever
 * operation asks first, and the emitted data names each shared value once.
 */
export type Direction = 'request' | 'response';

export interface ExampleOptions {
  /** Varies numbers, booleans, enum members, union members with a discriminator, characters of patterns (default 0). */
  seed?: number;
  /** Use the spec's `examples`/`example`/`default` where a node has them (default true). */
  specExamples?: boolean;
  /** Findings: SF4101 (a pattern it cannot write), SF4102 (no value found); each pointer once. */
  report?: (d: Diagnostic) => void;
}

interface State {
  /** Named schemas open on the way here (a ref to one of them is recursion). */
  stack: readonly string[];
  /** Smallest value: required parts only, null where allowed, no items beyond minItems. */
  minimal: boolean;
  depth: number;
  /** Which item or entry this is (varies the draws of repeated nodes). */
  salt: number;
}

/** Deeper than this (objects, arrays, refs), a value is given up on (SF4102): required parts that nest forever. */
const MAX_DEPTH = 64;

export class ExampleGenerator {
  private readonly schemas = new Map<string, NamedSchema>();
  private readonly canonical = new Map<string, JsonValue>();
  private scc?: Map<string, number>;
  private readonly seed: number;
  private readonly specExamples: boolean;
  private readonly reported = new Set<string>();

  constructor(
    ir: IrDocument,
    private readonly options: ExampleOptions = {},
  ) {
    for (const s of ir.schemas) this.schemas.set(s.id, s);
    this.seed = options.seed ?? 0;
    this.specExamples = options.specExamples ?? true;
  }

  /** A value of `node` for a request or a response body (or parameter). */
  value(node: SchemaNode, direction: Direction): JsonValue {
    return this.gen(node, direction, { stack: [], minimal: false, depth: 0, salt: 0 });
  }

  /** The (shared) value of a named schema. */
  named(id: string, direction: Direction): JsonValue {
    const key = `${direction}\u0000${id}`;
    const known = this.canonical.get(key);
    if (known !== undefined) return known;
    const schema = this.schemas.get(id);
    const v = schema ? this.gen(schema.schema, direction, { stack: [id], minimal: false, depth: 0, salt: 0 }) : null;
    this.canonical.set(key, v);
    return v;
  }

  private warn(code: Code, message: string, pointer: string): void {
    const key = `${code} ${pointer}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.report?.(diagnostic(code, message, pointer));
  }

  /** A number from the seed, the node's place and the salt (FNV-1a, then a final mix). */
  private draw(pointer: string, salt: number): number {
    let h = 0x811c9dc5 ^ this.seed;
    for (let i = 0; i < pointer.length; i++) h = Math.imul(h ^ pointer.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ salt, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return (h >>> 0) % 1000003;
  }

  private gen(node: SchemaNode, dir: Direction, st: State): JsonValue {
    if (st.depth > MAX_DEPTH) {
      this.warn('SF4102', `no finite example: required parts nest deeper than ${MAX_DEPTH} levels`, node.pointer);
      return null;
    }
    if (st.minimal && node.nullable) return null;
    if (this.specExamples) {
      if (node.examples && node.examples.length > 0) return node.examples[0]!;
      if (node.default !== undefined) return node.default;
    }
    switch (node.kind) {
      case 'ref':
        return this.ref(node.target, dir, st);
      case 'string':
        return this.string(node, st);
      case 'number':
        return this.number(node, st);
      case 'boolean':
        return this.draw(node.pointer, st.salt) % 2 === 0;
      case 'null':
        return null;
      case 'unknown':
        return word(node.pointer);
      case 'never':
        this.warn('SF4102', 'no example: the schema accepts no value (false)', node.pointer);
        return null;
      case 'enum': {
        const m = node.members;
        if (m.length === 0) return null;
        return m[this.draw(node.pointer, st.salt) % m.length]!.value;
      }
      case 'object':
        return this.object(node, dir, st);
      case 'array':
        return this.array(node, dir, st);
      case 'union':
        return this.union(node, dir, st);
      case 'intersection':
        return this.intersection(node, dir, st);
    }
  }

  private ref(target: string, dir: Direction, st: State): JsonValue {
    const schema = this.schemas.get(target);
    if (!schema) return null;
    const deeper = { ...st, depth: st.depth + 1, stack: [...st.stack, target] };
    // Met again on its own path: the smallest value ends the recursion.
    if (st.stack.includes(target)) return this.gen(schema.schema, dir, { ...deeper, minimal: true });
    // Inside its own cycle, the value depends on the path: made in place. Elsewhere, the shared value.
    const scc = this.sccOf(target);
    if (scc !== undefined && st.stack.some((s) => this.sccOf(s) === scc)) return this.gen(schema.schema, dir, deeper);
    if (st.minimal) return this.gen(schema.schema, dir, deeper);
    return this.named(target, dir);
  }

  /** The cycle of references a named schema is in (its strongly connected component), or undefined for none. */
  private sccOf(id: string): number | undefined {
    this.scc ??= cyclicComponents(this.schemas);
    return this.scc.get(id);
  }

  private string(node: StringNode, st: State): JsonValue {
    const n = this.draw(node.pointer, st.salt);
    const min = node.minLength ?? 0;
    const max = node.maxLength ?? Infinity;
    const format = node.format !== undefined ? FORMAT_EXAMPLES[node.format] : undefined;
    if (node.pattern !== undefined) {
      // The format's example when the pattern takes it (a pattern's string is rarely a valid date or URI).
      if (format) {
        const v = format(n);
        const length = [...v].length;
        if (length >= min && length <= max && matches(node.pattern, v)) return v;
      }
      const r = stringForPattern(node.pattern, min, max, n);
      if (r.ok) {
        if (node.format !== undefined && FORMAT_CHECKS[node.format] !== undefined) {
          this.warn('SF4102', `the string written for the pattern may not be a valid ${node.format} (the format's example does not match the pattern)`, node.pointer);
        }
        return r.value;
      }
      this.warn('SF4101', `the example generator cannot write a string for pattern ${JSON.stringify(node.pattern)} (${r.reason}); the example may not match it`, node.pointer);
    }
    if (format) {
      const v = format(n);
      const length = [...v].length;
      if (length >= min && length <= max) return v;
    }
    let v = word(node.pointer);
    while (v.length < min) v += v;
    return [...v].slice(0, Math.max(min, Math.min(max, v.length))).join('');
  }

  private number(node: NumberNode, st: State): JsonValue {
    const integer = node.integer;
    let lo = node.minimum ?? -Infinity;
    let hi = node.maximum ?? Infinity;
    let loOpen = false;
    let hiOpen = false;
    if (node.exclusiveMinimum !== undefined && node.exclusiveMinimum >= lo) [lo, loOpen] = [node.exclusiveMinimum, true];
    if (node.exclusiveMaximum !== undefined && node.exclusiveMaximum <= hi) [hi, hiOpen] = [node.exclusiveMaximum, true];
    if (node.format === 'int32') [lo, hi] = [Math.max(lo, -(2 ** 31)), Math.min(hi, 2 ** 31 - 1)];
    if (integer || node.format === 'int64') [lo, hi] = [Math.max(lo, Number.MIN_SAFE_INTEGER), Math.min(hi, Number.MAX_SAFE_INTEGER)];
    const base = 1 + (this.draw(node.pointer, st.salt) % 100);
    const m = node.multipleOf;
    if (m !== undefined && m > 0) {
      // k·m within the bounds (an integer k·m for an integer node: k a multiple of m's denominator).
      const step = integer && !Number.isInteger(m) ? denominator(m) : 1;
      let kLo = Math.ceil(lo / m / step) * step;
      if (loOpen && kLo * m <= lo) kLo += step;
      let kHi = Math.floor(hi / m / step) * step;
      if (hiOpen && kHi * m >= hi) kHi -= step;
      if (!(kLo <= kHi)) {
        this.warn('SF4102', 'no example: no multiple of multipleOf lies within the bounds', node.pointer);
        return integer ? Math.ceil(lo) : lo;
      }
      const k = Math.min(Math.max(base * step, kLo), kHi);
      return Number((k * m).toPrecision(15));
    }
    if (integer) {
      const a = loOpen ? Math.floor(lo) + 1 : Math.ceil(lo);
      const b = hiOpen ? Math.ceil(hi) - 1 : Math.floor(hi);
      if (a > b) {
        this.warn('SF4102', 'no example: no integer lies within the bounds', node.pointer);
        return a;
      }
      return Math.min(Math.max(base, a), b);
    }
    let v = base + 0.5;
    if (v < lo || (loOpen && v <= lo)) v = Number.isFinite(hi) ? (lo + Math.min(hi, lo + 2)) / 2 : lo + 1;
    if (v > hi || (hiOpen && v >= hi)) v = Number.isFinite(lo) ? (Math.max(lo, hi - 2) + hi) / 2 : hi - 1;
    return v;
  }

  private skips(p: Property, dir: Direction): boolean {
    return dir === 'request' ? p.schema.readOnly === true : p.schema.writeOnly === true;
  }

  private object(node: ObjectNode, dir: Direction, st: State): JsonValue {
    const out: Record<string, JsonValue> = {};
    const put = (k: string, v: JsonValue) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    const has = (k: string) => Object.prototype.hasOwnProperty.call(out, k);
    const inner: State = { ...st, depth: st.depth + 1, salt: 0 };
    const max = node.maxProperties ?? Infinity;
    const present = node.properties.filter((p) => !this.skips(p, dir));
    // Required first, then the optional ones (not in a smallest value), within maxProperties; then the ones a
    // present property requires (dependentRequired).
    for (const p of present) if (p.required) put(p.name, this.gen(p.schema, dir, inner));
    for (const k of node.extraRequired ?? []) if (!has(k)) put(k, this.extra(node, k, dir, inner));
    if (!st.minimal) {
      for (const p of present) {
        if (has(p.name) || Object.keys(out).length >= max) continue;
        if (this.needs(node, p.name).some((k) => !has(k)) && Object.keys(out).length + 1 >= max) continue;
        put(p.name, this.gen(p.schema, dir, inner));
      }
    }
    for (const dep of node.dependentRequired ?? []) {
      if (!has(dep.property)) continue;
      for (const k of dep.required) {
        if (has(k)) continue;
        const p = node.properties.find((x) => x.name === k);
        put(k, p ? this.gen(p.schema, dir, inner) : this.extra(node, k, dir, inner));
      }
    }
    // A map (no declared properties) gets one entry, or as many as minProperties asks.
    const open = node.additionalProperties !== false && node.additionalProperties !== undefined;
    const wanted = Math.max(node.minProperties ?? 0, !st.minimal && open && node.properties.length === 0 && Object.keys(out).length === 0 ? 1 : 0);
    for (let i = 1; Object.keys(out).length < wanted && i <= wanted + 50; i++) {
      const k = this.extraKey(node, i);
      if (k === undefined || has(k)) continue;
      put(k, this.extra(node, k, dir, { ...inner, salt: i }));
    }
    if (Object.keys(out).length < (node.minProperties ?? 0)) this.warn('SF4102', 'no example: cannot make as many properties as minProperties asks', node.pointer);
    return out;
  }

  /** The properties a property brings along through dependentRequired. */
  private needs(node: ObjectNode, name: string): string[] {
    return (node.dependentRequired ?? []).filter((d) => d.property === name).flatMap((d) => d.required);
  }

  /** A name for an extra property: one propertyNames and the first patternProperties allow. */
  private extraKey(node: ObjectNode, i: number): string | undefined {
    const names = node.propertyNames;
    if (names?.kind === 'string' && names.pattern !== undefined) {
      const r = stringForPattern(names.pattern, names.minLength ?? 0, names.maxLength ?? Infinity, i);
      return r.ok ? r.value : undefined;
    }
    if (names?.kind === 'enum') {
      const m = names.members[i - 1];
      return typeof m?.value === 'string' ? m.value : undefined;
    }
    if (node.additionalProperties === undefined && node.patternProperties && node.patternProperties.length > 0) {
      const pp = node.patternProperties[0]!;
      const r = stringForPattern(pp.pattern, 0, Infinity, i);
      return r.ok ? r.value : undefined;
    }
    return `key${i}`;
  }

  /** The value of a property not declared in `properties`: by the pattern property its name matches, else additionalProperties. */
  private extra(node: ObjectNode, name: string, dir: Direction, st: State): JsonValue {
    for (const pp of node.patternProperties ?? []) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(pp.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re?.test(name)) return this.gen(pp.schema, dir, st);
    }
    const ap = node.additionalProperties;
    if (typeof ap === 'object') return this.gen(ap, dir, st);
    return word(`${node.pointer}/${name}`);
  }

  private array(node: ArrayNode, dir: Direction, st: State): JsonValue {
    const prefix = node.prefixItems ?? [];
    const noMore = node.items.kind === 'never';
    let n = node.minItems ?? 0;
    if (!st.minimal) n = Math.max(n, prefix.length > 0 ? prefix.length : 1);
    if (node.contains && (node.minContains ?? 1) > 0) n = Math.max(n, node.minContains ?? 1);
    if (node.maxItems !== undefined) n = Math.min(n, node.maxItems);
    if (noMore) n = Math.min(n, prefix.length);
    if (n < (node.minItems ?? 0)) this.warn('SF4102', 'no example: minItems asks for more items than the schema allows', node.pointer);
    // Items that `contains` must match come first (after the prefix): of the items' and contains' schemas both.
    const containsNode: SchemaNode | undefined = node.contains ? { kind: 'intersection', members: [node.items, node.contains], pointer: node.contains.pointer } : undefined;
    const out: JsonValue[] = [];
    const seen = new Set<string>();
    let containsLeft = node.contains ? (node.minContains ?? 1) : 0;
    for (let i = 0; i < n; i++) {
      const schema = i < prefix.length ? prefix[i]! : containsLeft > 0 && containsNode ? (containsLeft--, containsNode) : node.items;
      let v = this.gen(schema, dir, { ...st, depth: st.depth + 1, salt: i });
      if (node.uniqueItems) {
        // Another draw while the item equals an earlier one.
        for (let k = 1; seen.has(JSON.stringify(v)) && k <= 16; k++) v = this.gen(schema, dir, { ...st, depth: st.depth + 1, salt: i + k * 7919 });
        if (seen.has(JSON.stringify(v))) {
          this.warn('SF4102', 'no example: cannot make enough different items for uniqueItems', node.pointer);
          break;
        }
        seen.add(JSON.stringify(v));
      }
      out.push(v);
    }
    return out;
  }

  /** The union's members in the order they are tried: null-only and recursive members last (first for a smallest value). */
  private ordered(node: UnionNode, st: State): SchemaNode[] {
    const score = (m: SchemaNode): number => {
      const target = m.kind === 'ref' ? this.schemas.get(m.target)?.schema : m;
      if (target?.kind === 'null') return st.minimal ? 0 : 8;
      if (m.kind === 'ref' && st.stack.includes(m.target)) return 7;
      if (target?.kind === 'never') return 9;
      // A Stripe-style "unset" member (`enum: [""]`) says little: after the others.
      if (target?.kind === 'enum' && target.members.length === 1 && target.members[0]!.value === '') return 6;
      return st.minimal && m.kind === 'ref' ? 2 : 1;
    };
    return node.members
      .map((m, i) => [score(m), i] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .map(([, i]) => node.members[i]!);
  }

  /** The member a union's value is made from: with a discriminator, one drawn from the seed; else the first in order. */
  private choose(node: UnionNode, st: State): SchemaNode | undefined {
    const order = this.ordered(node, st);
    if (order.length === 0) return undefined;
    const d = node.discriminator;
    if (d) {
      // A member the tag can be set on: an object schema the mapping names (the validator wants the tag).
      const tagged = order.filter((m) => {
        if (m.kind !== 'ref' || !d.mapping.some((x) => x.target === m.target)) return false;
        const kind = this.schemas.get(m.target)?.schema.kind;
        return kind === 'object' || kind === 'intersection';
      });
      const good = tagged.filter((m) => m.kind === 'ref' && !st.stack.includes(m.target));
      if (st.minimal) return good[0] ?? tagged[0] ?? order[0];
      if (good.length > 0) return good[this.draw(node.pointer, st.salt) % good.length];
    }
    return order[0];
  }

  private union(node: UnionNode, dir: Direction, st: State): JsonValue {
    if (node.mode === 'oneOf' && !node.discriminator && node.members.length > 1) return this.exclusive(node, dir, st);
    const member = this.choose(node, st);
    if (!member) {
      this.warn('SF4102', 'no example: the union has no members', node.pointer);
      return null;
    }
    return this.tagged(node, member, this.gen(member, dir, st));
  }

  /**
   * A oneOf without a discriminator: the value of the first member (in order) that no other member seems to take
   * too (`mightMatch`), since a value that matches two members matches none. SF4103 when every member's does.
   */
  private exclusive(node: UnionNode, dir: Direction, st: State): JsonValue {
    const order = this.ordered(node, st);
    let first: JsonValue | undefined;
    for (const m of order.slice(0, 8)) {
      let v = this.gen(m, dir, st);
      first ??= v;
      const others = node.members.filter((o) => o !== m);
      if (!others.some((o) => mightMatch(v, o, this.schemas))) return v;
      // Without the optional properties that another member requires, that member may no longer match.
      if (isRecord(v)) {
        const own = new Set(this.requiredOf(m));
        const avoid = new Set(others.flatMap((o) => this.requiredOf(o)).filter((k) => !own.has(k)));
        v = copyWithout(v, avoid);
        if (!others.some((o) => mightMatch(v, o, this.schemas))) return v;
      }
    }
    this.warn('SF4103', 'the example may match more than one member of this oneOf (its members overlap, and it has no discriminator)', node.pointer);
    return first ?? null;
  }

  /** The discriminator's tag of the chosen member set in its value (a copy: a named schema's value is shared). */
  private tagged(node: UnionNode, member: SchemaNode, value: JsonValue): JsonValue {
    const d = node.discriminator;
    if (!d || member.kind !== 'ref' || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    const tag = d.mapping.find((m) => m.target === member.target)?.value;
    if (tag === undefined) return value;
    const copy: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(copy, k, { value: v, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(copy, d.propertyName, { value: tag, enumerable: true, writable: true, configurable: true });
    return copy;
  }

  /**
   * allOf: the members as one schema. Refs are followed and nested allOfs flattened; a union member is replaced by
   * its chosen member (its tag set afterwards). Objects merge (properties united, a property in several members
   * gets all their schemas, required united, the tightest counts); scalars of one kind merge their bounds;
   * otherwise the first member that constrains anything is used.
   */
  private intersection(node: IntersectionNode, dir: Direction, st: State): JsonValue {
    // A oneOf (without discriminator) among the members: its member is chosen again while the value seems to
    // match another member too.
    const forced = new Map<UnionNode, number>();
    let first: JsonValue | undefined;
    for (let attempt = 0; attempt < 8; attempt++) {
      const { value, exclusive, open } = this.mergedValue(node, dir, st, forced);
      first ??= value;
      if (open.length === 0) return value;
      const bad = open.find(([u, m]) => !exclusive(value, u, m));
      if (bad === undefined) return value;
      const order = this.ordered(bad[0], st);
      const next = (forced.get(bad[0]) ?? 0) + 1;
      if (next >= order.length) break;
      forced.set(bad[0], next);
    }
    this.warn('SF4103', 'the example may match more than one member of a oneOf in this allOf (its members overlap, and it has no discriminator)', node.pointer);
    return first ?? null;
  }

  /**
   * The value of an allOf: refs followed, nested allOfs flattened, each union replaced by its chosen member (the
   * `forced` one for a oneOf retried), then the members merged. `open` lists the oneOfs without discriminator
   * whose exclusivity `exclusive` tests (after leaving out optional properties that the other members require).
   */
  private mergedValue(
    node: IntersectionNode,
    dir: Direction,
    st: State,
    forced: ReadonlyMap<UnionNode, number>,
  ): { value: JsonValue; open: Array<[UnionNode, SchemaNode]>; exclusive: (v: JsonValue, u: UnionNode, m: SchemaNode) => boolean } {
    const parts: SchemaNode[] = [];
    const tags: Array<[UnionNode, SchemaNode]> = [];
    const open: Array<[UnionNode, SchemaNode]> = [];
    let state = st;
    const flatten = (n: SchemaNode, depth: number): void => {
      if (depth > MAX_DEPTH) return;
      if (n.kind === 'ref') {
        const s = this.schemas.get(n.target);
        if (!s) return;
        if (state.stack.includes(n.target)) state = { ...state, minimal: true };
        state = { ...state, stack: [...state.stack, n.target] };
        flatten(s.schema, depth + 1);
      } else if (n.kind === 'intersection') {
        for (const m of n.members) flatten(m, depth + 1);
      } else if (n.kind === 'union') {
        const retried = n.mode === 'oneOf' && !n.discriminator && n.members.length > 1;
        const chosen = retried ? this.ordered(n, state)[forced.get(n) ?? 0] : this.choose(n, state);
        if (chosen) {
          tags.push([n, chosen]);
          if (retried) open.push([n, chosen]);
          flatten(chosen, depth + 1);
        }
      } else parts.push(n);
    };
    for (const m of node.members) flatten(m, 0);
    let constraining = parts.filter((p) => p.kind !== 'unknown');
    // A member whose type is only implied by its keywords constrains values of that type only.
    const typed = constraining.filter((p) => !p.typeImplied);
    const kinds = new Set(typed.map((p) => (p.kind === 'enum' ? 'enum' : p.kind)));
    if (typed.length > 0) {
      const kind = typed.find((p) => p.kind !== 'enum')?.kind ?? 'enum';
      constraining = constraining.filter((p) => !p.typeImplied || p.kind === kind);
      if ([...kinds].filter((k) => k !== 'enum').length > 1) this.warn('SF4102', 'no example: the members of this allOf have different types', node.pointer);
    }
    let value: JsonValue;
    let required = new Set<string>();
    if (constraining.length === 0) value = word(node.pointer);
    else if (constraining.every((p) => p.kind === 'object')) {
      const merged = mergeObjects(constraining as ObjectNode[], node);
      if (merged.conflict.length > 0) this.warn('SF4102', `no example: required properties ${merged.conflict.join(', ')} are not allowed by a member with additionalProperties false`, node.pointer);
      required = new Set([...merged.node.properties.filter((p) => p.required).map((p) => p.name), ...(merged.node.extraRequired ?? [])]);
      value = this.gen(merged.node, dir, state);
    } else if (constraining.every((p) => p.kind === 'string')) value = this.gen(mergeStrings(constraining as StringNode[], node), dir, state);
    else if (constraining.every((p) => p.kind === 'number')) value = this.gen(mergeNumbers(constraining as NumberNode[], node), dir, state);
    else {
      const en = constraining.find((p) => p.kind === 'enum');
      if (en?.kind === 'enum') {
        // A member of the first enum that every other member takes too.
        const fits = en.members.filter((m) => constraining.every((p) => p === en || mightMatch(m.value, p, this.schemas)));
        if (fits.length === 0) this.warn('SF4102', 'no example: no value of the enum fits the other members of this allOf', node.pointer);
        const pool = fits.length > 0 ? fits : en.members;
        value = pool.length > 0 ? pool[this.draw(node.pointer, state.salt) % pool.length]!.value : null;
      } else value = this.gen(constraining[0]!, dir, state);
    }
    for (const [u, m] of tags) value = this.tagged(u, m, value);
    // Optional properties that another member of an open oneOf requires are left out: without them, that member
    // does not match.
    if (open.length > 0 && isRecord(value)) {
      const avoid = new Set<string>();
      for (const [u, m] of open) for (const o of u.members) if (o !== m) for (const k of this.requiredOf(o)) if (!required.has(k)) avoid.add(k);
      if ([...avoid].some((k) => Object.prototype.hasOwnProperty.call(value, k))) value = copyWithout(value, avoid);
    }
    const exclusive = (v: JsonValue, u: UnionNode, m: SchemaNode) => !u.members.some((o) => o !== m && mightMatch(v, o, this.schemas));
    return { value, open, exclusive };
  }

  /** The property names a schema requires (through refs and allOf). */
  private requiredOf(n: SchemaNode, depth = 0): string[] {
    if (depth > 16) return [];
    if (n.kind === 'ref') {
      const s = this.schemas.get(n.target);
      return s ? this.requiredOf(s.schema, depth + 1) : [];
    }
    if (n.kind === 'object') return [...n.properties.filter((p) => p.required).map((p) => p.name), ...(n.extraRequired ?? [])];
    if (n.kind === 'intersection') return n.members.flatMap((m) => this.requiredOf(m, depth + 1));
    return [];
  }
}

function isRecord(v: JsonValue): v is { [key: string]: JsonValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A copy of an object value without some keys (a shared value is never changed). */
function copyWithout(v: { [key: string]: JsonValue }, keys: ReadonlySet<string>): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [k, x] of Object.entries(v)) if (!keys.has(k)) Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  return out;
}

/** One object schema from the object members of an allOf. */
function mergeObjects(parts: ObjectNode[], node: IntersectionNode): { node: ObjectNode; conflict: string[] } {
  const props = new Map<string, Property>();
  for (const o of parts) {
    for (const p of o.properties) {
      const had = props.get(p.name);
      if (!had) props.set(p.name, p);
      else {
        const members = had.schema.kind === 'intersection' && had.schema.pointer === node.pointer + '#' + p.name ? [...had.schema.members, p.schema] : [had.schema, p.schema];
        const schema: IntersectionNode = { kind: 'intersection', members, pointer: node.pointer + '#' + p.name };
        if (members.some((m) => m.readOnly)) schema.readOnly = true;
        if (members.some((m) => m.writeOnly)) schema.writeOnly = true;
        props.set(p.name, { name: p.name, schema, required: had.required || p.required });
      }
    }
  }
  const out: ObjectNode = { kind: 'object', properties: [...props.values()], pointer: parts[0]!.pointer };
  const extraRequired = [...new Set(parts.flatMap((o) => [...(o.extraRequired ?? []), ...o.properties.filter((p) => p.required).map((p) => p.name)]))];
  for (const name of extraRequired) {
    const p = props.get(name);
    if (p) props.set(name, { ...p, required: true });
  }
  out.properties = [...props.values()];
  const missing = extraRequired.filter((n) => !props.has(n));
  if (missing.length > 0) out.extraRequired = missing;
  const ap = parts.map((o) => o.additionalProperties);
  if (ap.includes(false)) out.additionalProperties = false;
  else {
    const schema = ap.find((a) => typeof a === 'object');
    if (schema !== undefined) out.additionalProperties = schema;
    else if (ap.includes(true)) out.additionalProperties = true;
  }
  const pattern = parts.flatMap((o) => o.patternProperties ?? []);
  if (pattern.length > 0) out.patternProperties = pattern;
  const mins = parts.map((o) => o.minProperties).filter((x): x is number => x !== undefined);
  if (mins.length > 0) out.minProperties = Math.max(...mins);
  const maxs = parts.map((o) => o.maxProperties).filter((x): x is number => x !== undefined);
  if (maxs.length > 0) out.maxProperties = Math.min(...maxs);
  const names = parts.find((o) => o.propertyNames)?.propertyNames;
  if (names) out.propertyNames = names;
  const dependent = parts.flatMap((o) => o.dependentRequired ?? []);
  if (dependent.length > 0) out.dependentRequired = dependent;
  // A member with additionalProperties false allows its own properties only, whatever the others declare.
  const closed = parts.filter((o) => o.additionalProperties === false && !o.patternProperties);
  const conflict: string[] = [];
  if (closed.length > 0) {
    const allowed = (name: string) => closed.every((o) => o.properties.some((p) => p.name === name));
    for (const p of out.properties) if (p.required && !allowed(p.name)) conflict.push(p.name);
    out.properties = out.properties.filter((p) => allowed(p.name));
  }
  return { node: out, conflict };
}

function mergeStrings(parts: StringNode[], node: IntersectionNode): StringNode {
  const out: StringNode = { kind: 'string', pointer: node.pointer };
  for (const s of parts) {
    if (s.format !== undefined) out.format ??= s.format;
    if (s.pattern !== undefined) out.pattern ??= s.pattern;
    if (s.minLength !== undefined) out.minLength = Math.max(out.minLength ?? 0, s.minLength);
    if (s.maxLength !== undefined) out.maxLength = Math.min(out.maxLength ?? Infinity, s.maxLength);
  }
  return out;
}

function mergeNumbers(parts: NumberNode[], node: IntersectionNode): NumberNode {
  const out: NumberNode = { kind: 'number', integer: parts.some((n) => n.integer), pointer: node.pointer };
  for (const n of parts) {
    if (n.format !== undefined) out.format ??= n.format;
    if (n.minimum !== undefined) out.minimum = Math.max(out.minimum ?? -Infinity, n.minimum);
    if (n.maximum !== undefined) out.maximum = Math.min(out.maximum ?? Infinity, n.maximum);
    if (n.exclusiveMinimum !== undefined) out.exclusiveMinimum = Math.max(out.exclusiveMinimum ?? -Infinity, n.exclusiveMinimum);
    if (n.exclusiveMaximum !== undefined) out.exclusiveMaximum = Math.min(out.exclusiveMaximum ?? Infinity, n.exclusiveMaximum);
    if (n.multipleOf !== undefined) out.multipleOf ??= n.multipleOf;
  }
  return out;
}

function matches(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(s);
  } catch {
    return false;
  }
}

/** The smallest d with m·d an integer (m a decimal of up to 15 digits). */
function denominator(m: number): number {
  for (let d = 1; d <= 1e15; d *= 10) if (Number.isInteger(Number((m * d).toPrecision(15)))) return d;
  return 1;
}

/** A plain string for a node: the last word of its pointer that is not a keyword of the spec's structure. */
function word(pointer: string): string {
  const tokens = pointer.split('/');
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!.replace(/~1/g, '-').replace(/~0/g, '-');
    if (t === '' || /^\d+$/.test(t) || STRUCTURE.has(t)) continue;
    const w = t.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32);
    if (w !== '') return w;
  }
  return 'example';
}

const STRUCTURE = new Set([
  'schema', 'properties', 'items', 'prefixItems', 'additionalProperties', 'allOf', 'oneOf', 'anyOf', 'not', 'content', 'schemas',
  'components', 'responses', 'requestBody', 'parameters', 'paths', 'patternProperties', 'contains', 'if', 'then', 'else', 'headers',
  'application-json', 'get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace', '$defs', 'definitions',
]);

/**
 * The named schemas that are in a cycle of references (through anything: properties, items, members), each
 * mapped to its strongly connected component (Tarjan's algorithm, iterative: specs have chains thousands long).
 */
function cyclicComponents(schemas: ReadonlyMap<string, NamedSchema>): Map<string, number> {
  const edges = new Map<string, string[]>();
  for (const [id, s] of schemas) {
    const out = new Set<string>();
    const visit = (n: SchemaNode) => {
      if (n.kind === 'ref') out.add(n.target);
      forEachChild(n, visit);
    };
    visit(s.schema);
    edges.set(id, [...out].filter((t) => schemas.has(t)));
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Map<string, number>();
  let next = 0;
  let component = 0;
  for (const root of schemas.keys()) {
    if (index.has(root)) continue;
    const work: Array<[string, number]> = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      const targets = edges.get(v)!;
      if (i < targets.length) {
        frame[1]++;
        const w = targets[i]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          members.push(w);
        } while (w !== v);
        const selfLoop = edges.get(v)!.includes(v);
        if (members.length > 1 || selfLoop) {
          for (const m of members) result.set(m, component);
          component++;
        }
      }
    }
  }
  return result;
}
