/**
 * What the compiled checks of validators.ts call: failures and their collection, the validator objects, and the
 * keyword helpers (code point length, deep equality, multipleOf). Written once into the output folder.
 */
/** One finding: where in the value, which keyword, what, and where in the spec. */
export interface Issue {
  /** JSON pointer into the validated value, e.g. "/users/3/id" ("" for the value itself). */
  path: string;
  keyword: string;
  message: string;
  /** JSON pointer into the OpenAPI document, to the schema keyword that failed. */
  schemaPointer: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

/** The Standard Schema v1 interface (https://standardschema.dev), so validators plug into libraries that accept it. */
export interface StandardSchemaV1<T> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: "specforge";
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: T; readonly issues?: undefined }
      | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path: ReadonlyArray<PropertyKey> }> };
    readonly types?: { readonly input: T; readonly output: T } | undefined;
  };
}

export interface Validator<T> extends StandardSchemaV1<T> {
  readonly name: string;
  /** Every issue (up to MAX_ISSUES), or the value typed. */
  validate(value: unknown): Result<T>;
  /** A yes/no answer that narrows the type; stops at the first failure. */
  is(value: unknown): value is T;
}

/** The most issues one validation reports. */
export const MAX_ISSUES = 100;

/** Where failures go while collecting: the issues (up to MAX_ISSUES) and the count of every failure. */
export type Out = { issues: Issue[]; n: number } | null;
export type Check = (v: unknown, p: string, o: Out) => boolean;

/** A check shared by every place with the same schema: it takes that place's schema pointer `s`. */
export type CheckAt = (v: unknown, p: string, o: Out, s: string) => boolean;

/** A shared check bound to one place's schema pointer. */
export function at(check: CheckAt, s: string): Check {
  return (v, p, o) => check(v, p, o, s);
}

/** Own-property test for names Object.prototype also has: "__proto__" and "constructor" are data here. */
export const has: (this: object, key: PropertyKey) => boolean = Object.prototype.hasOwnProperty;

/** Records a failure; true when the caller should answer "no" at once (yes/no mode). */
export function fail(o: Out, path: string, keyword: string, message: string, schemaPointer: string): boolean {
  if (o === null) return true;
  o.n++;
  if (o.issues.length < MAX_ISSUES) o.issues.push({ path, keyword, message, schemaPointer });
  return false;
}

/** A type failure: "must be <what>" at the schema's `type`. */
export function t(o: Out, path: string, what: string, schema: string): boolean {
  return fail(o, path, "type", "must be " + what, schema + "/type");
}

/** A failure of `keyword` of property `name`, whose schema is written inline at `<schema>/properties/<name>`. */
export function fp(o: Out, path: string, schema: string, name: string, keyword: string, message: string): boolean {
  if (o === null) return true;
  const token = ptr(name);
  return fail(o, path + "/" + token, keyword, message, schema + "/properties/" + token + "/" + keyword);
}

/** A type failure ("must be <what>") of property `name`, whose schema is written inline at `<schema>/properties/<name>`. */
export function tp(o: Out, path: string, schema: string, name: string, what: string): boolean {
  return fp(o, path, schema, name, "type", "must be " + what);
}

/** A missing required property, reported on the object. */
export function r(o: Out, path: string, name: string, schema: string): boolean {
  return fail(o, path, "required", "must have the property '" + name + "'", schema + "/required");
}

export function any(): boolean {
  return true;
}

/** A JSON pointer token. */
export function ptr(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function pointerKeys(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * Runs a check on a whole value; undefined when the value is nested so deeply that checking it ran out of stack
 * (a recursive schema and a hostile value): the caller answers "no", it does not throw.
 */
function runCheck(check: Check, value: unknown, o: Out): boolean | undefined {
  try {
    return check(value, "", o);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** The one issue of a value too deeply nested to check. */
const TOO_DEEP: Issue = { path: "", keyword: "nesting", message: "is nested too deeply to be checked", schemaPointer: "" };

/**
 * A validator from a check. Typed `never`, which every `Validator<X>` accepts: each export states its own type
 * (`: Validator<X>`, or `as Validator<X>` in an operation's object, so that declarations need no inference).
 */
export function validator(name: string, check: Check): Validator<never> {
  const validate = (value: unknown): Result<never> => {
    const yes = runCheck(check, value, null);
    if (yes === true) return { ok: true, value: value as never };
    const o = { issues: [] as Issue[], n: 0 };
    if (yes === undefined || runCheck(check, value, o) === undefined) return { ok: false, issues: [{ ...TOO_DEEP }] };
    return { ok: false, issues: o.issues };
  };
  return {
    name,
    validate,
    is: (value: unknown): value is never => runCheck(check, value, null) === true,
    "~standard": {
      version: 1,
      vendor: "specforge",
      validate: (value: unknown) => {
        const r = validate(value);
        return r.ok ? { value: r.value } : { issues: r.issues.map((i) => ({ message: i.message, path: pointerKeys(i.path) })) };
      },
    },
  };
}

/** Length in Unicode code points (what JSON Schema's minLength/maxLength count). */
export function cpLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Deep equality of JSON values (enum, const, uniqueItems). */
export function eq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!has.call(b, k) || !eq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * uniqueItems: no two items equal as JSON values. Each item is written once in a canonical form (object keys
 * sorted) and looked up in a set, so a long array costs its size, not the square of its length.
 */
export function unique(a: unknown[]): boolean {
  const seen = new Set<string>();
  for (const x of a) {
    const key = canonical(x);
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/** A JSON value as text that two values share exactly when they are equal (`eq`): objects with their keys sorted. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return typeof v === "number" ? String(v) : JSON.stringify(v) ?? "undefined";
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  const keys = Object.keys(v).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonical((v as Record<string, unknown>)[k])).join(",") + "}";
}

/** multipleOf without the float surprises of `%` (0.3 is a multiple of 0.1). */
export function multipleOf(v: number | bigint, m: number): boolean {
  // An int64 as a bigint (`int64: "bigint"`): exactly, by an integer divisor.
  if (typeof v === "bigint") return Number.isInteger(m) ? v % BigInt(m) === 0n : multipleOf(Number(v), m);
  const q = v / m;
  if (!Number.isFinite(q)) return false;
  return Math.abs(q - Math.round(q)) < 1e-9 * Math.max(1, Math.abs(q));
}

/** A Date that holds a time (`dates: "Date"`: what a valid date or date-time is read into). */
export function isDate(v: unknown): v is Date {
  return v instanceof Date && !Number.isNaN(v.getTime());
}
