import type { SchemaNode } from '../../ir/types.js';
import { stringLiteral as lit, withoutStringLiterals } from '../printers/literal.js';
import { reads, type Local } from './js-code.js';

// The pieces check functions are made of: a check as an expression (`Check`) and how checks combine, the place
// a check reports at (`Site`), the statements of one function (`Body`), and the function's text (`assemble`).

/**
 * A check as an expression: true when the caller must answer "no" at once (a failure in yes/no mode); every
 * failure is recorded in `o` when collecting, and the expression is then false. `prec` is the precedence of
 * its top operator, so that combining checks adds only the parentheses needed.
 */
export interface Check {
  code: string;
  prec: 'atom' | 'and' | 'or' | 'cond';
}

/** Where the value being checked sits. */
export interface Site {
  /** Its JSON pointer, as code (`p`, `p + "/0"`, `kp`). */
  path: string;
  /**
   * Set for an object's property whose schema is written inline at `<s>/properties/<name>` of the function's
   * own schema: then failures are reported with the short helpers `$.tp`/`$.fp`, which build the property's
   * path and schema pointer from `p`, `s` and its name.
   */
  prop?: { name: string; pointer: string };
}

/**
 * A check function's text after its name: `(params): boolean {\n<body>}`. What the body does not read is left out
 * or marked, so that the output compiles under `noUnusedLocals` and `noUnusedParameters` too: an unread `r` (the
 * object's record) or `kp` is not declared, an unread parameter is written `_name`, and a named schema's own
 * pointer `s` (`own`) is declared only when read.
 */
export function assemble(params: ReadonlyArray<readonly [name: Local, type: string]>, body: string, own?: string): string {
  let code = withoutStringLiterals(body);
  for (const [marker, line, name] of DROPPABLE) {
    if (code.includes(marker) && !reads(code.replace(line, ''), name)) {
      body = body.replace(line, '');
      code = code.replace(line, '');
    }
  }
  if (own !== undefined && reads(code, 's')) body = `  const s = ${own};\n${body}`;
  const list = params.map(([name, type]) => `${reads(code, name) ? name : '_' + name}: ${type}`).join(', ');
  return `(${list}): boolean {\n${body}}`;
}

/**
 * Declarations a check function may not read (see `objectChecks`, containers.ts), so left out then: the object's record, and an extra
 * key's path (a `patternProperties` schema that any value passes).
 */
const DROPPABLE: ReadonlyArray<readonly [marker: string, line: RegExp, name: Local]> = [
  ['const r = v as Record<string, unknown>;', /^ *const r = v as Record<string, unknown>;\n/m, 'r'],
  ['const kp = o === null ? "" : ', /^ *const kp = o === null \? "" : [^\n]*;\n/m, 'kp'],
];

/** A function's statements with the count of failures at entry and the answer at the end ("no new failures"). */
export function functionBody(body: Body): string {
  // A body that ends in a return (a union that is not nullable) answers itself.
  if (body.endsWithReturn()) return body.text;
  return `  const n = o === null ? 0 : o.n;\n${body.text}  return o === null || o.n === n;\n`;
}

export function hasUnevaluated(node: SchemaNode): boolean {
  return node.unevaluatedProperties !== undefined || node.unevaluatedItems !== undefined;
}

export function isComposite(node: SchemaNode): boolean {
  return node.kind === 'object' || node.kind === 'array' || node.kind === 'union' || node.kind === 'intersection';
}

/**
 * A primitive's check: its type test, then (only for a value of the type) its constraints. A node without
 * `type` (`typeImplied`) constrains values of its type only.
 */
export function typed(b: Body, site: Site, n: SchemaNode, notType: string, isType: string, what: string, constraints: Check[]): Check | undefined {
  const rest = or(constraints);
  if (n.typeImplied) return rest && and(isType, rest);
  const typeCheck = b.typeFail(site, notType, what, n.pointer);
  if (!rest) return typeCheck;
  return { code: `${notType} ? ${b.typeFail(site, 'true', what, n.pointer).code} : ${wrap(rest, 'cond')}`, prec: 'cond' };
}

/** A call of a check function: its failure fails the caller (the issues are already recorded). */
export function callCheck(call: string): Check {
  return { code: `!${call} && o === null`, prec: 'and' };
}

const PRECEDENCE = { atom: 3, and: 2, or: 1, cond: 0 } as const;

/** The code of `c` as an operand of an operator of precedence `at`. */
export function wrap(c: Check, at: Check['prec']): string {
  return PRECEDENCE[c.prec] > PRECEDENCE[at] || (c.prec === at && at !== 'cond') ? c.code : `(${c.code})`;
}

