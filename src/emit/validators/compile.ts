import type { Conditional, IrDocument, NamedSchema, SchemaNode, UnionNode } from '../../ir/types.js';
import { assertNever } from '../../ir/walk.js';
import { stringLiteral } from '../printers/literal.js';
import type { Direction } from '../printers/type-expr.js';
import { DEFAULT_REPRESENTATION, dateFormat, isBigint, type Representation } from '../representation.js';
import { FORMAT_CHECKS, NUMBER_FORMATS } from './formats.js';
import { EvaluatedTests } from './evaluated.js';
import { escapeToken } from '../../diagnostics/pointer.js';
import { readOwn } from './js-code.js';
import { and, assemble, Body, callCheck, functionBody, hasUnevaluated, isComposite, lazy, lazyPointer, literal, NO_BODY, or, typed, wrap, type Check, type Site } from './check-code.js';
import { arrayChecks, objectChecks, unevaluatedChecks, type CompilerHost } from './containers.js';

/** A pattern the generator could not compile for the validators (reported by the target). */
export interface PatternProblem {
  pointer: string;
  pattern: string;
  message: string;
  /** True when it compiles without the `u` flag (then it is used so, with a warning). */
  fallback: boolean;
}

const lit = stringLiteral;
const MAX_INLINE_ENUM = 6;
/** Named schemas' bodies compiled one inside the other at most (see `namedFunction`). */
const MAX_NESTED_NAMED = 64;

/**
 * Compiles IR schema nodes into plain JavaScript check functions `(v, p, o) => boolean`: `v` the value, `p` its
 * JSON pointer, `o` the issue sink (null for a yes/no answer, which returns at the first failure; else every
 * failure is counted in `o.n` and the function's answer is "no new failures"). A check is an expression
 * `<fails> && $.fail(o, …)` (the helpers return true only when `o` is null), checks of one value are joined with
 * `||` and guarded by what must hold first (`x !== undefined && …`, `typeof x !== "string" ? $.t(…) : …`), so that
 * a property is one line. Objects, arrays, unions and intersections get a function each; primitives are
 * checked inline in their parent. Refs call the named schema's function, so recursion needs nothing special.
 * Every string from the spec goes through `stringLiteral`.
 */
export class CheckCompiler implements CompilerHost {
  /** Module-level constants: compiled patterns, enum sets. */
  readonly constants: string[] = [];
  /** The check functions, in creation order. */
  readonly functions: string[] = [];
  readonly patternProblems: PatternProblem[] = [];
  private readonly named = new Map<string, NamedSchema>();
  private readonly namedFns = new Map<string, string>();
  private readonly anonFns = new Map<SchemaNode, Map<Direction, string>>();
  /** Anonymous functions by their text without the name: one function for every place with the same checks. */
  private readonly byText = new Map<string, string>();
  private readonly patterns = new Map<string, string>();
  /** Enum sets and JSON constants by their code, so that the same values are one constant. */
  private readonly constantsByCode = new Map<string, string>();
  private counter = 0;
  /** Nodes without their `unevaluated*` (see `baseOf`). */
  private readonly bases = new Map<SchemaNode, SchemaNode>();
  /** The tests of what a node evaluated, for `unevaluated*`. */
  readonly evaluated = new EvaluatedTests({
    matches: (node, dir, x) => this.call(NO_BODY, node, dir, x, '""', 'null'),
    constant: (prefix, type, init) => this.constant(prefix, type, init),
    pattern: (source, pointer) => this.pattern(source, pointer),
    named: (id) => this.named.get(id)?.schema,
    reserveFunction: () => {
      const at = this.functions.length;
      this.functions.push('');
      return (text) => {
        this.functions[at] = text;
      };
    },
    nextId: () => this.counter++,
  });
  /** How many named schemas' bodies are being compiled, one inside the other. */
  private nested = 0;
  /** Bodies of named schemas met too deep to compile at once (see `namedFunction`). */
  private readonly deferred: Array<() => void> = [];

