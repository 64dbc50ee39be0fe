/**
 * Re-parsing a JSON document after a small edit, without parsing all of it again: the part of the old bytes
 * that changed is found (the longest common prefix and suffix, compared natively), and the smallest object or
 * array of the old text that holds all of it is parsed again from the new bytes and put in place of the old
 * value. Everything else of the old document is kept (the same objects), which is what lets the later stages
 * reuse their work for it. Only the changed value is decoded from UTF-8 (decoding all of a 13 MB file takes
 * 40 ms); positions are byte offsets (JSON's structure is ASCII, which UTF-8 never uses inside a character).
 *
 * The containers of the text (objects and arrays, down to `MAX_DEPTH`) are indexed by position, once per text;
 * after a splice the index is updated, not rebuilt: the positions after the edit shift, the replaced
 * container's are scanned again.
 */

/** Containers deeper than this are not indexed (an edit deep inside one re-parses its nearest indexed ancestor). */
const MAX_DEPTH = 6;

/**
 * The objects and arrays of a text, sorted by start, in parallel arrays (shifting tens of thousands of
 * positions after an edit is then a loop over numbers): where each starts and ends (one past its closing
 * bracket), its depth, its parent (an index, -1 for the root) and its key or index in the parent.
 */
interface ContainerIndex {
  start: Int32Array;
  end: Int32Array;
  depth: Uint8Array;
  parent: Int32Array;
  key: Array<string | number>;
}

/** A parsed JSON text (as UTF-8 bytes, without a byte order mark) with the index of its containers. */
export interface JsonState {
  bytes: Uint8Array;
  value: unknown;
  /** Built on first use. */
  index?: ContainerIndex;
}

export interface Splice {
  /** The new document: the old one with the changed container replaced (its ancestors copied). */
  value: unknown;
  /** Path of the replaced value ([] for the whole document). */
  path: ReadonlyArray<string | number>;
  /** The replaced value's new text. */
  valueText: string;
  /** State for the next edit. */
  state: JsonState;
}

/**
 * The new document after an edit of `previous.text` into `text`, or undefined when the edit cannot be spliced
 * (the new text of the changed container is not valid JSON, or the change reaches the root container): the
 * caller parses the whole text then (and reports its syntax error).
 */
export function spliceJson(previous: JsonState, bytes: Uint8Array): Splice | undefined {
  const old = previous.bytes;
  const prefix = commonPrefix(old, bytes);
  if (prefix === old.length && prefix === bytes.length) return { value: previous.value, path: [], valueText: '', state: previous };
  const suffix = commonSuffix(old, bytes, Math.min(old.length, bytes.length) - prefix);
  const changedEnd = old.length - suffix; // old bytes [prefix, changedEnd) became new bytes [prefix, bytes.length - suffix)
  prepareIndex(previous);
  const index = previous.index!;
  const t = innermost(index, prefix, changedEnd);
  if (t < 0 || index.depth[t] === 0) return undefined;
  const delta = bytes.length - old.length;
  const tStart = index.start[t]!;
  const tEnd = index.end[t]!;
  const valueText = UTF8.decode(bytes.subarray(tStart, tEnd + delta));
  let fresh: unknown;
  try {
    fresh = JSON.parse(valueText);
  } catch {
    return undefined;
  }
  const path = pathOf(index, t);
  const value = replaceAt(previous.value, path, fresh);
  if (value === undefined) return undefined;
  return { value, path, valueText, state: { bytes, value, index: updated(index, t, bytes, delta) } };
}

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Builds the index of a state's text now, if it has none (so that the next splice does not wait for it). */
export function prepareIndex(state: JsonState): void {
  state.index ??= toIndex(scan(state.bytes, 0, state.bytes.length, 0, -1, ''));
}

/** The index after the container `t` was re-parsed from `text` (grown by `delta`). */
function updated(index: ContainerIndex, t: number, bytes: Uint8Array, delta: number): ContainerIndex {
  const n = index.start.length;
  const tEnd = index.end[t]!;
  // The old container and its descendants: t, then every entry that starts before it ends.
  let last = t;
  while (last + 1 < n && index.start[last + 1]! < tEnd) last++;
  const fresh = scan(bytes, index.start[t]!, tEnd + delta, index.depth[t]!, index.parent[t]!, index.key[t]!);
  const size = n - (last - t + 1) + fresh.length;
  const diff = fresh.length - (last - t + 1);
  const out: ContainerIndex = { start: new Int32Array(size), end: new Int32Array(size), depth: new Uint8Array(size), parent: new Int32Array(size), key: new Array(size) };
  let j = 0;
  for (let i = 0; i < t; i++, j++) {
    out.start[j] = index.start[i]!;
    // Before the container: its ancestors end after it (and move with the edit), the others end before it.
    out.end[j] = index.end[i]! >= tEnd ? index.end[i]! + delta : index.end[i]!;
    out.depth[j] = index.depth[i]!;
    out.parent[j] = index.parent[i]!;
    out.key[j] = index.key[i]!;
  }
  for (const c of fresh) {
    out.start[j] = c.start;
    out.end[j] = c.end;
    out.depth[j] = c.depth;
    // The new container's parent is its old parent (before t); a descendant's is counted from t.
    out.parent[j] = c.parent < 0 || j === t ? c.parent : c.parent + t;
    out.key[j] = c.key;
    j++;
  }
  for (let i = last + 1; i < n; i++, j++) {
    out.start[j] = index.start[i]! + delta;
    out.end[j] = index.end[i]! + delta;
    out.depth[j] = index.depth[i]!;
    const p = index.parent[i]!;
    out.parent[j] = p < t ? p : p + diff;
    out.key[j] = index.key[i]!;
  }
  return out;
}

