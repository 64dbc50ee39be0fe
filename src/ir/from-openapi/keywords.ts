import { escapeToken } from '../../diagnostics/pointer.js';
import type { Code } from '../../diagnostics/codes.js';
import { LIMITS } from '../../parse/limits.js';
import type { JsonValue } from '../types.js';
import type { BuildContext } from './context.js';

/**
 * The keywords of one schema that the builder reads, in an object of one fixed shape, filled by a single pass
 * over the schema's own keys. Reading a keyword of a parsed JSON object by name is a lookup in an object of
 * one of thousands of shapes (and, for a keyword that is absent, up the prototype chain); reading it here is a
 * field of a known object. Absent keywords are `undefined` (JSON has no `undefined`).
 */
export class SchemaKeywords {
  $ref: unknown = undefined;
  allOf: unknown = undefined;
  oneOf: unknown = undefined;
  anyOf: unknown = undefined;
  const: unknown = undefined;
  enum: unknown = undefined;
  type: unknown = undefined;
  format: unknown = undefined;
  minLength: unknown = undefined;
  maxLength: unknown = undefined;
  pattern: unknown = undefined;
  contentEncoding: unknown = undefined;
  contentMediaType: unknown = undefined;
  minimum: unknown = undefined;
  maximum: unknown = undefined;
  exclusiveMinimum: unknown = undefined;
  exclusiveMaximum: unknown = undefined;
  multipleOf: unknown = undefined;
  properties: unknown = undefined;
  required: unknown = undefined;
  additionalProperties: unknown = undefined;
  patternProperties: unknown = undefined;
  minProperties: unknown = undefined;
  maxProperties: unknown = undefined;
  items: unknown = undefined;
  prefixItems: unknown = undefined;
  minItems: unknown = undefined;
  maxItems: unknown = undefined;
  uniqueItems: unknown = undefined;
  contains: unknown = undefined;
  minContains: unknown = undefined;
  maxContains: unknown = undefined;
  propertyNames: unknown = undefined;
  dependentRequired: unknown = undefined;
  dependentSchemas: unknown = undefined;
  unevaluatedProperties: unknown = undefined;
  unevaluatedItems: unknown = undefined;
  description: unknown = undefined;
  title: unknown = undefined;
  deprecated: unknown = undefined;
  readOnly: unknown = undefined;
  writeOnly: unknown = undefined;
  default: unknown = undefined;
  examples: unknown = undefined;
  example: unknown = undefined;
  not: unknown = undefined;
  if: unknown = undefined;
  then: unknown = undefined;
  else: unknown = undefined;
  discriminator: unknown = undefined;
}

export type KeywordName = keyof SchemaKeywords;

function readKeywords(raw: Record<string, unknown>): SchemaKeywords {
  const k = new SchemaKeywords();
  for (const key of Object.keys(raw)) {
    switch (key) {
      case '$ref':
        k.$ref = raw[key];
        break;
      case 'allOf':
        k.allOf = raw[key];
        break;
      case 'oneOf':
        k.oneOf = raw[key];
        break;
      case 'anyOf':
        k.anyOf = raw[key];
        break;
      case 'const':
        k.const = raw[key];
        break;
      case 'enum':
        k.enum = raw[key];
        break;
      case 'type':
        k.type = raw[key];
        break;
      case 'format':
        k.format = raw[key];
        break;
      case 'minLength':
        k.minLength = raw[key];
        break;
      case 'maxLength':
        k.maxLength = raw[key];
        break;
      case 'pattern':
        k.pattern = raw[key];
        break;
      case 'contentEncoding':
        k.contentEncoding = raw[key];
        break;
      case 'contentMediaType':
        k.contentMediaType = raw[key];
        break;
      case 'minimum':
        k.minimum = raw[key];
        break;
      case 'maximum':
        k.maximum = raw[key];
        break;
      case 'exclusiveMinimum':
        k.exclusiveMinimum = raw[key];
        break;
      case 'exclusiveMaximum':
        k.exclusiveMaximum = raw[key];
        break;
      case 'multipleOf':
        k.multipleOf = raw[key];
        break;
      case 'properties':
        k.properties = raw[key];
        break;
      case 'required':
        k.required = raw[key];
        break;
      case 'additionalProperties':
        k.additionalProperties = raw[key];
        break;
      case 'patternProperties':
        k.patternProperties = raw[key];
        break;
      case 'minProperties':
        k.minProperties = raw[key];
        break;
      case 'maxProperties':
        k.maxProperties = raw[key];
        break;
      case 'items':
        k.items = raw[key];
        break;
      case 'prefixItems':
        k.prefixItems = raw[key];
        break;
      case 'minItems':
        k.minItems = raw[key];
        break;
      case 'maxItems':
        k.maxItems = raw[key];
        break;
      case 'uniqueItems':
        k.uniqueItems = raw[key];
        break;
      case 'contains':
        k.contains = raw[key];
        break;
      case 'minContains':
        k.minContains = raw[key];
        break;
      case 'maxContains':
        k.maxContains = raw[key];
        break;
      case 'propertyNames':
        k.propertyNames = raw[key];
        break;
      case 'dependentRequired':
        k.dependentRequired = raw[key];
        break;
      case 'dependentSchemas':
        k.dependentSchemas = raw[key];
        break;
      case 'unevaluatedProperties':
        k.unevaluatedProperties = raw[key];
        break;
      case 'unevaluatedItems':
        k.unevaluatedItems = raw[key];
        break;
      case 'description':
        k.description = raw[key];
        break;
      case 'title':
        k.title = raw[key];
        break;
      case 'deprecated':
        k.deprecated = raw[key];
        break;
      case 'readOnly':
        k.readOnly = raw[key];
        break;
      case 'writeOnly':
        k.writeOnly = raw[key];
        break;
      case 'default':
        k.default = raw[key];
        break;
      case 'examples':
        k.examples = raw[key];
        break;
      case 'example':
        k.example = raw[key];
        break;
      case 'not':
        k.not = raw[key];
        break;
      case 'if':
        k.if = raw[key];
        break;
      case 'then':
        k.then = raw[key];
        break;
      case 'else':
        k.else = raw[key];
        break;
      case 'discriminator':
        k.discriminator = raw[key];
        break;
    }
  }
  return k;
}