  /** `representation`: the `dates`/`int64` options (a date is then checked as a `Date`, an int64 as a `bigint`). */
  constructor(
    ir: IrDocument,
    private readonly representation: Representation = DEFAULT_REPRESENTATION,
  ) {
    for (const s of ir.schemas) this.named.set(s.id, s);
  }

  /** The function checking named schema `id` in a direction (one function when both directions agree). */
  namedFunction(id: string, dir: Direction): string {
    const s = this.named.get(id);
    if (!s) return '$.any';
    const d: Direction = s.differsByDirection ? dir : 'read';
    const key = `${id}\u0000${d}`;
    let name = this.namedFns.get(key);
    if (name) return name;
    name = `$c_${s.name}${s.differsByDirection ? (d === 'read' ? '_r' : '_w') : ''}`;
    this.namedFns.set(key, name);
    const fnName = name;
    // Its place among the functions is taken now; its body is compiled now, unless this call is itself inside
    // the bodies of MAX_NESTED_NAMED other named schemas (a chain of refs thousands of schemas long would
    // otherwise overflow the stack): then it waits until the outermost call is done.
    const index = this.functions.length;
    this.functions.push('');
    if (this.nested >= MAX_NESTED_NAMED) {
      this.deferred.push(() => this.fillFunction(index, fnName, s.schema, d));
      return name;
    }
    this.nested++;
    try {
      this.fillFunction(index, name, s.schema, d);
    } finally {
      this.nested--;
    }
    if (this.nested === 0) this.compileDeferred();
    return name;
  }

  /** Compiles the bodies that waited (see `namedFunction`), in the order they were met. */
  private compileDeferred(): void {
    for (let i = 0; i < this.deferred.length; i++) {
      this.nested++;
      try {
        this.deferred[i]!();
      } finally {
        this.nested--;
      }
    }
    this.deferred.length = 0;
  }

  /**
   * A check function `(v, p, o)` for any node, as code: a named schema's function, or an anonymous function
   * bound to the node's schema pointer (`$.at($c12, "/paths/…")`).
   */
  checkFor(node: SchemaNode, dir: Direction): string {
    const f = this.fn(node, dir);
    return f.anonymous ? `/* @__PURE__ */ $.at(${f.name}, ${lit(node.pointer)})` : f.name;
  }

  /** A call of the function checking `node` (the value `x` at `path`), from a body whose own schema is `b`'s. */
  call(b: Body, node: SchemaNode, dir: Direction, x: string, path: string, o: 'o' | 'null'): string {
    const f = this.fn(node, dir);
    if (!f.anonymous) return `${f.name}(${x}, ${path}, ${o})`;
    // The schema pointer is only read to report issues: built only when they are collected.
    const ptr = o === 'null' ? '""' : lazyPointer(b.ptr(node.pointer));
    return `${f.name}(${x}, ${path}, ${o}, ${ptr})`;
  }

  /**
   * The function of a node: a named schema's, or an anonymous one `(v, p, o, s)` taking its schema pointer `s`
   * from the caller, shared by every node whose checks are the same (GitHub's spec repeats the same inline
   * objects hundreds of times).
   */
  private fn(node: SchemaNode, dir: Direction): { name: string; anonymous: boolean } {
    if (node.kind === 'ref' && !node.nullable && node.not === undefined && !hasUnevaluated(node)) return { name: this.namedFunction(node.target, dir), anonymous: false };
    let byDir = this.anonFns.get(node);
    if (!byDir) this.anonFns.set(node, (byDir = new Map()));
    let name = byDir.get(dir);
    if (!name) {
      const body = new Body(node.pointer);
      this.top(body, node, dir);
      const text = assemble([['v', 'unknown'], ['p', 'string'], ['o', '$.Out'], ['s', 'string']], functionBody(body));
      name = this.byText.get(text);
      if (!name) {
        name = `$c${this.counter++}`;
        this.byText.set(text, name);
        this.functions.push(`function ${name}${text}`);
      }
      byDir.set(dir, name);
    }
    return { name, anonymous: true };
  }

