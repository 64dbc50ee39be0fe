/**
 * A string that matches a regular expression (`pattern`), for the subset API specs use:
 * - literal characters and escapes (`\.`, `\n`, `\t`, `\xHH`, `\uHHHH`, `\u{H…}`), `.`;
 * - character classes: ranges, negation, `\d \w \s \D \W \S` inside and outside them;
 * - groups: capturing, non-capturing `(?:…)` and named `(?<name>…)`; alternation (the first alternative that fits);
 * - quantifiers `* + ? {n} {n,} {n,m}`, greedy or lazy: the fewest repetitions, more while the string is shorter
 *   than `minLength`;
 * - anchors `^ $ \b \B` (they write nothing).
 * Anything else (lookahead and lookbehind, backreferences, `\p{…}` property escapes, `\c` controls) is
 * `unsupported`: the caller reports it (SF4101) and writes a plain string, which the pattern may then reject.
 */
export type PatternResult = { ok: true; value: string } | { ok: false; reason: string };

export function stringForPattern(pattern: string, minLength = 0, maxLength = Infinity, pick = 0): PatternResult {
  let tree: Alt;
  try {
    tree = new Parser(pattern).parse();
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  // Each round allows one more repetition of every unbounded or ranged quantifier, up to what minLength needs.
  const rounds = Math.min(Math.max(minLength, 1), 256);
  for (let extra = 0; extra <= rounds; extra++) {
    let written: Out;
    try {
      written = write(tree, extra, pick);
    } catch (e) {
      return { ok: false, reason: (e as Error).message };
    }
    let out = written.s;
    // A pattern is a search: without `$` (or `^`) the string may go on after (or start before) the match.
    const short = minLength - [...out].length;
    if (short > 0 && extra === rounds) {
      if (!written.ended) out += 'x'.repeat(short);
      else if (!written.started) out = 'x'.repeat(short) + out;
    }
    const length = [...out].length;
    if (length >= minLength && length <= maxLength) return { ok: true, value: out };
    if (length > maxLength) break;
  }
  return { ok: false, reason: `no string of ${minLength}–${maxLength} characters found` };
}

type Node =
  | { t: 'char'; c: string }
  | { t: 'class'; ranges: Array<[number, number]>; negated: boolean }
  | { t: 'empty' }
  | { t: 'start' }
  | { t: 'end' }
  | { t: 'group'; alt: Alt }
  | { t: 'repeat'; node: Node; min: number; max: number };
type Alt = Node[][];

const CLASS_ESCAPES: Record<string, Array<[number, number]>> = {
  d: [[48, 57]],
  w: [
    [97, 122],
    [65, 90],
    [48, 57],
    [95, 95],
  ],
  s: [
    [32, 32],
    [9, 13],
  ],
};
const CONTROL_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Alt {
    const alt = this.alternation();
    if (this.i < this.src.length) throw new Error(`unexpected '${this.src[this.i]}'`);
    return alt;
  }

  private alternation(): Alt {
    const alts: Alt = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Node[] {
    const out: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      out.push(this.quantified(atom));
    }
    return out;
  }

  private atom(): Node {
    const c = this.src[this.i++]!;
    if (c === '^') return { t: 'start' };
    if (c === '$') return { t: 'end' };
    if (c === '.') return { t: 'char', c: 'a' };
    if (c === '(') {
      if (this.src[this.i] === '?') {
        if (this.src.startsWith('?:', this.i)) this.i += 2;
        else if (this.src.startsWith('?<', this.i) && this.src[this.i + 2] !== '=' && this.src[this.i + 2] !== '!') {
          const end = this.src.indexOf('>', this.i);
          if (end === -1) throw new Error('unclosed group name');
          this.i = end + 1;
        } else throw new Error('lookaround is not supported');
      }
      const alt = this.alternation();
      if (this.src[this.i++] !== ')') throw new Error('unclosed group');
      return { t: 'group', alt };
    }
    if (c === '[') return this.charClass();
    if (c === '\\') {
      const e = this.src[this.i]!;
      if (e === 'b' || e === 'B') {
        this.i++;
        return { t: 'empty' };
      }
      if (e !== undefined && e in CLASS_ESCAPES) {
        this.i++;
        return { t: 'class', ranges: CLASS_ESCAPES[e]!, negated: false };
      }
      if (e !== undefined && e.toLowerCase() in CLASS_ESCAPES && e !== e.toLowerCase()) {
        this.i++;
        return { t: 'class', ranges: CLASS_ESCAPES[e.toLowerCase()]!, negated: true };
      }
      return { t: 'char', c: this.escape() };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') throw new Error(`unexpected '${c}'`);
    if (c === '{' && /^\d+(,\d*)?\}/.test(this.src.slice(this.i))) throw new Error("unexpected '{'");
    // A character outside the BMP is one atom (the u flag reads code points).
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return { t: 'char', c: String.fromCodePoint(cp) };
  }

  /** The character an escape after "\" stands for (not a class escape). */
  private escape(): string {
    const e = this.src[this.i++];
    if (e === undefined) throw new Error('trailing backslash');
    if (e in CONTROL_ESCAPES && !(e === '0' && /\d/.test(this.src[this.i] ?? ''))) return CONTROL_ESCAPES[e]!;
    if (/[1-9k]/.test(e)) throw new Error('backreferences are not supported');
    if (e === 'p' || e === 'P') throw new Error('Unicode property escapes are not supported');
    if (e === 'c') throw new Error('control escapes are not supported');
    if (e === 'x') return this.hex(2);
    if (e === 'u') {
      if (this.src[this.i] === '{') {
        const end = this.src.indexOf('}', this.i);
        const cp = parseInt(this.src.slice(this.i + 1, end), 16);
        if (end === -1 || !Number.isFinite(cp) || cp > 0x10ffff) throw new Error('bad \\u{…} escape');
        this.i = end + 1;
        return String.fromCodePoint(cp);
      }
      return this.hex(4);
    }
    return e;
  }

  private hex(n: number): string {
    const digits = this.src.slice(this.i, this.i + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error('bad hex escape');
    this.i += n;
    return String.fromCharCode(parseInt(digits, 16));
  }

  private charClass(): Node {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    const ranges: Array<[number, number]> = [];
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      let lo: number;
      if (this.src[this.i] === '\\') {
        this.i++;
        const e = this.src[this.i]!;
        if (e in CLASS_ESCAPES) {
          this.i++;
          ranges.push(...CLASS_ESCAPES[e]!);
          continue;
        }
        if (e.toLowerCase() in CLASS_ESCAPES && e !== e.toLowerCase()) throw new Error('negated class escapes inside a class are not supported');
        if (e === 'b') {
          this.i++;
          lo = 8;
        } else lo = this.escape().codePointAt(0)!;
      } else {
        lo = this.src.codePointAt(this.i)!;
        this.i += lo > 0xffff ? 2 : 1;
      }
      if (this.src[this.i] === '-' && this.i + 1 < this.src.length && this.src[this.i + 1] !== ']') {
        this.i++;
        let hi: number;
        if (this.src[this.i] === '\\') {
          this.i++;
          hi = this.escape().codePointAt(0)!;
        } else {
          hi = this.src.codePointAt(this.i)!;
          this.i += hi > 0xffff ? 2 : 1;
        }
        if (hi < lo) throw new Error('range out of order');
        ranges.push([lo, hi]);
      } else ranges.push([lo, lo]);
    }
    if (this.src[this.i++] !== ']') throw new Error('unclosed class');
    if (!negated && ranges.length === 0) throw new Error('empty class');
    return { t: 'class', ranges, negated };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = 1;
    let max = 1;
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return node;
      this.i += m[0].length - 1;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new Error('quantifier out of order');
    } else return node;
    this.i++;
    if (this.src[this.i] === '?') this.i++; // lazy: the same strings match
    if (node.t === 'empty' || node.t === 'start' || node.t === 'end') return node;
    return { t: 'repeat', node, min, max };
  }
}

