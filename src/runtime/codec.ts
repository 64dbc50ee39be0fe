/**
 * Dates and 64-bit integers in JSON bodies, for the opt-in representations (`dates: "Date"`, `int64: "bigint"`).
 * JSON has strings and numbers only: a generated descriptor says, as data (a `Codec` per schema), where a body
 * holds a `date-time` ("t"), a `date` ("d") or an `int64` ("i"), and these functions turn what was read into
 * `Date`s and `bigint`s (`decode`) and what is sent back into JSON's text (`encode`). Only the descriptors of
 * operations that hold such values name them, so an app that calls no such operation bundles none of this.
 */
import { fmtDate, fmtDateTime } from "./formats.js";
import { mayHoldUnsafe, parseJson, stringifyJson } from "./json.js";

/**
 * Where a value holds dates or int64s: `"t"` a date-time, `"d"` a date (a day), `"i"` an int64;
 * `["o", properties, additional?]` an object (each `[name, codec]`, and the codec of other properties);
 * `["a", items, prefix?]` an array (`0`: no codec there); `["m", members, guards?]` the members of a union or
 * intersection, each applied where it fits: to an object only when it passes the member's guard, since otherwise
 * it is not that member (a guard: `0` none; a list of the properties the member requires, which the object must
 * have; `[0, property, tags]`, a discriminator's tags of the member, one of which the object's property must
 * hold when it holds text); a function returns a named schema's codec (so that recursive schemas are finite data).
 */
export type Codec =
  | "t"
  | "d"
  | "i"
  | readonly ["o", ReadonlyArray<readonly [name: string, codec: Codec]>, Codec?]
  | readonly ["a", Codec | 0, ReadonlyArray<Codec | 0>?]
  | readonly ["m", readonly Codec[], ReadonlyArray<Guard>?]
  | (() => Codec);

/** Whether an object can be a union's member (see `Codec`): none, required properties, or a discriminator's tags. */
export type Guard = 0 | ReadonlyArray<string> | readonly [0, property: string, tags: ReadonlyArray<string>];

/** What a descriptor names to read and write the bodies its codecs describe. */
export interface Codecs {
  /** A JSON body's text to its value, dates and int64s as the codec says (none: plain JSON). Throws on text that is not JSON. */
  read(text: string, codec: Codec | undefined): unknown;
  /** A value to JSON's text, a `date` as its day and (int64s) a bigint as its digits. */
  write(value: unknown, codec: Codec | undefined): string | undefined;
  /** A value's `date`s as their days (a form's or multipart body's, before its encoder). */
  encode(value: unknown, codec: Codec): unknown;
  /** A value already read (the mocks' examples) with its dates and int64s as the codec says, in place. */
  decode(value: unknown, codec: Codec): unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);
}