  private fillFunction(index: number, name: string, node: SchemaNode, dir: Direction): void {
    const body = new Body(node.pointer);
    this.top(body, node, dir);
    this.functions[index] = `function ${name}${assemble([['v', 'unknown'], ['p', 'string'], ['o', '$.Out']], functionBody(body), lit(node.pointer))}`;
  }

  /** A module constant (an enum set, a JSON value): one per distinct value. */
  private constant(prefix: string, type: string, init: string): string {
    const key = `${type} = ${init}`;
    let name = this.constantsByCode.get(key);
    if (!name) {
      name = `${prefix}${this.constants.length}`;
      this.constantsByCode.set(key, name);
      this.constants.push(`const ${name}: ${type} = /* @__PURE__ */ ${init};`);
    }
    return name;
  }

  /** The statements of a function checking `node` (the value `v` at `p`). */
  private top(b: Body, node: SchemaNode, dir: Direction): void {
    if (hasUnevaluated(node)) return unevaluatedChecks(this, b, node, dir);
    if (!isComposite(node)) {
      const c = this.check(b, node, dir, 'v', { path: 'p' });
      if (c) b.line(`if (${c.code}) return false;`);
      return;
    }
    const opened = node.nullable === true;
    if (opened) b.open('if (v !== null) {');
    if (node.not !== undefined) b.line(`if (${this.notCheck(b, node, dir, 'v', { path: 'p' }).code}) return false;`);
    const cond = node.conditional && this.conditionalCheck(b, node.conditional, dir, 'v', 'p');
    if (cond) b.line(`if (${wrap(cond, 'and')}) return false;`);
    this.composite(b, node, dir, 'v', 'p');
    if (opened) b.close('}');
  }

  /** The check of the value in variable `x` (at `site`), or undefined when any value passes. */
  check(b: Body, node: SchemaNode, dir: Direction, x: string, site: Site): Check | undefined {
    // `unevaluated*` needs the whole node's checks first: a function of its own (see `unevaluated`).
    if (hasUnevaluated(node)) return callCheck(this.call(b, node, dir, x, lazy(site.path), 'o'));
    const parts: Array<Check | undefined> = [];
    // A composite node's function checks its `not` itself.
    if (node.not !== undefined && !isComposite(node)) parts.push(this.notCheck(b, node, dir, x, site));
    if (node.conditional !== undefined && !isComposite(node)) parts.push(this.conditionalCheck(b, node.conditional, dir, x, site.path));
    switch (node.kind) {
      case 'ref': {
        // A ref to an enum is checked in place: a comparison costs less than a call.
        const target = this.named.get(node.target)?.schema;
        if (target && target.kind === 'enum' && !target.nullable && target.not === undefined) parts.push(this.enumCheck(b, target, x, site));
        else parts.push(callCheck(`${this.namedFunction(node.target, dir)}(${x}, ${lazy(site.path)}, o)`));
        break;
      }
      case 'unknown':
        break;
      case 'never':
        parts.push(b.fail(site, 'true', 'false', 'no value is allowed here', node.pointer, 'node'));
        break;
      case 'null':
        parts.push(b.typeFail(site, `${x} !== null`, 'null', node.pointer));
        break;
      case 'boolean':
        parts.push(b.typeFail(site, `typeof ${x} !== "boolean"`, 'a boolean', node.pointer));
        break;
      case 'string':
        parts.push(this.string(b, node, x, site));
        break;
      case 'number':
        parts.push(this.number(b, node, x, site));
        break;
      case 'enum':
        parts.push(this.enumCheck(b, node, x, site));
        break;
      case 'object':
      case 'array':
      case 'union':
      case 'intersection':
        parts.push(callCheck(this.call(b, node, dir, x, lazy(site.path), 'o')));
        break;
      default:
        assertNever(node);
    }
    const c = or(parts);
    const nullable = node.nullable && node.kind !== 'null' && node.kind !== 'unknown';
    return c && nullable ? and(`${x} !== null`, c) : c;
  }

