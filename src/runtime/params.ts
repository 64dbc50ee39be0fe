/**
 * Parameters and form bodies as they arrive (strings) coerced by their schemas' shapes, then validated: the
 * runtime behind each operation's `parseParams` in validators.ts, and `decodeForm`, which the server uses.
 */
import { has, type Check, type Issue, type Result } from "./checks.js";
import { fmtDate, fmtDateTime } from "./formats.js";

/** Parameters as they arrive: strings, before coercion. */
export interface RawParams {
  path?: Record<string, string | undefined> | undefined;
  /** A query string (with or without "?"), URLSearchParams, or a map of names to values. */
  query?: string | URLSearchParams | Record<string, string | string[] | undefined> | undefined;
  headers?: Headers | Record<string, string | string[] | undefined> | undefined;
  /** A Cookie header, or a map of cookie names to values. */
  cookies?: string | Record<string, string | undefined> | undefined;
}

/** An operation's `parseParams`: raw parameters in, coerced and validated parameters (or the issues) out. */
export type ParamsParser<T> = (raw: RawParams) => Result<T>;

/**
 * How raw strings become values (emit/validators/params.ts makes them): `s` string, `i` integer, `n` number, `b`
 * boolean, `j` JSON; `i?`, `n?`, `b?` nullable, an empty value being null; arrays and objects of shapes (an
 * object's third item: the shape of the properties it doesn't name, from `additionalProperties`); `u` a union
 * whose members read differently; `e` a string enum that is a member of a union with an array member.
 *
 * A union's member is picked by what arrived, since a form or query value does not say its type: brackets
 * (`dob[day]=1`) read as its object member, or as its array member where the segment is an index; a repeated
 * key as its array member; one value as a boolean when it is `true`/`false` and a member is boolean, as a number
 * when it reads as one (an integer, for an integer member) and a member is a number, as null when it is empty,
 * no member is a string and one is nullable, as a string when a member is a string (or a string enum holding
 * it), else as the array member's one item when there is an array member, else as the string. So
 * `anyOf [integer, enum [""]]` reads `7` as 7 and `` as "", `oneOf [integer, string]` reads `7` as 7 (a client
 * that meant the string "7" can't say so in a form), `oneOf [string, array]` reads `a` as "a", and
 * `anyOf [array, enum [""]]` reads `a` as ["a"].
 *
 * With the opt-in representations, `t` (date-time) and `d` (date) read a valid date as a `Date` (`dates: "Date"`),
 * and `L` reads an integer as a `bigint`, exactly (`int64: "bigint"`); anything else stays the text, for the
 * validators to report. In a union, a valid date is a `Date` when a member is one, an integer a `bigint` when a
 * member is an int64.
 */
export type Shape =
  | "s" | "i" | "n" | "b" | "j" | "i?" | "n?" | "b?"
  | "t" | "d" | "L" | "t?" | "d?" | "L?"
  | readonly ["a", Shape]
  | readonly ["o", ReadonlyArray<readonly [string, Shape]>, other?: Shape]
  | readonly ["u", ReadonlyArray<Shape>]
  | readonly ["e", ReadonlyArray<string>];
export type ParamSpec = readonly [name: string, loc: "path" | "query" | "header" | "cookie", style: string, explode: boolean, shape: Shape];
export type ParamChecks = { readonly path: Check; readonly query: Check; readonly headers: Check; readonly cookies: Check };

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;

