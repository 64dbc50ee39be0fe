import type { Code } from '../../diagnostics/codes.js';
import type { JsonValue } from '../types.js';
import type { BuildContext } from './context.js';

/** Typed reads of schema keywords: a keyword of the wrong type is reported (SF3002) and ignored. */
export class Keywords {
  constructor(
    private readonly ctx: BuildContext,
    readonly raw: Record<string, unknown>,
    readonly pointer: string,
  ) {}

  private wrong(key: string, want: string): undefined {
    this.ctx.report('SF3002', `'${key}' must be ${want}`, `${this.pointer}/${key}`);
    return undefined;
  }

  /** Reports a finding about one keyword of this schema. */
  report(code: Code, message: string, key: string): void {
    this.ctx.report(code, message, `${this.pointer}/${key}`);
  }

  has(key: string): boolean {
    // An own property, read as such: a value of `undefined` (never in JSON) is no value.
    return this.raw[key] !== undefined && Object.prototype.hasOwnProperty.call(this.raw, key);
  }

  string(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return typeof v === 'string' ? v : this.wrong(key, 'a string');
  }

  number(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : this.wrong(key, 'a number');
  }

  nonNegativeInteger(key: string): number | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : this.wrong(key, 'a non-negative integer');
  }

  boolean(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return typeof v === 'boolean' ? v : this.wrong(key, 'a boolean');
  }

  array(key: string): unknown[] | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return Array.isArray(v) ? v : this.wrong(key, 'an array');
  }

  object(key: string): Record<string, unknown> | undefined {
    const v = this.raw[key];
    if (v === undefined || !this.has(key)) return undefined;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : this.wrong(key, 'an object');
  }

  stringArray(key: string): string[] | undefined {
    const v = this.array(key);
    if (v === undefined) return undefined;
    if (v.every((x) => typeof x === 'string')) return v as string[];
    return this.wrong(key, 'an array of strings');
  }

  json(key: string): JsonValue | undefined {
    return this.has(key) ? (this.raw[key] as JsonValue) : undefined;
  }
}