  private notCheck(b: Body, node: SchemaNode, dir: Direction, x: string, site: Site): Check {
    return b.fail(site, this.call(b, node.not!, dir, x, '""', 'null'), 'not', 'must not match the schema in "not"', node.pointer);
  }

  /**
   * `if`/`then`/`else`: the value is matched against `if` (yes/no: its failures are not issues), then checked
   * against the branch that applies (its failures are). An `if` alone checks nothing.
   */
  private conditionalCheck(b: Body, c: Conditional, dir: Direction, x: string, path: string): Check | undefined {
    if (c.then === undefined && c.else === undefined) return undefined;
    const branch = (n: SchemaNode | undefined) => (n === undefined ? 'false' : wrap(callCheck(this.call(b, n, dir, x, lazy(path), 'o')), 'cond'));
    return { code: `${this.call(b, c.if, dir, x, '""', 'null')} ? ${branch(c.then)} : ${branch(c.else)}`, prec: 'cond' };
  }

  /** The statements checking a composite node: objects, arrays, unions, intersections. */
  private composite(b: Body, node: SchemaNode, dir: Direction, x: string, path: string): void {
    switch (node.kind) {
      case 'object':
        return objectChecks(this, b, node, dir, x, path);
      case 'array':
        return arrayChecks(this, b, node, dir, x, path);
      case 'union':
        return this.union(b, node, dir, x, path);
      case 'intersection':
        for (const m of node.members) b.line(`if (${callCheck(this.call(b, m, dir, x, lazy(path), 'o')).code}) return false;`);
        return;
      default:
        throw new Error(`not a composite node: ${node.kind}`);
    }
  }

  private string(b: Body, n: SchemaNode & { kind: 'string' }, x: string, site: Site): Check | undefined {
    if (n.format === 'binary') {
      // Raw bytes: what the types call Blob; a string is accepted too (text content of a part).
      return n.typeImplied ? undefined : b.typeFail(site, `typeof ${x} !== "string" && !(typeof Blob !== "undefined" && ${x} instanceof Blob)`, 'a string or a Blob', n.pointer);
    }
    const date = dateFormat(n, this.representation);
    if (date !== undefined) {
      // `dates: "Date"`: the value is a valid Date (what the client and server revive a valid date's text into);
      // the string keywords are about the text, which a Date no longer is.
      return b.typeFail(site, `!$.isDate(${x})`, date === 'date' ? 'a valid Date (date)' : 'a valid Date (date-time)', n.pointer);
    }
    const fmt = n.format !== undefined ? FORMAT_CHECKS[n.format] : undefined;
    const constraints: Check[] = [];
    if (n.minLength !== undefined && n.minLength > 0) {
      constraints.push(b.fail(site, `${x}.length < ${n.minLength * 2} && $.cpLen(${x}) < ${n.minLength}`, 'minLength', `must have at least ${n.minLength} characters`, n.pointer));
    }
    if (n.maxLength !== undefined) {
      constraints.push(b.fail(site, `${x}.length > ${n.maxLength} && $.cpLen(${x}) > ${n.maxLength}`, 'maxLength', `must have at most ${n.maxLength} characters`, n.pointer));
    }
    if (n.pattern !== undefined) {
      const re = this.pattern(n.pattern, n.pointer + '/pattern');
      if (re) constraints.push(b.fail(site, `!${re}.test(${x})`, 'pattern', `must match the pattern ${n.pattern}`, n.pointer));
    }
    if (fmt) constraints.push(b.fail(site, `!${fmt}(${x})`, 'format', `must be a valid ${n.format}`, n.pointer));
    return typed(b, site, n, `typeof ${x} !== "string"`, `typeof ${x} === "string"`, 'a string', constraints);
  }