/** Typed reads of schema keywords: a keyword of the wrong type is reported (SF3002) and ignored. */
export class Keywords {
  /** The keywords read once from `raw`. */
  readonly v: SchemaKeywords;

  constructor(
    private readonly ctx: BuildContext,
    readonly raw: Record<string, unknown>,
    readonly pointer: string,
  ) {
    this.v = readKeywords(raw);
  }

  private wrong(key: KeywordName, want: string): undefined {
    this.ctx.report('SF3002', `'${key}' must be ${want}`, `${this.pointer}/${key}`);
    return undefined;
  }

  /** Reports a finding about one keyword of this schema. */
  report(code: Code, message: string, key: string): void {
    this.ctx.report(code, message, `${this.pointer}/${key}`);
  }

  has(key: KeywordName): boolean {
    return this.v[key] !== undefined;
  }

  string(key: KeywordName): string | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : this.wrong(key, 'a string');
  }

  number(key: KeywordName): number | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : this.wrong(key, 'a number');
  }

  nonNegativeInteger(key: KeywordName): number | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : this.wrong(key, 'a non-negative integer');
  }

  boolean(key: KeywordName): boolean | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? v : this.wrong(key, 'a boolean');
  }

  array(key: KeywordName): unknown[] | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v : this.wrong(key, 'an array');
  }

  object(key: KeywordName): Record<string, unknown> | undefined {
    const v = this.v[key];
    if (v === undefined) return undefined;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : this.wrong(key, 'an object');
  }

  stringArray(key: KeywordName): string[] | undefined {
    const v = this.array(key);
    if (v === undefined) return undefined;
    if (v.every((x) => typeof x === 'string')) return v as string[];
    return this.wrong(key, 'an array of strings');
  }

  /**
   * A keyword that holds data (`enum`, `const`, `default`, `examples`, `example`), or undefined when it nests
   * deeper than the limit (SF1009): the printers and validators walk such values by recursion.
   */
  json(key: KeywordName): JsonValue | undefined {
    const v = this.v[key] as JsonValue | undefined;
    if (typeof v === 'number') return Number.isFinite(v) ? v : this.notJson(key, '');
    if (v === null || typeof v !== 'object') return v;
    if (nestsDeeper(v, LIMITS.maxSchemaDepth)) {
      this.ctx.report('SF1009', `'${key}' nests deeper than ${LIMITS.maxSchemaDepth} levels`, `${this.pointer}/${key}`);
      return undefined;
    }
    const at = nonFinite(v, '');
    return at === undefined ? v : this.notJson(key, at);
  }

  /**
   * A number JSON cannot hold (YAML's `.inf` and `.nan`, JSON's `1e400`, which parses as Infinity) in a data
   * keyword: no literal or check could say it (JSON.stringify writes null), so the keyword is refused (SF3002).
   */
  private notJson(key: KeywordName, at: string): undefined {
    this.ctx.report('SF3002', `'${key}' holds a number JSON cannot represent (Infinity or NaN)`, `${this.pointer}/${key}${at}`);
    return undefined;
  }
}

/** The pointer (below the value) of the first number in it that is not finite, if any (called on values nested less than the limit). */
function nonFinite(v: unknown, at: string): string | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : at;
  if (v === null || typeof v !== 'object') return undefined;
  for (const [k, child] of Object.entries(v)) {
    const found = nonFinite(child, `${at}/${escapeToken(k)}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Whether a JSON value has objects or arrays nested more than `levels` deep (recursion at most that deep). */
/**
 * Whether a value of the spec is data every printer can take: JSON (finite numbers) nested less than the limit.
 * For data outside schemas (a media type's examples), which is left out rather than reported when it is not.
 */
export function isJsonData(v: unknown): v is JsonValue {
  return !nestsDeeper(v, LIMITS.maxSchemaDepth) && nonFinite(v, '') === undefined && v !== undefined;
}

function nestsDeeper(v: unknown, levels: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (levels === 0) return true;
  for (const child of Array.isArray(v) ? v : Object.values(v)) if (nestsDeeper(child, levels - 1)) return true;
  return false;
}