/** Characters tried, in order, for a negated class. */
const OUTSIDE = 'aA0x-_ .z9Z';

function classChar(ranges: Array<[number, number]>, negated: boolean, pick: number): string {
  if (negated) {
    for (const c of OUTSIDE) {
      const code = c.charCodeAt(0);
      if (!ranges.some(([lo, hi]) => code >= lo && code <= hi)) return c;
    }
    throw new Error('no character outside the class');
  }
  // A letter or digit when the class has one (easier to read), varied by `pick` within its range.
  const readable = ranges.find(([lo, hi]) => hi >= 48 && lo <= 122) ?? ranges[0]!;
  const [lo, hi] = readable;
  const span = Math.min(hi - lo + 1, 26);
  let code = lo + (pick % span);
  // Keep to printable ASCII when the range allows it.
  if (code < 48 && hi >= 48) code = Math.max(lo, 48);
  return String.fromCodePoint(code);
}

/** The string so far, and whether `$` has been passed (nothing may follow it). */
interface Out {
  s: string;
  ended: boolean;
  /** Whether a `^` was met. */
  started: boolean;
}

function write(tree: Alt, extra: number, pick: number): Out {
  const out: Out = { s: '', ended: false, started: false };
  writeAlt(tree, extra, pick, out);
  return out;
}

function writeAlt(alt: Alt, extra: number, pick: number, out: Out): void {
  // The first alternative whose anchors hold; `extra` repetitions are spread over every open quantifier.
  let last: Error | undefined;
  for (const seq of alt) {
    const saved = { ...out };
    try {
      for (const node of seq) writeNode(node, extra, pick, out);
      return;
    } catch (e) {
      last = e as Error;
      Object.assign(out, saved);
    }
  }
  throw last ?? new Error('no alternative');
}

function put(out: Out, c: string): void {
  if (out.ended) throw new Error('characters after $');
  out.s += c;
}

function writeNode(node: Node, extra: number, pick: number, out: Out): void {
  switch (node.t) {
    case 'char':
      return put(out, node.c);
    case 'empty':
      return;
    case 'start':
      if (out.s !== '') throw new Error('^ after characters');
      out.started = true;
      return;
    case 'end':
      out.ended = true;
      return;
    case 'class':
      return put(out, classChar(node.ranges, node.negated, pick));
    case 'group':
      return writeAlt(node.alt, extra, pick, out);
    case 'repeat': {
      const n = node.max > node.min ? Math.min(node.max, node.min + extra) : node.min;
      for (let k = 0; k < n; k++) writeNode(node.node, extra, pick + k, out);
      return;
    }
  }
}
