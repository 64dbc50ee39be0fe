import { diagnostic, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { get as getAt } from '../../diagnostics/pointer.js';
import { isObject } from '../schema-positions.js';
import { PointerMap, type Origin } from './pointers.js';

export type Json = Record<string, unknown>;

/**
 * The state of one Swagger 2.0 → OpenAPI 3.1 upgrade: the 2.0 document (read, never changed but for its schemas,
 * which are upgraded in place), the warnings (SF1020, with pointers into the 2.0 document) and where each part of
 * the new document came from (`moved`), so that a diagnostic about the new document points into the 2.0 text.
 */
export class Swagger2Context {
  readonly diagnostics: Diagnostic[] = [];
  readonly pointers = new PointerMap();
  /** The document's `consumes` and `produces` (an operation's own replace them). */
  readonly consumes: string[];
  readonly produces: string[];

  constructor(readonly doc: Json) {
    this.consumes = mediaList(doc.consumes);
    this.produces = mediaList(doc.produces);
  }

  /** The part of the new document at `to` is (a conversion of) the part of the 2.0 document at `from`. */
  moved(to: string, from: Origin): void {
    this.pointers.moved(to, from);
  }

  /** SF1020: a 2.0 construct converted with a loss, or left out. */
  warn(message: string, pointer: string): void {
    this.diagnostics.push(diagnostic('SF1020', message, pointer));
  }

  /**
   * Follows local `$ref`s (`#/parameters/x`, `#/responses/y`) from `value` at `at` to an object; undefined when a
   * ref leads nowhere or to a non-object (schema validation, or the IR builder on what is left, reports it).
   */
  resolve(value: unknown, at: string): { value: Json; pointer: string } | undefined {
    let v = value;
    let pointer = at;
    for (let i = 0; i < 32 && isObject(v) && typeof v.$ref === 'string'; i++) {
      if (!v.$ref.startsWith('#')) return undefined;
      pointer = decodeURIComponentSafe(v.$ref.slice(1));
      v = getAt(this.doc, pointer);
    }
    return isObject(v) && typeof v.$ref !== 'string' ? { value: v, pointer } : undefined;
  }
}

/** A `consumes`/`produces` list: its strings, once each, in order. */
export function mediaList(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return [...new Set(raw.filter((m): m is string => typeof m === 'string' && m !== ''))];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Sets a key that came from the spec (`__proto__` stays a key, never the prototype). */
export function put(obj: Json, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The `x-…` members of an object (extensions travel with what they extend). */
export function extensions(obj: Json): Json {
  const out: Json = {};
  for (const k of Object.keys(obj)) if (k.startsWith('x-')) put(out, k, obj[k]);
  return out;
}
