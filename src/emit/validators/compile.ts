import type { Conditional, IrDocument, NamedSchema, ObjectNode, SchemaNode, UnionNode } from '../../ir/types.js';
import { assertNever } from '../../ir/walk.js';
import { stringLiteral, withoutStringLiterals } from '../printers/literal.js';
import type { Direction } from '../printers/type-expr.js';
import { FORMAT_CHECKS, NUMBER_FORMATS } from './formats.js';
import { EvaluatedTests, Evaluated } from './evaluated.js';
import { pointerToken, readOwn, reads, readsVar, type Local } from './js-code.js';

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
/** Properties checked in one function at most (see `object`). */
const PROPERTIES_PER_FUNCTION = 120;
/** Named schemas' bodies compiled one inside the other at most (see `namedFunction`). */
const MAX_NESTED_NAMED = 64;

/**
 * A check as an expression: true when the caller must answer "no" at once (a failure in yes/no mode); every
 * failure is recorded in `o` when collecting, and the expression is then false. `prec` is the precedence of
 * its top operator, so that combining checks adds only the parentheses needed.
 */
interface Check {
  code: string;
  prec: 'atom' | 'and' | 'or' | 'cond';
}

/** Where the value being checked sits. */
interface Site {
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
 * Compiles IR schema nodes into plain JavaScript check functions `(v, p, o) => boolean`: `v` the value, `p` its
 * JSON pointer, `o` the issue sink (null for a yes/no answer, which returns at the first failure; else every
 * failure is counted in `o.n` and the function's answer is "no new failures"). A check is an expression
 * `<fails> && $.fail(o, …)` (the helpers return true only when `o` is null), checks of one value are joined with
 * `||` and guarded by what must hold first (`x !== undefined && …`, `typeof x !== "string" ? $.t(…) : …`), so that
 * a property is one line. Objects, arrays, unions and intersections get a function each; primitives are
 * checked inline in their parent. Refs call the named schema's function, so recursion needs nothing special.
 * Every string from the spec goes through `stringLiteral`.
 */
export class CheckCompiler {
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
  private readonly evaluated = new EvaluatedTests({
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

  constructor(ir: IrDocument) {
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
  private call(b: Body, node: SchemaNode, dir: Direction, x: string, path: string, o: 'o' | 'null'): string {
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
    if (hasUnevaluated(node)) return this.unevaluated(b, node, dir);
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
  private check(b: Body, node: SchemaNode, dir: Direction, x: string, site: Site): Check | undefined {
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
        return this.object(b, node, dir, x, path);
      case 'array':
        return this.array(b, node, dir, x, path);
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

  private object(b: Body, n: ObjectNode, dir: Direction, x: string, path: string): void {
    const notObject = `typeof ${x} !== "object" || ${x} === null || Array.isArray(${x})`;
    if (n.typeImplied) b.line(`if (${notObject}) return true;`);
    else b.line(`if (${notObject}) return $.t(o, ${path}, "an object", ${b.ptr(n.pointer)}) && false;`);
    b.line(`const r = ${x} as Record<string, unknown>;`);
    const required = (p: (typeof n.properties)[number]) =>
      p.required && !(dir === 'write' && p.schema.readOnly) && !(dir === 'read' && p.schema.writeOnly);
    for (const name of n.extraRequired ?? []) {
      b.line(`if (${readOwn('r', name)} === undefined && $.r(o, ${path}, ${lit(name)}, ${b.ptr(n.pointer)})) return false;`);
    }
    const checkProperties = (into: Body, props: typeof n.properties, at: string, first: number) =>
      props.forEach((prop, k) => {
        const child = `x${first + k}`;
        const token = pointerToken(prop.name);
        const site: Site = { path: `${at} + ${lit('/' + token)}` };
        // The short helpers build the property's path from `p` and its schema pointer from `s`.
        if (at === 'p' && into.isBase(n.pointer) && prop.schema.pointer === `${n.pointer}/properties/${token}`) {
          site.prop = { name: prop.name, pointer: prop.schema.pointer };
        }
        const c = this.check(into, prop.schema, dir, child, site);
        const must = required(prop);
        if (!c && !must) return;
        into.line(`const ${child} = ${readOwn('r', prop.name)};`);
        const missing = `$.r(o, ${at}, ${lit(prop.name)}, ${into.ptr(n.pointer)})`;
        if (!c) into.line(`if (${child} === undefined && ${missing}) return false;`);
        else if (must) into.line(`if (${child} === undefined ? ${missing} : ${c.code}) return false;`);
        else into.line(`if (${and(`${child} !== undefined`, c).code}) return false;`);
      });
    if (n.properties.length <= PROPERTIES_PER_FUNCTION) checkProperties(b, n.properties, path, 0);
    else {
      // TypeScript gives up on a function body this large (TS2563, "too large for control flow analysis"):
      // the properties are checked in functions of their own, a slice each.
      for (let start = 0; start < n.properties.length; start += PROPERTIES_PER_FUNCTION) {
        const body = new Body(n.pointer);
        checkProperties(body, n.properties.slice(start, start + PROPERTIES_PER_FUNCTION), 'p', start);
        if (body.text === '') continue; // every property of the slice accepts any value and is optional
        const text = assemble([['r', 'Record<string, unknown>'], ['p', 'string'], ['o', '$.Out'], ['s', 'string']], `  const n = o === null ? 0 : o.n;\n${body.text}  return o === null || o.n === n;\n`);
        let fn = this.byText.get(text);
        if (!fn) {
          fn = `$c${this.counter++}`;
          this.byText.set(text, fn);
          this.functions.push(`function ${fn}${text}`);
        }
        b.line(`if (!${fn}(r, ${path}, o, ${lazyPointer(b.ptr(n.pointer))}) && o === null) return false;`);
      }
    }
    if (n.minProperties !== undefined || n.maxProperties !== undefined) {
      const site: Site = { path };
      b.line('const count = Object.keys(r).length;');
      if (n.minProperties !== undefined) b.line(`if (${b.fail(site, `count < ${n.minProperties}`, 'minProperties', `must have at least ${n.minProperties} properties`, n.pointer).code}) return false;`);
      if (n.maxProperties !== undefined) b.line(`if (${b.fail(site, `count > ${n.maxProperties}`, 'maxProperties', `must have at most ${n.maxProperties} properties`, n.pointer).code}) return false;`);
    }
    for (const d of n.dependentRequired ?? []) {
      const at = `${n.pointer}/dependentRequired/${pointerToken(d.property)}`;
      const absent = or(d.required.map((name) => b.fail({ path }, `${readOwn('r', name)} === undefined`, 'dependentRequired', `must have the property '${name}' when '${d.property}' is present`, at, 'node')));
      if (absent) b.line(`if (${and(`${readOwn('r', d.property)} !== undefined`, absent).code}) return false;`);
    }
    for (const d of n.dependentSchemas ?? []) {
      const c = this.check(b, d.schema, dir, x, { path });
      if (c) b.line(`if (${and(`${readOwn('r', d.property)} !== undefined`, c).code}) return false;`);
    }
    if (n.propertyNames !== undefined) {
      const c = this.check(b, n.propertyNames, dir, 'k', { path: `${path} + "/" + $.ptr(k)` });
      if (c) {
        b.open('for (const k of Object.keys(r)) {');
        b.line(`if (${c.code}) return false;`);
        b.close('}');
      }
    }
    const ap = n.additionalProperties;
    const pp = n.patternProperties ?? [];
    const keySite: Site = { path: 'kp' };
    // An additional property's schema that any value passes (`{}`) needs no loop.
    const apCheck = typeof ap === 'object' ? this.check(b, ap, dir, 'y', keySite) : undefined;
    if (ap !== false && apCheck === undefined && pp.length === 0) return;
    const declared = n.properties.map((p) => `k === ${lit(p.name)}`);
    b.open('for (const k of Object.keys(r)) {');
    if (pp.length === 0 && declared.length > 0) b.line(`if (${[...new Set(declared)].join(' || ')}) continue;`);
    b.line(`const kp = o === null ? "" : ${path} + "/" + $.ptr(k);`);
    if (pp.length > 0) {
      b.line('let matched = false;');
      pp.forEach((entry, i) => {
        const re = this.pattern(entry.pattern, `${n.pointer}/patternProperties/${pointerToken(entry.pattern)}`);
        if (!re) return;
        b.open(`if (${re}.test(k)) {`);
        b.line('matched = true;');
        const c = this.check(b, entry.schema, dir, `y${i}`, keySite);
        if (c) {
          if (readsVar(c.code, `y${i}`)) b.line(`const y${i} = r[k];`);
          b.line(`if (${c.code}) return false;`);
        }
        b.close('}');
      });
      if (declared.length > 0) b.line(`if (matched || ${[...new Set(declared)].join(' || ')}) continue;`);
      else b.line('if (matched) continue;');
    }
    if (ap === false) {
      b.line(`if (${b.fail(keySite, 'true', 'additionalProperties', 'is not an allowed property', n.pointer).code}) return false;`);
    } else if (apCheck) {
      if (readsVar(apCheck.code, 'y')) b.line('const y = r[k];');
      b.line(`if (${apCheck.code}) return false;`);
    }
    b.close('}');
  }

  private array(b: Body, n: SchemaNode & { kind: 'array' }, dir: Direction, x: string, path: string): void {
    const site: Site = { path };
    if (n.typeImplied) b.line(`if (!Array.isArray(${x})) return true;`);
    else b.line(`if (!Array.isArray(${x})) return $.t(o, ${path}, "an array", ${b.ptr(n.pointer)}) && false;`);
    if (n.minItems !== undefined) b.line(`if (${b.fail(site, `${x}.length < ${n.minItems}`, 'minItems', `must have at least ${n.minItems} items`, n.pointer).code}) return false;`);
    if (n.maxItems !== undefined) b.line(`if (${b.fail(site, `${x}.length > ${n.maxItems}`, 'maxItems', `must have at most ${n.maxItems} items`, n.pointer).code}) return false;`);
    if (n.uniqueItems) b.line(`if (${b.fail(site, `!$.unique(${x})`, 'uniqueItems', 'must not have duplicate items', n.pointer).code}) return false;`);
    const min = n.minContains ?? 1;
    if (n.contains !== undefined && (min > 0 || n.maxContains !== undefined)) {
      const matches = this.call(b, n.contains, dir, 'z', '""', 'null');
      b.line('let hits = 0;');
      // Without an upper bound, counting stops at the lower one.
      if (n.maxContains === undefined) b.line(`for (const z of ${x}) if (${matches} && ++hits === ${min}) break;`);
      else b.line(`for (const z of ${x}) if (${matches}) hits++;`);
      const kw = n.minContains !== undefined ? 'minContains' : 'contains';
      const what = (k: number) => `${k} ${k === 1 ? 'item that matches' : 'items that match'} the schema in "contains"`;
      if (min > 0) b.line(`if (${b.fail(site, `hits < ${min}`, kw, `must contain at least ${what(min)}`, n.pointer).code}) return false;`);
      if (n.maxContains !== undefined) b.line(`if (${b.fail(site, `hits > ${n.maxContains}`, 'maxContains', `must contain at most ${what(n.maxContains)}`, n.pointer).code}) return false;`);
    }
    const prefix = n.prefixItems ?? [];
    prefix.forEach((item, i) => {
      const c = this.check(b, item, dir, `z${i}`, { path: `${path} + "/${i}"` });
      if (!c) return;
      b.open(`if (${x}.length > ${i}) {`);
      if (readsVar(c.code, `z${i}`)) b.line(`const z${i} = ${x}[${i}];`);
      b.line(`if (${c.code}) return false;`);
      b.close('}');
    });
    const c = this.check(b, n.items, dir, 'z', { path: `${path} + "/" + i` });
    if (!c) return;
    b.open(`for (let i = ${prefix.length}; i < ${x}.length; i++) {`);
    if (readsVar(c.code, 'z')) b.line(`const z = ${x}[i];`);
    b.line(`if (${c.code}) return false;`);
    b.close('}');
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
      b.line(`return $.fail(o, o === null ? "" : ${path} + ${lit('/' + pointerToken(d.propertyName))}, "discriminator", ${lit(`unknown tag; expected one of ${expected}`)}, ${b.ptrOf(n.pointer, '/discriminator')}) && false;`);
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

  /**
   * The statements of a function checking a node with `unevaluatedProperties` or `unevaluatedItems`: the node's
   * other checks first (its function without them); only a value that passed them has evaluated properties and
   * items to speak of. Then each property (item) that no part of the node evaluated is checked against the
   * keyword's schema. What depends on the whole value (which `oneOf` member matched, whether `if` did) is worked
   * out once, before the loop over its keys (evaluated.ts).
   */
  private unevaluated(b: Body, node: SchemaNode, dir: Direction): void {
    const base = this.baseOf(node);
    const c = this.check(b, base, dir, 'v', { path: 'p' });
    if (c) {
      b.line(`if (${c.code}) return false;`);
      b.line('if (o !== null && o.n !== n) return false;');
    }
    for (const what of ['keys', 'items'] as const) {
      const u = what === 'keys' ? node.unevaluatedProperties : node.unevaluatedItems;
      if (u === undefined) continue;
      // Nothing to check when the node evaluates every key (item), or when the keyword's schema passes any value.
      // Each is known before code is made for the other: code made and then not used (a check function, a
      // test's local) would not compile under `noUnusedLocals`.
      if (this.evaluated.all(base, what)) continue;
      const path = what === 'keys' ? 'kp' : 'p + "/" + i';
      const uCheck = u.kind === 'never' ? undefined : this.check(b, u, dir, 'y', { path });
      if (u.kind !== 'never' && !uCheck) continue;
      const ev = new Evaluated(what);
      const test = this.evaluated.test(base, dir, ev);
      if (what === 'keys') {
        b.open('if (typeof v === "object" && v !== null && !Array.isArray(v)) {');
        b.line('const r = v as Record<string, unknown>;');
      } else {
        b.open('if (Array.isArray(v)) {');
        b.line('const a: unknown[] = v;');
      }
      for (const line of ev.pre) b.line(line);
      b.open(what === 'keys' ? 'for (const k of Object.keys(r)) {' : 'for (let i = 0; i < a.length; i++) {');
      if (test !== 'false') b.line(`if (${test}) continue;`);
      if (what === 'keys') b.line('const kp = o === null ? "" : p + "/" + $.ptr(k);');
      const keyword = what === 'keys' ? 'unevaluatedProperties' : 'unevaluatedItems';
      if (u.kind === 'never') {
        const message = what === 'keys' ? 'is not an allowed property (unevaluatedProperties)' : 'is not an allowed item (unevaluatedItems)';
        b.line(`if (${b.fail({ path }, 'true', keyword, message, node.pointer).code}) return false;`);
      } else {
        if (readsVar(uCheck!.code, 'y')) b.line(`const y = ${what === 'keys' ? 'r[k]' : 'a[i]'};`);
        b.line(`if (${uCheck!.code}) return false;`);
      }
      b.close('}');
      b.close('}');
    }
  }

  /** The node without its `unevaluated*` (one object per node, so that its function is compiled once). */
  private baseOf(node: SchemaNode): SchemaNode {
    let base = this.bases.get(node);
    if (!base) {
      const { unevaluatedProperties: _p, unevaluatedItems: _i, ...rest } = node;
      base = rest as SchemaNode;
      this.bases.set(node, base);
    }
    return base;
  }

  /** A module constant holding the compiled pattern, or undefined when it cannot be compiled. */
  private pattern(source: string, pointer: string): string | undefined {
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

/**
 * A check function's text after its name: `(params): boolean {\n<body>}`. What the body does not read is left out
 * or marked, so that the output compiles under `noUnusedLocals` and `noUnusedParameters` too: an unread `r` (the
 * object's record) or `kp` is not declared, an unread parameter is written `_name`, and a named schema's own
 * pointer `s` (`own`) is declared only when read.
 */
function assemble(params: ReadonlyArray<readonly [name: Local, type: string]>, body: string, own?: string): string {
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
 * Declarations a check function may not read (see `object`), so left out then: the object's record, and an extra
 * key's path (a `patternProperties` schema that any value passes).
 */
const DROPPABLE: ReadonlyArray<readonly [marker: string, line: RegExp, name: Local]> = [
  ['const r = v as Record<string, unknown>;', /^ *const r = v as Record<string, unknown>;\n/m, 'r'],
  ['const kp = o === null ? "" : ', /^ *const kp = o === null \? "" : [^\n]*;\n/m, 'kp'],
];

/** A function's statements with the count of failures at entry and the answer at the end ("no new failures"). */
function functionBody(body: Body): string {
  // A body that ends in a return (a union that is not nullable) answers itself.
  if (body.endsWithReturn()) return body.text;
  return `  const n = o === null ? 0 : o.n;\n${body.text}  return o === null || o.n === n;\n`;
}

function hasUnevaluated(node: SchemaNode): boolean {
  return node.unevaluatedProperties !== undefined || node.unevaluatedItems !== undefined;
}

function isComposite(node: SchemaNode): boolean {
  return node.kind === 'object' || node.kind === 'array' || node.kind === 'union' || node.kind === 'intersection';
}

/**
 * A primitive's check: its type test, then (only for a value of the type) its constraints. A node without
 * `type` (`typeImplied`) constrains values of its type only.
 */
function typed(b: Body, site: Site, n: SchemaNode, notType: string, isType: string, what: string, constraints: Check[]): Check | undefined {
  const rest = or(constraints);
  if (n.typeImplied) return rest && and(isType, rest);
  const typeCheck = b.typeFail(site, notType, what, n.pointer);
  if (!rest) return typeCheck;
  return { code: `${notType} ? ${b.typeFail(site, 'true', what, n.pointer).code} : ${wrap(rest, 'cond')}`, prec: 'cond' };
}

/** A call of a check function: its failure fails the caller (the issues are already recorded). */
function callCheck(call: string): Check {
  return { code: `!${call} && o === null`, prec: 'and' };
}

const PRECEDENCE = { atom: 3, and: 2, or: 1, cond: 0 } as const;

/** The code of `c` as an operand of an operator of precedence `at`. */
function wrap(c: Check, at: Check['prec']): string {
  return PRECEDENCE[c.prec] > PRECEDENCE[at] || (c.prec === at && at !== 'cond') ? c.code : `(${c.code})`;
}

/** `test && c`. */
function and(test: string, c: Check): Check {
  return { code: `${test} && ${wrap(c, 'and')}`, prec: 'and' };
}

/** The checks joined by `||` (each runs when the one before it did not stop), or undefined when there are none. */
function or(cs: ReadonlyArray<Check | undefined>): Check | undefined {
  const present = cs.filter((c): c is Check => c !== undefined);
  if (present.length <= 1) return present[0];
  return { code: present.map((c) => wrap(c, 'or')).join(' || '), prec: 'or' };
}

/** A path expression for a call: built only when issues are collected. */
function lazy(path: string): string {
  return /^[a-z]+$/.test(path) ? path : `(o === null ? "" : ${path})`;
}

/** A schema pointer expression for a call (`s`, a literal, or `s + "/…"`, built only when issues are collected). */
function lazyPointer(ptr: string): string {
  return ptr.startsWith('s + ') ? `o === null ? "" : ${ptr}` : ptr;
}

function literal(v: unknown): string {
  if (typeof v === 'string') return lit(v);
  return JSON.stringify(v);
}


/** `cond && ` with the parentheses `||` needs; nothing for an unconditional failure. */
function guard(cond: string): string {
  if (cond === 'true') return '';
  return cond.includes('||') ? `(${cond}) && ` : `${cond} && `;
}

/** The text of a function body, with indentation and the failure idioms. */
class Body {
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
const NO_BODY = new Body('');
