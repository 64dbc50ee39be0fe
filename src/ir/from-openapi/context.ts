import { DiagnosticBag, type Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Code } from '../../diagnostics/codes.js';
import { get as getAt, split } from '../../diagnostics/pointer.js';
import { isObject } from '../../parse/schema-positions.js';

/**
 * What one build left for the next build of the same spec (`--watch`): every unit (a component schema, a path
 * item, a shared parameter or response…) with the raw value it was built from, every value it read through a
 * `$ref` (the build is reused only while each of them is the same object), and what it reported.
 */
export interface BuildCache {
  units: Map<string, UnitEntry>;
}

interface UnitEntry {
  input: unknown;
  value: unknown;
  reads: Map<string, unknown>;
  referenced: string[];
  diagnostics: Diagnostic[];
}

/** What is being recorded while a unit is built. */
interface Recording {
  reads: Map<string, unknown>;
  referenced: Set<string>;
}

export function newBuildCache(): BuildCache {
  return { units: new Map() };
}

/** What the builders share while turning one bundled document into IR. */
export class BuildContext {
  readonly diagnostics = new DiagnosticBag();
  /** Pointers of schemas that refs point at; each becomes a named schema. */
  readonly referenced = new Set<string>();
  private readonly shared = new Map<string, unknown>();
  /** The units being built, innermost last. */
  private readonly recordings: Recording[] = [];
  /** Values of the document by pointer, looked up in this build. */
  private readonly lookups = new Map<string, unknown>();
  /** The units of this build (for the next one). */
  private readonly built = new Map<string, UnitEntry>();

  constructor(
    readonly doc: Record<string, unknown>,
    private readonly cache?: BuildCache,
  ) {}

  /**
   * Builds a unit once, or reuses the last build's: when the raw value is the same object and so is every
   * value it read, its result is reused and what it reported is reported again.
   */
  unit<T>(key: string, input: unknown, build: () => T): T {
    const entry = this.built.get(key) ?? this.cache?.units.get(key);
    if (entry && entry.input === input && this.stillValid(entry)) {
      this.built.set(key, entry);
      for (const [p, v] of entry.reads) this.read(p, v);
      for (const p of entry.referenced) this.refer(p);
      for (const d of entry.diagnostics) this.diagnostics.add(d);
      return entry.value as T;
    }
    const rec: Recording = { reads: new Map(), referenced: new Set() };
    const first = this.diagnostics.items.length;
    this.recordings.push(rec);
    let value: T;
    try {
      value = build();
    } finally {
      this.recordings.pop();
    }
    this.built.set(key, { input, value, reads: rec.reads, referenced: [...rec.referenced], diagnostics: this.diagnostics.items.slice(first) });
    for (const [p, v] of rec.reads) this.read(p, v);
    for (const p of rec.referenced) this.refer(p);
    return value;
  }

  /** The units of this build, to be reused by the next. */
  cacheForNext(): BuildCache {
    return { units: this.built };
  }

  private stillValid(entry: UnitEntry): boolean {
    for (const [p, v] of entry.reads) if (this.lookup(p) !== v) return false;
    return true;
  }

  /** The document's value at a pointer (recorded as read by the units being built). */
  lookup(pointer: string): unknown {
    let v = this.lookups.get(pointer);
    if (v === undefined && !this.lookups.has(pointer)) {
      v = getAt(this.doc, pointer);
      this.lookups.set(pointer, v);
    }
    this.read(pointer, v);
    return v;
  }

  private read(pointer: string, value: unknown): void {
    for (const r of this.recordings) r.reads.set(pointer, value);
  }

  /** A schema pointer that a ref points at: it becomes a named schema. */
  refer(pointer: string): void {
    this.referenced.add(pointer);
    for (const r of this.recordings) r.referenced.add(pointer);
  }

  report(code: Code, message: string, pointer: string): void {
    this.diagnostics.report(code, message, pointer);
  }

  /** Local refs already resolved (most specs use a few hundred refs many thousands of times). */
  private readonly resolved = new Map<string, { pointer: string; value: unknown }>();

  /** Resolves a local ref (`#/...`) to its pointer and value; reports SF2001/SF2005 and returns undefined when it cannot. */
  resolveLocal(ref: string, at: string): { pointer: string; value: unknown } | undefined {
    const known = this.resolved.get(ref);
    if (known) {
      this.read(known.pointer, known.value);
      return known;
    }
    const found = this.resolveUncached(ref, at);
    if (found) this.resolved.set(ref, found);
    return found;
  }

  private resolveUncached(ref: string, at: string): { pointer: string; value: unknown } | undefined {
    if (!ref.startsWith('#')) {
      this.report('SF2005', `$ref '${ref}' is not a local reference after bundling`, at);
      return undefined;
    }
    let pointer = ref.slice(1);
    try {
      pointer = decodeURIComponent(pointer);
    } catch {
      /* keep as written */
    }
    if (pointer !== '' && !pointer.startsWith('/')) {
      this.report('SF2005', `$ref '${ref}' is not a JSON pointer`, at);
      return undefined;
    }
    const value = this.lookup(pointer);
    if (value === undefined) {
      this.report('SF2001', `$ref '${ref}' does not resolve: nothing at #${pointer}`, at);
      return undefined;
    }
    return { pointer, value };
  }

  /**
   * Builds an object reached through `$ref` (a parameter, response, request body, header) once: every
   * operation that refers to it shares one IR value, so targets compile it once.
   */
  once<T>(kind: string, pointer: string, viaRef: boolean, build: () => T): T {
    if (!viaRef) return build();
    const key = kind + ' ' + pointer;
    if (this.shared.has(key)) return this.shared.get(key) as T;
    const value = this.unit(`shared ${key}`, this.lookup(pointer), build);
    this.shared.set(key, value);
    return value;
  }

  /** Follows a chain of refs (parameter → parameter …) to a non-ref object; cycles are reported. */
  deref(value: unknown, at: string): { pointer: string; value: Record<string, unknown> } | undefined {
    let cur = value;
    let ptr = at;
    const seen = new Set<string>();
    while (isObject(cur) && typeof cur.$ref === 'string') {
      const r = this.resolveLocal(cur.$ref, ptr + '/$ref');
      if (!r) return undefined;
      if (seen.has(r.pointer)) {
        this.report('SF2006', `$ref cycle through #${r.pointer}`, ptr + '/$ref');
        return undefined;
      }
      seen.add(r.pointer);
      cur = r.value;
      ptr = r.pointer;
    }
    if (!isObject(cur)) {
      this.report('SF3002', 'expected an object', ptr);
      return undefined;
    }
    return { pointer: ptr, value: cur };
  }
}

export { isObject };

export function lastToken(pointer: string): string {
  const t = split(pointer);
  return t[t.length - 1] ?? '';
}