  private number(b: Body, n: SchemaNode & { kind: 'number' }, x: string, site: Site): Check | undefined {
    if (isBigint(n, this.representation)) return this.bigint(b, n, x, site);
    const what = n.integer ? 'an integer' : 'a number';
    const typeTest = n.integer ? `!Number.isInteger(${x})` : `!Number.isFinite(${x})`;
    const range = n.format !== undefined ? NUMBER_FORMATS[n.format] : undefined;
    const constraints: Check[] = [];
    const bound = (cond: string, kw: string, msg: string) => constraints.push(b.fail(site, cond, kw, msg, n.pointer));
    if (n.minimum !== undefined) bound(`${x} < ${n.minimum}`, 'minimum', `must be >= ${n.minimum}`);
    if (n.maximum !== undefined) bound(`${x} > ${n.maximum}`, 'maximum', `must be <= ${n.maximum}`);
    if (n.exclusiveMinimum !== undefined) bound(`${x} <= ${n.exclusiveMinimum}`, 'exclusiveMinimum', `must be > ${n.exclusiveMinimum}`);
    if (n.exclusiveMaximum !== undefined) bound(`${x} >= ${n.exclusiveMaximum}`, 'exclusiveMaximum', `must be < ${n.exclusiveMaximum}`);
    if (n.multipleOf !== undefined) bound(`!$.multipleOf(${x}, ${n.multipleOf})`, 'multipleOf', `must be a multiple of ${n.multipleOf}`);
    if (range) bound(`${x} < ${range[0]} || ${x} > ${range[1]}`, 'format', `must be a valid ${n.format}`);
    return typed(b, site, n, `typeof ${x} !== "number" || ${typeTest}`, `typeof ${x} === "number"`, what, constraints);
  }

  /** `int64: "bigint"`: a bigint within int64's range, its bounds compared as bigints (exactly). */
  private bigint(b: Body, n: SchemaNode & { kind: 'number' }, x: string, site: Site): Check {
    const constraints: Check[] = [];
    const bound = (cond: string, kw: string, msg: string) => constraints.push(b.fail(site, cond, kw, msg, n.pointer));
    // A bound that is not an integer compares with a bigint as a number does (`5n < 5.5`): written as a number.
    const big = (v: number) => (Number.isSafeInteger(v) ? `${v}n` : String(v));
    if (n.minimum !== undefined) bound(`${x} < ${big(n.minimum)}`, 'minimum', `must be >= ${n.minimum}`);
    if (n.maximum !== undefined) bound(`${x} > ${big(n.maximum)}`, 'maximum', `must be <= ${n.maximum}`);
    if (n.exclusiveMinimum !== undefined) bound(`${x} <= ${big(n.exclusiveMinimum)}`, 'exclusiveMinimum', `must be > ${n.exclusiveMinimum}`);
    if (n.exclusiveMaximum !== undefined) bound(`${x} >= ${big(n.exclusiveMaximum)}`, 'exclusiveMaximum', `must be < ${n.exclusiveMaximum}`);
    if (n.multipleOf !== undefined) bound(`!$.multipleOf(${x}, ${n.multipleOf})`, 'multipleOf', `must be a multiple of ${n.multipleOf}`);
    bound(`${x} < -9223372036854775808n || ${x} > 9223372036854775807n`, 'format', 'must be a valid int64');
    return typed(b, site, n, `typeof ${x} !== "bigint"`, `typeof ${x} === "bigint"`, 'a bigint (int64)', constraints)!;
  }

  private enumCheck(b: Body, n: SchemaNode & { kind: 'enum' }, x: string, site: Site): Check {
    const values = n.members.map((m) => m.value);
    const kw = n.isConst ? 'const' : 'enum';
    const msg = n.isConst ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    const primitive = values.every((v) => typeof v !== 'object' || v === null);
    let cond: string;
    if (!primitive) {
      // JSON.parse, not an object literal: a "__proto__" key stays a plain key.
      const consts = values.map((v) => this.constant('$J', 'unknown', `JSON.parse(${lit(JSON.stringify(v))})`));
      cond = `(${consts.map((c) => `!$.eq(${x}, ${c})`).join(' && ')})`;
    } else if (values.length <= MAX_INLINE_ENUM) {
      cond = values.map((v) => `${x} !== ${literal(v)}`).join(' && ');
    } else {
      cond = `!${this.constant('$E', 'ReadonlySet<unknown>', `new Set([${values.map(literal).join(', ')}])`)}.has(${x})`;
    }
    return b.fail(site, cond, kw, msg.length > 200 ? msg.slice(0, 197) + '...' : msg, n.pointer);
  }