/** Sets an own property as data: a "__proto__" key of parsed JSON stays a key (assignment would set the prototype). */
function put(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * A value read from JSON with its dates as `Date`s and its int64s as `bigint`s, changed in place (it is the
 * reader's own copy). Only text that is a valid date (RFC 3339, as the validators check it) becomes a `Date`, and
 * only an integer becomes a `bigint`: anything else stays as it was, for the validators to report. A union's
 * members are each applied where they fit, so a union whose members disagree about one property (a date in one,
 * any string in the other) takes a valid date there as a `Date`; an object that lacks a property a member
 * requires is not that member, and that member's codec is not applied to it.
 */
export function decode(value: unknown, codec: Codec): unknown {
  if (typeof codec === "function") return decode(value, codec());
  if (codec === "t") return typeof value === "string" && fmtDateTime(value) ? asDate(value) : value;
  if (codec === "d") return typeof value === "string" && fmtDate(value) ? asDate(value) : value;
  if (codec === "i") return typeof value === "number" && Number.isInteger(value) ? BigInt(value) : value;
  switch (codec[0]) {
    case "o": {
      if (!isRecord(value)) return value;
      const [, props, rest] = codec;
      for (const [name, c] of props) {
        if (!Object.prototype.hasOwnProperty.call(value, name)) continue;
        const before = value[name];
        const after = decode(before, c);
        if (after !== before) put(value, name, after);
      }
      if (rest !== undefined) {
        const known = new Set(props.map(([name]) => name));
        for (const name of Object.keys(value)) {
          if (known.has(name)) continue;
          const before = value[name];
          const after = decode(before, rest);
          if (after !== before) put(value, name, after);
        }
      }
      return value;
    }
    case "a": {
      if (!Array.isArray(value)) return value;
      const [, items, prefix = []] = codec;
      for (let i = 0; i < value.length; i++) {
        const c = i < prefix.length ? prefix[i]! : items;
        if (c !== 0) value[i] = decode(value[i], c);
      }
      return value;
    }
    case "m": {
      const [, members, requires] = codec;
      let v = value;
      for (let i = 0; i < members.length; i++) if (fits(value, requires?.[i])) v = decode(v, members[i]!);
      return v;
    }
  }
}

/**
 * Whether a union's member can be the value: an object must hold one of the member's discriminator tags (when the
 * object's property is text: else the validators say what is wrong), or have every property the member requires.
 */
function fits(value: unknown, guard: Guard | undefined): boolean {
  if (guard === undefined || guard === 0 || !isRecord(value)) return true;
  if (guard[0] === 0) {
    const [, property, tags] = guard as readonly [0, string, ReadonlyArray<string>];
    const tag = Object.prototype.hasOwnProperty.call(value, property) ? value[property] : undefined;
    return typeof tag !== "string" || tags.includes(tag);
  }
  for (const name of guard as ReadonlyArray<string>) if (!Object.prototype.hasOwnProperty.call(value, name)) return false;
  return true;
}

/** A valid date's text as a `Date`; text JavaScript cannot represent (a leap second, `23:59:60`) stays text. */
function asDate(text: string): Date | string {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d;
}

/**
 * A value to send with its `date`s (days) as text, `2024-02-29` (UTC): JSON's own text of a `Date` is the full
 * date-time, which a `date` field refuses. Date-times and bigints are left to the writer (`Date.prototype.toJSON`,
 * `stringifyJson`, a form's text). The value is the caller's: what changes is copied, the rest shared.
 */
export function encode(value: unknown, codec: Codec): unknown {
  if (typeof codec === "function") return encode(value, codec());
  if (codec === "d") return value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  if (codec === "t" || codec === "i") return value;
  switch (codec[0]) {
    case "o": {
      if (!isRecord(value)) return value;
      const [, props, rest] = codec;
      let out: Record<string, unknown> | undefined;
      const each = (name: string, c: Codec) => {
        const before = value[name];
        const after = encode(before, c);
        if (after === before) return;
        // A copy of own properties as data: a "__proto__" key stays one.
        out ??= Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
        put(out, name, after);
      };
      for (const [name, c] of props) if (Object.prototype.hasOwnProperty.call(value, name)) each(name, c);
      if (rest !== undefined) {
        const known = new Set(props.map(([name]) => name));
        for (const name of Object.keys(value)) if (!known.has(name)) each(name, rest);
      }
      return out ?? value;
    }
    case "a": {
      if (!Array.isArray(value)) return value;
      const [, items, prefix = []] = codec;
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const c = i < prefix.length ? prefix[i]! : items;
        if (c === 0) continue;
        const after = encode(value[i], c);
        if (after === value[i]) continue;
        out ??= value.slice();
        out[i] = after;
      }
      return out ?? value;
    }
    case "m": {
      const [, members, requires] = codec;
      let v = value;
      for (let i = 0; i < members.length; i++) if (fits(value, requires?.[i])) v = encode(v, members[i]!);
      return v;
    }
  }
}

/** Dates (`dates: "Date"`): what descriptors name for bodies that hold dates. */
export const dateCodecs: Codecs = {
  read: (text, codec) => (codec === undefined ? JSON.parse(text) : decode(JSON.parse(text), codec)),
  write: (value, codec) => JSON.stringify(codec === undefined ? value : encode(value, codec)),
  encode,
  decode,
};

/**
 * 64-bit integers (`int64: "bigint"`, dates too when chosen): JSON read and written without losing precision.
 * An integer too big for a number where the codec says no int64 (a `number` of 1e20, written so) is the number
 * `JSON.parse` would have made: only an int64 is a bigint.
 */
export const bigintCodecs: Codecs = {
  read: (text, codec) => {
    const value = numbersBack(parseJson(text), codec, mayHoldUnsafe(text));
    return codec === undefined ? value : decode(value, codec);
  },
  write: (value, codec) => stringifyJson(codec === undefined ? value : encode(value, codec)),
  encode,
  decode,
};

/**
 * `value` with every bigint the codec does not place at an int64 made a number (walked only when the text had a
 * digit run that could be one: `big`). Returns the value; objects and arrays are changed in place.
 */
function numbersBack(value: unknown, codec: Codec | undefined, big: boolean): unknown {
  if (!big) return value;
  if (typeof value === "bigint") return holdsInt64(codec) ? value : Number(value);
  if (value === null || typeof value !== "object") return value;
  codec = fitting(codec, value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = numbersBack(value[i], childCodec(codec, i), true);
  } else {
    const o = value as Record<string, unknown>;
    for (const key of Object.keys(o)) {
      const before = o[key];
      const after = numbersBack(before, childCodec(codec, key), true);
      if (after !== before) put(o, key, after);
    }
  }
  return value;
}

/** A codec with its union's members narrowed to those the value can be (what each requires, as `decode` does). */
function fitting(codec: Codec | undefined, value: unknown): Codec | undefined {
  if (codec === undefined || typeof codec === "string") return codec;
  if (typeof codec === "function") return fitting(codec(), value);
  if (codec[0] !== "m") return codec;
  const [, members, requires] = codec;
  const kept: Codec[] = [];
  for (let i = 0; i < members.length; i++) {
    const c = fits(value, requires?.[i]) ? fitting(members[i], value) : undefined;
    if (c !== undefined) kept.push(c);
  }
  return kept.length === 0 ? undefined : kept.length === 1 ? kept[0] : ["m", kept];
}

/** Whether a codec says int64 here (itself, or one of its members). */
function holdsInt64(codec: Codec | undefined): boolean {
  if (codec === undefined) return false;
  if (typeof codec === "function") return holdsInt64(codec());
  if (codec === "i") return true;
  return typeof codec !== "string" && codec[0] === "m" && codec[1].some(holdsInt64);
}

/** The codec of an array's item `i` or an object's property `key` (its members' together), if any. */
function childCodec(codec: Codec | undefined, at: number | string): Codec | undefined {
  if (codec === undefined || typeof codec === "string") return undefined;
  if (typeof codec === "function") return childCodec(codec(), at);
  switch (codec[0]) {
    case "o": {
      if (typeof at !== "string") return undefined;
      const named = codec[1].find(([name]) => name === at);
      return named !== undefined ? named[1] : codec[2];
    }
    case "a": {
      if (typeof at !== "number") return undefined;
      const prefix = codec[2] ?? [];
      const c = at < prefix.length ? prefix[at]! : codec[1];
      return c === 0 ? undefined : c;
    }
    case "m": {
      const members = codec[1].map((m) => childCodec(m, at)).filter((c): c is Codec => c !== undefined);
      return members.length === 0 ? undefined : members.length === 1 ? members[0] : ["m", members];
    }
  }
}
