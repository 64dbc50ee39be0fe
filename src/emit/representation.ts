import type { SchemaNode } from '../ir/types.js';

/**
 * How the generated code represents values JSON has no type for, chosen by the user (`dates`, `int64`): the
 * API's data is the same either way, so this is an emit setting, not part of the IR.
 * - `dates: "Date"`: a `date` or `date-time` string is a `Date` in the types, the client's answers and the
 *   server's requests (revived), and the validators (which then check for a valid `Date`); default `"string"`.
 * - `int64: "bigint"`: an integer of format `int64` is a `bigint`, read and written without losing precision;
 *   default `"number"` (checked within JavaScript's exact range).
 */
export interface Representation {
  dates: 'string' | 'Date';
  int64: 'number' | 'bigint';
}

export const DEFAULT_REPRESENTATION: Readonly<Representation> = Object.freeze({ dates: 'string', int64: 'number' });

/** The representation options with their defaults filled in. */
export function representationOf(options: { dates?: Representation['dates'] | undefined; int64?: Representation['int64'] | undefined }): Representation {
  return { dates: options.dates ?? 'string', int64: options.int64 ?? 'number' };
}

/** A short stable text of a representation (for cache keys): `""` for the default. */
export function representationKey(r: Representation): string {
  return r.dates === 'string' && r.int64 === 'number' ? '' : `${r.dates}/${r.int64}`;
}

/**
 * The format of a node the representation makes a `Date`: a string of format `date` or `date-time` with a
 * declared `type` (a schema without `type` also takes values of other types: it stays as it is).
 */
export function dateFormat(node: SchemaNode, r: Representation): 'date' | 'date-time' | undefined {
  if (r.dates !== 'Date' || node.kind !== 'string' || node.typeImplied) return undefined;
  return node.format === 'date' || node.format === 'date-time' ? node.format : undefined;
}

/** Whether the representation makes a node a `bigint`: an integer of format `int64` with a declared `type`. */
export function isBigint(node: SchemaNode, r: Representation): boolean {
  return r.int64 === 'bigint' && node.kind === 'number' && node.integer === true && node.format === 'int64' && !node.typeImplied;
}