/** `test && c`. */
export function and(test: string, c: Check): Check {
  return { code: `${test} && ${wrap(c, 'and')}`, prec: 'and' };
}

/** The checks joined by `||` (each runs when the one before it did not stop), or undefined when there are none. */
export function or(cs: ReadonlyArray<Check | undefined>): Check | undefined {
  const present = cs.filter((c): c is Check => c !== undefined);
  if (present.length <= 1) return present[0];
  return { code: present.map((c) => wrap(c, 'or')).join(' || '), prec: 'or' };
}

/** A path expression for a call: built only when issues are collected. */
export function lazy(path: string): string {
  return /^[a-z]+$/.test(path) ? path : `(o === null ? "" : ${path})`;
}

/** A schema pointer expression for a call (`s`, a literal, or `s + "/…"`, built only when issues are collected). */
export function lazyPointer(ptr: string): string {
  return ptr.startsWith('s + ') ? `o === null ? "" : ${ptr}` : ptr;
}

export function literal(v: unknown): string {
  if (typeof v === 'string') return lit(v);
  return JSON.stringify(v);
}


/** `cond && ` with the parentheses `||` needs; nothing for an unconditional failure. */
export function guard(cond: string): string {
  if (cond === 'true') return '';
  return cond.includes('||') ? `(${cond}) && ` : `${cond} && `;
}

/** The text of a function body, with indentation and the failure idioms. */
export class Body {
  text = '';
  private depth = 0;
  private last = '';

  constructor(private readonly base: string) {}

  /** True when `pointer` is the function's own schema (written `s`). */
  isBase(pointer: string): boolean {
    return this.base !== '' && pointer.length === this.base.length && pointer === this.base;
  }

  /** A schema pointer as code: relative to the function's node when it is below it. */
  ptr(pointer: string): string {
    return this.ptrOf(pointer, '');
  }

  /**
   * The schema pointer `owner + suffix` as code, relative to the function's node when `owner` is it or below
   * it. `owner` is a node's own pointer (one string, compared as it is); only `suffix` is added here.
   */
  ptrOf(owner: string, suffix: string): string {
    const base = this.base;
    if (base !== '') {
      if (owner === base) {
        return suffix === '' ? 's' : `s + ${lit(suffix)}`;
      }
      if (owner.length > base.length && owner.charCodeAt(base.length) === 47 && owner.startsWith(base)) {
        return `s + ${lit(owner.slice(base.length) + suffix)}`;
      }
    }
    return lit(owner + suffix);
  }

  line(s: string): void {
    this.last = s;
    this.text += '  '.repeat(this.depth + 1) + s + '\n';
  }

  open(s: string): void {
    this.line(s);
    this.depth++;
  }

  /** Closes a block; with `reopen`, the text (`} else {`) opens the next one. */
  close(s: string, reopen = false): void {
    this.depth--;
    this.line(s);
    if (reopen) this.depth++;
  }

  /** True when the last statement returns (nothing after it would run). */
  endsWithReturn(): boolean {
    return this.depth === 0 && this.last.startsWith('return ');
  }

  /**
   * On `cond`, a failure of `keyword` of the schema at `owner` (reported at `<owner>/<keyword>`, or at `owner`
   * itself when `at` is 'node').
   */
  fail(site: Site, cond: string, keyword: string, message: string, owner: string, at: 'keyword' | 'node' = 'keyword'): Check {
    const prop = site.prop;
    const record =
      prop && at === 'keyword' && owner === prop.pointer
        ? `$.fp(o, p, s, ${lit(prop.name)}, ${lit(keyword)}, ${lit(message)})`
        : `$.fail(o, ${site.path}, ${lit(keyword)}, ${lit(message)}, ${this.ptrOf(owner, at === 'keyword' ? '/' + keyword : '')})`;
    return { code: guard(cond) + record, prec: cond === 'true' ? 'atom' : 'and' };
  }

  /** On `cond`, a `type` failure ("must be <what>") of the schema at `owner`. */
  typeFail(site: Site, cond: string, what: string, owner: string): Check {
    const prop = site.prop;
    const record =
      prop && owner === prop.pointer ? `$.tp(o, p, s, ${lit(prop.name)}, ${lit(what)})` : `$.t(o, ${site.path}, ${lit(what)}, ${this.ptrOf(owner, '')})`;
    return { code: guard(cond) + record, prec: cond === 'true' ? 'atom' : 'and' };
  }
}

/** A Body for calls in yes/no mode, which build no schema pointer. */
export const NO_BODY = new Body('');