  private union(b: Body, n: UnionNode, dir: Direction, x: string, path: string): void {
    const d = n.discriminator;
    const refMembers = n.members.filter((m) => m.kind === 'ref');
    if (d && d.mapping.length > 0 && refMembers.length === n.members.length) {
      b.line(`const tag = typeof ${x} === "object" && ${x} !== null && !Array.isArray(${x}) ? ${readOwn(`(${x} as Record<string, unknown>)`, d.propertyName)} : undefined;`);
      b.open('switch (tag) {');
      for (const m of d.mapping) b.line(`case ${lit(m.value)}: return ${this.namedFunction(m.target, dir)}(${x}, ${path}, o);`);
      b.close('}');
      b.line(`if (tag === undefined) return $.fail(o, ${path}, "discriminator", ${lit(`must have the discriminator property '${d.propertyName}'`)}, ${b.ptrOf(n.pointer, '/discriminator')}) && false;`);
      const expected = d.mapping.map((m) => JSON.stringify(m.value)).join(', ');
      b.line(`return $.fail(o, o === null ? "" : ${path} + ${lit('/' + escapeToken(d.propertyName))}, "discriminator", ${lit(`unknown tag; expected one of ${expected}`)}, ${b.ptrOf(n.pointer, '/discriminator')}) && false;`);
      return;
    }
    const calls = n.members.map((m) => this.call(b, m, dir, x, path, 'null'));
    if (n.mode === 'anyOf') {
      b.line(`if (${calls.join(' || ')}) return true;`);
      b.line(`return $.fail(o, ${path}, "anyOf", "must match at least one of the schemas in anyOf", ${b.ptrOf(n.pointer, '/anyOf')}) && false;`);
      return;
    }
    b.line('let m = 0;');
    for (const c of calls) b.line(`if (${c}) m++;`);
    b.line('if (m === 1) return true;');
    b.line(`return $.fail(o, ${path}, "oneOf", m === 0 ? "must match one of the schemas in oneOf" : "must match exactly one schema in oneOf, matched " + m, ${b.ptrOf(n.pointer, '/oneOf')}) && false;`);
  }

  /** The name of a function whose text after its name is `text`: one function for every place that has the same. */
  sharedFunction(text: string): string {
    let fn = this.byText.get(text);
    if (!fn) {
      fn = `$c${this.counter++}`;
      this.byText.set(text, fn);
      this.functions.push(`function ${fn}${text}`);
    }
    return fn;
  }

  /** The node without its `unevaluated*` (one object per node, so that its function is compiled once). */
  baseOf(node: SchemaNode): SchemaNode {
    let base = this.bases.get(node);
    if (!base) {
      const { unevaluatedProperties: _p, unevaluatedItems: _i, ...rest } = node;
      base = rest as SchemaNode;
      this.bases.set(node, base);
    }
    return base;
  }

  /** A module constant holding the compiled pattern, or undefined when it cannot be compiled. */
  pattern(source: string, pointer: string): string | undefined {
    const known = this.patterns.get(source);
    if (known) return known;
    let flags = 'u';
    try {
      new RegExp(source, 'u');
    } catch (e) {
      let fallback = true;
      try {
        new RegExp(source);
        flags = '';
      } catch {
        fallback = false;
      }
      this.patternProblems.push({ pointer, pattern: source, message: (e as Error).message, fallback });
      if (!fallback) return undefined;
    }
    const name = `$R${this.patterns.size}`;
    this.patterns.set(source, name);
    this.constants.push(`const ${name} = /* @__PURE__ */ new RegExp(${lit(source)}${flags ? ', "u"' : ''});`);
    return name;
  }
}
