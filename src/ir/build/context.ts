import { DiagnosticBag } from '../../diagnostics/diagnostic.js';
import type { Code } from '../../diagnostics/codes.js';
import { get as getAt, split } from '../../diagnostics/pointer.js';
import { isObject } from '../../parse/schema-positions.js';

/** What the builders share while turning one bundled document into IR. */
export class BuildContext {
  readonly diagnostics = new DiagnosticBag();
  /** Pointers of schemas that refs point at; each becomes a named schema. */
  readonly referenced = new Set<string>();
  private readonly shared = new Map<string, unknown>();

  constructor(readonly doc: Record<string, unknown>) {}

  report(code: Code, message: string, pointer: string): void {
    this.diagnostics.report(code, message, pointer);
  }

  /** Local refs already resolved (most specs use a few hundred refs many thousands of times). */
  private readonly resolved = new Map<string, { pointer: string; value: unknown }>();

  /** Resolves a local ref (`#/...`) to its pointer and value; reports SF2001/SF2005 and returns undefined when it cannot. */
  resolveLocal(ref: string, at: string): { pointer: string; value: unknown } | undefined {
    const known = this.resolved.get(ref);
    if (known) return known;
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
    const value = getAt(this.doc, pointer);
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
    const value = build();
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