/** The member of a shape that reads an array (`a`) or an object (`o`): the shape itself, or a union's member. */
function member(shape: Shape, kind: "a" | "o"): Shape | undefined {
  if (!Array.isArray(shape)) return undefined;
  if (shape[0] === kind) return shape;
  if (shape[0] === "u") {
    for (const m of shape[1] as readonly Shape[]) {
      const found = member(m, kind);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** One value of a union shape, read by the rules on `Shape`; `undefined` when only its array member can read it. */
function unionScalar(raw: string, members: readonly Shape[]): unknown {
  const some = (...s: Shape[]) => members.some((m) => s.includes(m));
  if (raw === "") return !some("s") && some("i?", "n?", "b?", "t?", "d?", "L?") ? null : raw;
  if ((raw === "true" || raw === "false") && some("b", "b?")) return raw === "true";
  if (INTEGER.test(raw) && some("L", "L?")) return BigInt(raw);
  if ((some("t", "t?") && fmtDateTime(raw)) || (some("d", "d?") && fmtDate(raw))) return asDate(raw);
  if (INTEGER.test(raw) && some("i", "i?", "n", "n?")) return Number(raw);
  if (NUMBER.test(raw) && some("n", "n?")) return Number(raw);
  const object = members.find((m) => Array.isArray(m) && m[0] === "o");
  if (object !== undefined && raw.startsWith("{")) {
    const v = scalar(raw, object);
    if (v !== raw) return v;
  }
  if (some("j")) return scalar(raw, "j");
  if (members.some((m) => m === "s" || (Array.isArray(m) && m[0] === "e" && (m[1] as readonly string[]).includes(raw)))) return raw;
  return member(["u", members], "a") !== undefined ? undefined : raw;
}

/** Every value sent under one key (a form field, an exploded query parameter) read by its shape. */
function values<T>(all: readonly T[], shape: Shape, one: (x: T, shape: Shape) => unknown): unknown {
  const array = member(shape, "a");
  if (array === undefined) return one(all[0]!, shape);
  if (shape !== array && all.length === 1) {
    const x = all[0]!;
    const v = typeof x === "string" ? unionScalar(x, (shape as readonly ["u", ReadonlyArray<Shape>])[1]) : x;
    if (v !== undefined) return v;
  }
  return all.map((x) => one(x, array[1] as Shape));
}

function scalar(raw: string, shape: Shape): unknown {
  if (Array.isArray(shape)) {
    if (shape[0] === "u") {
      const v = unionScalar(raw, shape[1] as readonly Shape[]);
      return v !== undefined ? v : [scalar(raw, (member(shape, "a") as readonly ["a", Shape])[1])];
    }
    // An object sent as JSON text (a multipart part, or a client that writes objects so): read as JSON.
    if (shape[0] !== "o") return raw;
    try {
      const v: unknown = JSON.parse(raw);
      return v !== null && typeof v === "object" ? v : raw;
    } catch {
      return raw;
    }
  }
  switch (shape) {
    case "i?":
    case "n?":
    case "b?":
    case "t?":
    case "d?":
    case "L?":
      // A nullable number or boolean sent empty is null (what the client sends for a form field's null).
      return raw === "" ? null : scalar(raw, shape[0] as Shape);
    case "i":
    case "n":
      return NUMBER.test(raw.trim()) ? Number(raw) : raw;
    case "b":
      return raw === "true" ? true : raw === "false" ? false : raw;
    case "t":
      return fmtDateTime(raw) ? asDate(raw) : raw;
    case "d":
      return fmtDate(raw) ? asDate(raw) : raw;
    case "L":
      return INTEGER.test(raw.trim()) ? BigInt(raw) : raw;
    case "j":
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

/** A valid date's text as a `Date`; text JavaScript cannot represent (a leap second) stays text. */
function asDate(raw: string): Date | string {
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? raw : d;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The shapes of an object shape's properties, by name (a Map: a key "constructor" finds nothing inherited); of a
 * union, its object members' properties (the first member's shape of a name).
 */
function propertyShapes(shape: Shape): Properties {
  if (!Array.isArray(shape) || (shape[0] !== "o" && shape[0] !== "u")) return NO_PROPERTIES;
  let props = SHAPES.get(shape);
  if (props === undefined) {
    const named = new Map<string, Shape>();
    const objects = objectShapes(shape);
    for (const o of objects) for (const [k, v] of o[1]) if (!named.has(k)) named.set(k, v);
    SHAPES.set(shape, (props = { named, other: objects.find((o) => o[2] !== undefined)?.[2] ?? "s" }));
  }
  return props;
}
interface Properties {
  readonly named: ReadonlyMap<string, Shape>;
  readonly other: Shape;
}
const NO_PROPERTIES: Properties = { named: new Map(), other: "s" };
const SHAPES = new WeakMap<object, Properties>();

type ObjectShape = readonly ["o", ReadonlyArray<readonly [string, Shape]>, other?: Shape];

/** An object shape, or a union's object members. */
function objectShapes(shape: Shape): ObjectShape[] {
  if (!Array.isArray(shape)) return [];
  if (shape[0] === "o") return [shape as ObjectShape];
  return shape[0] === "u" ? (shape[1] as readonly Shape[]).flatMap(objectShapes) : [];
}

/** The shape of an object's property: named, else its other properties' (`additionalProperties`), else a string. */
function propertyShape(shape: Shape, key: string): Shape {
  const props = propertyShapes(shape);
  return props.named.get(key) ?? props.other;
}

function objectFrom(pairs: ReadonlyArray<readonly [string, string]>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) define(out, k, scalar(v, propertyShape(shape, k)));
  return out;
}

/** Splits a serialized value by style; `values` holds every occurrence of the parameter (repeated keys). */
function coerce(values: string[], style: string, explode: boolean, shape: Shape, header = false): unknown {
  const array = member(shape, "a");
  if (array !== undefined) {
    const item = array[1] as Shape;
    let parts: string[];
    if (style === "form" && explode) parts = values;
    else {
      const sep = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
      parts = (values[0] ?? "").split(sep);
      // A header list may have spaces after its commas (RFC 9110 §5.6.1), as Headers joins repeated lines.
      if (header) parts = parts.map((p) => p.trim());
      if (values[0] === "") parts = [];
    }
    // A union with an array member: one value may be another member's (`7`, ``).
    if (shape !== array && parts.length <= 1) {
      const v = unionScalar(values[0] ?? "", (shape as readonly ["u", ReadonlyArray<Shape>])[1]);
      if (v !== undefined) return v;
    }
    return parts.map((p) => scalar(p, item));
  }
  if (Array.isArray(shape) && shape[0] === "o") {
    const raw = values[0] ?? "";
    if (explode) {
      return objectFrom(raw.split(",").filter(Boolean).map((kv) => { const i = kv.indexOf("="); return [kv.slice(0, i), kv.slice(i + 1)] as const; }), shape);
    }
    const parts = raw.split(",");
    const pairs: Array<readonly [string, string]> = [];
    for (let i = 0; i + 1 < parts.length; i += 2) pairs.push([parts[i]!, parts[i + 1]!]);
    return objectFrom(pairs, shape);
  }
  return scalar(values[0] ?? "", shape);
}

/**
 * Path values may carry label (`.a.b`) or matrix (`;id=5`) prefixes. A label's dots separate the items of an
 * exploded array or object only: a scalar keeps its own (`.3.14` is 3.14).
 */
function pathValue(raw: string, name: string, style: string, explode: boolean, shape: Shape): string[] {
  if (style === "label") {
    const value = raw.replace(/^\./, "");
    return [explode && Array.isArray(shape) ? value.split(".").join(",") : value];
  }
  if (style === "matrix") {
    const parts = raw.split(";").filter(Boolean).map((p) => p.slice(p.indexOf("=") + 1));
    return [explode ? parts.join(",") : (parts[0] ?? "")];
  }
  void name;
  return [raw];
}

function searchParams(q: RawParams["query"]): URLSearchParams {
  if (q === undefined) return new URLSearchParams();
  if (typeof q === "string") return new URLSearchParams(q.startsWith("?") ? q.slice(1) : q);
  if (q instanceof URLSearchParams) return q;
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) out.append(k, x);
  }
  return out;
}

function header(h: RawParams["headers"], name: string): string | undefined {
  if (h === undefined) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(h as Record<string, string | string[] | undefined>)) {
    if (k.toLowerCase() === lower && v !== undefined) return Array.isArray(v) ? v.join(", ") : v;
  }
  return undefined;
}

function cookie(c: RawParams["cookies"], name: string): string | undefined {
  if (c === undefined) return undefined;
  if (typeof c !== "string") return has.call(c, name) ? c[name] : undefined;
  for (const part of c.split(";")) {
    const i = part.indexOf("=");
    if (i !== -1 && part.slice(0, i).trim() === name) {
      const v = part.slice(i + 1).trim();
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    }
  }
  return undefined;
}

/**
 * A form body's shape, and the properties its Encoding Object styles other than `form` exploded (`[name, style,
 * explode]`): what emit/validators gives `decodeForm` for such a form, in place of the shape alone.
 */
export type StyledForm = readonly ["styled", shape: Shape, styles: ReadonlyArray<readonly [name: string, style: string, explode: boolean]>];

/** What `decodeForm` reads a form body by: its shape, or its shape and styled properties. */
export type FormShape = Shape | StyledForm;

/**
 * A form body (`application/x-www-form-urlencoded` or `multipart/form-data`) as an object, values coerced by the
 * body schema's shape; repeated keys become arrays where the schema says array; files stay Blobs; a property its
 * Encoding Object styles otherwise read as a query parameter of that style (`a,b` unexploded; brackets for
 * deepObject are read as any brackets are).
 */
export function decodeForm(entries: URLSearchParams | FormData, form: unknown): Record<string, unknown> {
  const styled = Array.isArray(form) && form[0] === "styled" ? (form as unknown as StyledForm) : undefined;
  const shape: unknown = styled !== undefined ? styled[1] : form;
  const styles = styled !== undefined ? new Map(styled[2].map(([name, style, explode]) => [name, [style, explode] as const])) : undefined;
  // One pass over the entries, grouped by key (a body of 40,000 distinct keys must not cost a getAll each: that
  // was quadratic, seconds of event loop for a body under the size limit).
  const byKey = new Map<string, Array<string | Blob>>();
  entries.forEach((v, k) => {
    const all = byKey.get(k);
    if (all === undefined) byKey.set(k, [v as string | Blob]);
    else all.push(v as string | Blob);
  });
  const one = (x: string | Blob, sh: Shape): unknown => (typeof x === "string" ? scalar(x, sh) : x);
  const out: Record<string, unknown> = {};
  const nested: Array<readonly [string, string[], string | Blob]> = [];
  for (const [k, all] of byKey) {
    // `meta[k]=v`, `items[0][price]=p`: an object or array in brackets, put together below.
    const b = k.indexOf("[");
    if (b > 0 && k.endsWith("]")) {
      const path = k.slice(b + 1, -1).split("][");
      if (path.length <= MAX_BRACKETS) for (const x of all) nested.push([k.slice(0, b), path, x]);
      continue;
    }
    const style = styles?.get(k);
    if (style !== undefined && style[0] !== "deepObject" && all.every((x) => typeof x === "string")) {
      define(out, k, coerce(all as string[], style[0], style[1], propertyShape(shape as Shape, k)));
    } else define(out, k, values(all, propertyShape(shape as Shape, k), one));
  }
  for (const [top, path, x] of nested) place(out, top, path, x, propertyShape(shape as Shape, top));
  return out;
}

/** How deep brackets nest in a form key at most (`a[b][c]…`); deeper keys are left out. */
const MAX_BRACKETS = 32;

/**
 * Puts a bracketed form value in place: `path` are the bracket segments below `key` of `parent`; arrays where
 * the shape says array (a segment is an index, or "" to append), objects otherwise. An index past an array's end
 * is left out: `a[99999999]=x` must not make an array that long.
 */
function place(parent: Record<string, unknown> | unknown[], key: string | number, path: readonly string[], value: string | Blob, shape: Shape): void {
  const get = (): unknown => (Array.isArray(parent) ? parent[key as number] : has.call(parent, key) ? parent[key as string] : undefined);
  const set = (v: unknown): void => {
    if (Array.isArray(parent)) parent[key as number] = v;
    else define(parent, key as string, v);
  };
  if (path.length === 0) return set(typeof value === "string" ? scalar(value, shape) : value);
  const [seg, ...rest] = path as [string, ...string[]];
  // An array where the shape (or a union's member) is one and the segment an index, or where no object member is.
  const array = member(shape, "a");
  const object = member(shape, "o");
  const isArray = array !== undefined && (object === undefined || seg === "" || /^\d+$/.test(seg));
  shape = (isArray ? array : object) ?? shape;
  let child = get();
  if (child === null || typeof child !== "object" || Array.isArray(child) !== isArray) set((child = isArray ? [] : {}));
  if (Array.isArray(child)) {
    const index = seg === "" ? child.length : /^\d+$/.test(seg) ? Number(seg) : -1;
    if (index < 0 || index > child.length) return;
    return place(child, index, rest, value, shape[1] as Shape);
  }
  place(child as Record<string, unknown>, seg, rest, value, propertyShape(shape, seg));
}

/**
 * The runtime behind each operation's `parseParams`: coerce every declared parameter, then validate by location.
 * Typed `never`, which every `ParamsParser<P>` accepts: each operation states its own `P` (`as ParamsParser<P>`).
 */
export function params(specs: readonly ParamSpec[], checks: ParamChecks): ParamsParser<never> {
  return (raw: RawParams): Result<never> => {
    const query = searchParams(raw.query);
    const out = { path: {}, query: {}, headers: {}, cookies: {} } as Record<"path" | "query" | "headers" | "cookies", Record<string, unknown>>;
    for (const [name, loc, style, explode, shape] of specs) {
      let values: string[] | undefined;
      if (loc === "path") {
        const v = raw.path !== undefined && has.call(raw.path, name) ? raw.path[name] : undefined;
        values = v === undefined ? undefined : pathValue(v, name, style, explode, shape);
      } else if (loc === "query") {
        if (style === "deepObject") {
          // Brackets, nested as deep as the value (`name[k]=v`, `name[k][0][j]=v`, `name[]=a`, `name[0]=a`), put
          // together as decodeForm does; a value that is not an object (a scalar member of a union, or an array as
          // a client of another style sends it) comes as `name=value`.
          const holder: Record<string, unknown> = {};
          const prefix = name + "[";
          query.forEach((v, k) => {
            if (k.startsWith(prefix) && k.endsWith("]")) {
              const path = k.slice(prefix.length, -1).split("][");
              if (path.length <= MAX_BRACKETS) place(holder, name, path, v, shape);
            }
          });
          if (has.call(holder, name)) define(out.query, name, holder[name]);
          else if (query.has(name)) define(out.query, name, coerce(query.getAll(name), "form", true, shape));
          continue;
        }
        if (style === "form" && explode && Array.isArray(shape) && shape[0] === "o") {
          const pairs: Array<readonly [string, string]> = [];
          const props = propertyShapes(shape).named;
          query.forEach((v, k) => {
            if (props.has(k)) pairs.push([k, v]);
          });
          if (pairs.length > 0) define(out.query, name, objectFrom(pairs, shape));
          continue;
        }
        const all = query.getAll(name);
        values = all.length === 0 ? undefined : all;
      } else if (loc === "header") {
        const v = header(raw.headers, name);
        values = v === undefined ? undefined : [v];
      } else {
        const v = cookie(raw.cookies, name);
        values = v === undefined ? undefined : [v];
      }
      if (values === undefined) continue;
      define(out[loc === "header" ? "headers" : loc === "cookie" ? "cookies" : loc], name, coerce(values, style, explode, shape, loc === "header"));
    }
    const o = { issues: [] as Issue[], n: 0 };
    for (const key of ["path", "query", "headers", "cookies"] as const) {
      if (!checks[key](out[key], "", null)) checks[key](out[key], "/" + key, o);
    }
    return o.n === 0 ? { ok: true, value: out as never } : { ok: false, issues: o.issues };
  };
}