/** The deepest container whose brackets are both outside the changed range [from, to); -1 when none. */
function innermost(index: ContainerIndex, from: number, to: number): number {
  // The containers starting before `from`, latest first: the first that also ends after the change is the
  // innermost one holding it (an earlier one holding it too would hold this one: containers nest).
  let lo = 0;
  let hi = index.start.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.start[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) if (index.end[i]! - 1 >= to) return i;
  return -1;
}

function pathOf(index: ContainerIndex, i: number): Array<string | number> {
  const path: Array<string | number> = [];
  for (let c = i; index.parent[c]! >= 0; c = index.parent[c]!) path.push(index.key[c]!);
  return path.reverse();
}

/** The document with the value at `path` replaced, every ancestor copied (key order kept); undefined if absent. */
function replaceAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root) && typeof head === 'number' && head < root.length) {
    const child = replaceAt(root[head], rest, value);
    if (child === undefined) return undefined;
    const copy = root.slice();
    copy[head] = child;
    return copy;
  }
  if (root !== null && typeof root === 'object' && !Array.isArray(root) && typeof head === 'string' && Object.prototype.hasOwnProperty.call(root, head)) {
    const child = replaceAt((root as Record<string, unknown>)[head], rest, value);
    if (child === undefined) return undefined;
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(root)) {
      // defineProperty, not assignment: a key "__proto__" stays a key.
      Object.defineProperty(copy, k, { value: k === head ? child : (root as Record<string, unknown>)[k], writable: true, enumerable: true, configurable: true });
    }
    return copy;
  }
  return undefined;
}

interface Scanned {
  start: number;
  end: number;
  depth: number;
  /** Index in the scan's own output, or (for its first entry) the parent given to `scan`. */
  parent: number;
  key: string | number;
}

/**
 * The containers of the value that starts at `from` in `bytes` (and ends before `to`; at `depth`, with `parent`
 * and `key` for its own entry), down to MAX_DEPTH, sorted by start. The text is known to be valid JSON.
 */
function scan(bytes: Uint8Array, from: number, to: number, depth: number, parent: number, key: string | number): Scanned[] {
  const out: Scanned[] = [];
  // One frame per open container: its entry (-1 when too deep to index), array or object, next index, last key.
  const frames: Array<{ entry: number; array: boolean; index: number; key: string }> = [];
  let expectKey = false;
  let i = from;
  while (i < to) {
    const c = bytes[i]!;
    if (c === 0x22) {
      const start = i;
      let escaped = false;
      for (i++; i < to; i++) {
        const d = bytes[i]!;
        if (d === 0x5c) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      i++;
      if (expectKey) {
        const raw = UTF8.decode(bytes.subarray(start + 1, i - 1));
        frames[frames.length - 1]!.key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        expectKey = false;
      }
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      const d = depth + frames.length;
      const top = frames[frames.length - 1];
      let entry = -1;
      if (d <= MAX_DEPTH) {
        entry = out.length;
        out.push({ start: i, end: -1, depth: d, parent: top ? top.entry : parent, key: top ? (top.array ? top.index : top.key) : key });
      }
      frames.push({ entry, array: c === 0x5b, index: 0, key: '' });
      expectKey = c === 0x7b;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      const f = frames.pop()!;
      if (f.entry >= 0) out[f.entry]!.end = i + 1;
      expectKey = false;
      i++;
      if (frames.length === 0) break;
      continue;
    }
    if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top?.array) top.index++;
      else if (top) expectKey = true;
    }
    i++;
  }
  return out;
}

function toIndex(entries: Scanned[]): ContainerIndex {
  const n = entries.length;
  const index: ContainerIndex = { start: new Int32Array(n), end: new Int32Array(n), depth: new Uint8Array(n), parent: new Int32Array(n), key: new Array(n) };
  entries.forEach((e, i) => {
    index.start[i] = e.start;
    index.end[i] = e.end;
    index.depth[i] = e.depth;
    index.parent[i] = e.parent;
    index.key[i] = e.key;
  });
  return index;
}

/** Length of the longest common prefix (a binary search over native comparisons). */
function commonPrefix(a: Uint8Array, b: Uint8Array): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (Buffer.compare(a.subarray(lo, mid), b.subarray(lo, mid)) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Length of the longest common suffix, at most `max`. */
function commonSuffix(a: Uint8Array, b: Uint8Array, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (Buffer.compare(a.subarray(a.length - mid, a.length - lo), b.subarray(b.length - mid, b.length - lo)) === 0) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
