import type { IrDocument, NamedSchema, ObjectNode, SchemaNode, UnionNode } from '../../ir/types.js';
import { assertNever } from '../../ir/walk.js';
import { stringLiteral } from '../printers/literal.js';
import type { Direction } from '../printers/type-expr.js';
import { FORMAT_CHECKS, NUMBER_FORMATS } from './formats.js';

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

/**
 * Compiles IR schema nodes into plain JavaScript check functions `(v, p, o) => boolean`: `v` the value, `p` its
 * JSON pointer, `o` the issue sink (null for a yes/no answer, which returns at the first failure; else every
 * failure is counted in `o.n` and the function's answer is "no new failures"). Each check is one line:
 * `if (<fails> && $fail(o, …)) return false;` — the helpers return true only when `o` is null. Objects,
 * arrays, unions and intersections get a function each; primitives are checked inline in their parent.
 * Refs call the named schema's function, so recursion needs nothing special. Every string from the spec goes
 * through `stringLiteral`.
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
  private readonly patterns = new Map<string, string>();
  private counter = 0;

  constructor(ir: IrDocument) {
    for (const s of ir.schemas) this.named.set(s.id, s);
  }

  /** The function checking named schema `id` in a direction (one function when both directions agree). */
  namedFunction(id: string, dir: Direction): string {
    const s = this.named.get(id);
    if (!s) return '$any';
    const d: Direction = s.differsByDirection ? dir : 'read';
    const key = `${id}\u0000${d}`;
    let name = this.namedFns.get(key);
    if (name) return name;
    name = `c_${s.name}${s.differsByDirection ? (d === 'read' ? '_r' : '_w') : ''}`;
    this.namedFns.set(key, name);
    this.emitFunction(name, s.schema, d);
    return name;
  }

  /** A function checking any node (named or not). */
  functionFor(node: SchemaNode, dir: Direction): string {
    if (node.kind === 'ref' && !node.nullable && node.not === undefined) return this.namedFunction(node.target, dir);
    let byDir = this.anonFns.get(node);
    if (!byDir) this.anonFns.set(node, (byDir = new Map()));
    let name = byDir.get(dir);
    if (name) return name;
    name = `c${this.counter++}`;
    byDir.set(dir, name);
    this.emitFunction(name, node, dir);
    return name;
  }

  private emitFunction(name: string, node: SchemaNode, dir: Direction): void {
    const index = this.functions.length;
    this.functions.push('');
    const body = new Body(node.pointer);
    this.checkInto(body, node, dir, 'v', 'p', true);
    const base = body.usesBase ? `  const s = ${lit(node.pointer)};\n` : '';
    const text = body.text('  ');
    // The answer: no failure since entry (`n`), unless the body already returned (a union that is not nullable).
    const last = text.trimEnd().split('\n').pop()!.trim();
    const tail = last.startsWith('return ') ? '' : '  return o === null || o.n === n;\n';
    const count = tail === '' ? '' : '  const n = o === null ? 0 : o.n;\n';
    this.functions[index] = `function ${name}(v: unknown, p: string, o: $Out): boolean {\n${base}${count}${text}${tail}}`;
  }

  /**
   * Statements that check the value in variable `x` (JSON pointer expression `path`): each failure is recorded
   * in `o`, or answers false at once when `o` is null.
   */
  private checkInto(b: Body, node: SchemaNode, dir: Direction, x: string, path: string, top = false): void {
    const opened = node.nullable && node.kind !== 'null' && node.kind !== 'unknown';
    if (opened) b.open(`if (${x} !== null) {`);
    if (node.not !== undefined) {
      const fn = this.functionFor(node.not, dir);
      b.fail(`${fn}(${x}, "", null)`, path, 'not', 'must not match the schema in "not"', node.pointer + '/not');
    }
    switch (node.kind) {
      case 'ref': {
        // A ref to an enum is checked in place: a comparison costs less than a call.
        const target = this.named.get(node.target)?.schema;
        if (target && target.kind === 'enum' && !target.nullable && target.not === undefined) this.enumCheck(b, target, x, path);
        else b.call(`${this.namedFunction(node.target, dir)}(${x}, ${lazy(path)}, o)`);
        break;
      }
      case 'unknown':
        break;
      case 'never':
        b.fail('true', path, 'false', 'no value is allowed here', node.pointer);
        break;
      case 'null':
        b.typeFail(`${x} !== null`, path, 'null', node.pointer);
        break;
      case 'boolean':
        b.typeFail(`typeof ${x} !== "boolean"`, path, 'a boolean', node.pointer);
        break;
      case 'string':
        this.string(b, node, x, path);
        break;
      case 'number':
        this.number(b, node, x, path);
        break;
      case 'enum':
        this.enumCheck(b, node, x, path);
        break;
      case 'object':
      case 'array':
      case 'union':
      case 'intersection':
        if (top) this.composite(b, node, dir, x, path);
        else b.call(`${this.functionFor(node, dir)}(${x}, ${lazy(path)}, o)`);
        break;
      default:
        assertNever(node);
    }
    if (opened) b.close('}');
  }

  private composite(b: Body, node: ObjectNode | SchemaNode, dir: Direction, x: string, path: string): void {
    switch (node.kind) {
      case 'object':
        return this.object(b, node, dir, x, path);
      case 'array':
        return this.array(b, node, dir, x, path);
      case 'union':
        return this.union(b, node, dir, x, path);
      case 'intersection':
        for (const m of node.members) b.call(`${this.functionFor(m, dir)}(${x}, ${lazy(path)}, o)`);
        return;
      default:
        throw new Error(`not a composite node: ${node.kind}`);
    }
  }

  private string(b: Body, n: SchemaNode & { kind: 'string' }, x: string, path: string): void {
    if (n.format === 'binary') {
      // Raw bytes: what the types call Blob; a string is accepted too (text content of a part).
      if (!n.typeImplied) b.typeFail(`typeof ${x} !== "string" && !(typeof Blob !== "undefined" && ${x} instanceof Blob)`, path, 'a string or a Blob', n.pointer);
      return;
    }
    const fmt = n.format !== undefined ? FORMAT_CHECKS[n.format] : undefined;
    const constrained = (n.minLength ?? 0) > 0 || n.maxLength !== undefined || n.pattern !== undefined || fmt !== undefined;
    if (n.typeImplied) b.open(`if (typeof ${x} === "string") {`);
    else if (!constrained) {
      b.typeFail(`typeof ${x} !== "string"`, path, 'a string', n.pointer);
      return;
    } else {
      b.open(`if (typeof ${x} !== "string") {`);
      b.typeFail('true', path, 'a string', n.pointer);
      b.close('} else {', true);
    }
    if (n.minLength !== undefined && n.minLength > 0) {
      b.fail(`${x}.length < ${n.minLength * 2} && $cpLen(${x}) < ${n.minLength}`, path, 'minLength', `must have at least ${n.minLength} characters`, n.pointer + '/minLength');
    }
    if (n.maxLength !== undefined) {
      b.fail(`${x}.length > ${n.maxLength} && $cpLen(${x}) > ${n.maxLength}`, path, 'maxLength', `must have at most ${n.maxLength} characters`, n.pointer + '/maxLength');
    }
    if (n.pattern !== undefined) {
      const re = this.pattern(n.pattern, n.pointer + '/pattern');
      if (re) b.fail(`!${re}.test(${x})`, path, 'pattern', `must match the pattern ${n.pattern}`, n.pointer + '/pattern');
    }
    if (fmt) b.fail(`!${fmt}(${x})`, path, 'format', `must be a valid ${n.format}`, n.pointer + '/format');
    b.close('}');
  }

  private number(b: Body, n: SchemaNode & { kind: 'number' }, x: string, path: string): void {
    const what = n.integer ? 'an integer' : 'a number';
    const typeTest = n.integer ? `!Number.isInteger(${x})` : `!Number.isFinite(${x})`;
    const range = n.format !== undefined ? NUMBER_FORMATS[n.format] : undefined;
    const constrained = [n.minimum, n.maximum, n.exclusiveMinimum, n.exclusiveMaximum, n.multipleOf, range].some((c) => c !== undefined);
    if (n.typeImplied) b.open(`if (typeof ${x} === "number") {`);
    else if (!constrained) {
      b.typeFail(`typeof ${x} !== "number" || ${typeTest}`, path, what, n.pointer);
      return;
    } else {
      b.open(`if (typeof ${x} !== "number" || ${typeTest}) {`);
      b.typeFail('true', path, what, n.pointer);
      b.close('} else {', true);
    }
    const bound = (cond: string, kw: string, msg: string) => b.fail(cond, path, kw, msg, `${n.pointer}/${kw}`);
    if (n.minimum !== undefined) bound(`${x} < ${n.minimum}`, 'minimum', `must be >= ${n.minimum}`);
    if (n.maximum !== undefined) bound(`${x} > ${n.maximum}`, 'maximum', `must be <= ${n.maximum}`);
    if (n.exclusiveMinimum !== undefined) bound(`${x} <= ${n.exclusiveMinimum}`, 'exclusiveMinimum', `must be > ${n.exclusiveMinimum}`);
    if (n.exclusiveMaximum !== undefined) bound(`${x} >= ${n.exclusiveMaximum}`, 'exclusiveMaximum', `must be < ${n.exclusiveMaximum}`);
    if (n.multipleOf !== undefined) bound(`!$multipleOf(${x}, ${n.multipleOf})`, 'multipleOf', `must be a multiple of ${n.multipleOf}`);
    if (range) bound(`${x} < ${range[0]} || ${x} > ${range[1]}`, 'format', `must be a valid ${n.format}`);
    b.close('}');
  }

  private enumCheck(b: Body, n: SchemaNode & { kind: 'enum' }, x: string, path: string): void {
    const values = n.members.map((m) => m.value);
    const kw = n.isConst ? 'const' : 'enum';
    const msg = n.isConst ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    const primitive = values.every((v) => typeof v !== 'object' || v === null);
    let cond: string;
    if (!primitive) {
      // JSON.parse, not an object literal: a "__proto__" key stays a plain key.
      const consts = values.map((v) => {
        const name = `J${this.constants.length}`;
        this.constants.push(`const ${name}: unknown = JSON.parse(${lit(JSON.stringify(v))});`);
        return name;
      });
      cond = `(${consts.map((c) => `!$eq(${x}, ${c})`).join(' && ')})`;
    } else if (values.length <= MAX_INLINE_ENUM) {
      cond = values.map((v) => `${x} !== ${literal(v)}`).join(' && ');
    } else {
      const name = `E${this.constants.length}`;
      this.constants.push(`const ${name}: ReadonlySet<unknown> = new Set([${values.map(literal).join(', ')}]);`);
      cond = `!${name}.has(${x})`;
    }
    b.fail(cond, path, kw, msg.length > 200 ? msg.slice(0, 197) + '...' : msg, `${n.pointer}/${kw}`);
  }

  private object(b: Body, n: ObjectNode, dir: Direction, x: string, path: string): void {
    const notObject = `typeof ${x} !== "object" || ${x} === null || Array.isArray(${x})`;
    if (n.typeImplied) b.line(`if (${notObject}) return true;`);
    else b.line(`if (${notObject}) return $t(o, ${path}, "an object", ${b.ptr(n.pointer)}) && false;`);
    b.line(`const r = ${x} as Record<string, unknown>;`);
    const declared = new Set(n.properties.map((p) => p.name));
    const required = (p: (typeof n.properties)[number]) =>
      p.required && !(dir === 'write' && p.schema.readOnly) && !(dir === 'read' && p.schema.writeOnly);
    for (const name of n.extraRequired ?? []) {
      b.line(`if (${readOwn('r', name)} === undefined && $r(o, ${path}, ${lit(name)}, ${b.ptr(n.pointer)})) return false;`);
    }
    const checkProperties = (into: Body, props: typeof n.properties, at: string, first: number) =>
      props.forEach((prop, k) => {
        const child = `x${first + k}`;
        const childPath = `${at} + ${lit('/' + pointerToken(prop.name))}`;
        into.line(`const ${child} = ${readOwn('r', prop.name)};`);
        into.open(`if (${child} !== undefined) {`);
        this.checkInto(into, prop.schema, dir, child, childPath);
        into.close(required(prop) ? `} else if ($r(o, ${at}, ${lit(prop.name)}, ${into.ptr(n.pointer)})) return false;` : '}');
      });
    if (n.properties.length <= PROPERTIES_PER_FUNCTION) checkProperties(b, n.properties, path, 0);
    else {
      // TypeScript gives up on a function body this large (TS2563, "too large for control flow analysis"):
      // the properties are checked in functions of their own, a slice each.
      for (let start = 0; start < n.properties.length; start += PROPERTIES_PER_FUNCTION) {
        const fn = `c${this.counter++}`;
        const index = this.functions.length;
        this.functions.push('');
        const body = new Body(n.pointer);
        checkProperties(body, n.properties.slice(start, start + PROPERTIES_PER_FUNCTION), 'p', start);
        const base = body.usesBase ? `  const s = ${lit(n.pointer)};\n` : '';
        this.functions[index] =
          `function ${fn}(r: Record<string, unknown>, p: string, o: $Out): boolean {\n${base}  const n = o === null ? 0 : o.n;\n${body.text('  ')}  return o === null || o.n === n;\n}`;
        b.line(`if (!${fn}(r, ${path}, o) && o === null) return false;`);
      }
    }
    if (n.minProperties !== undefined || n.maxProperties !== undefined) {
      b.line('const count = Object.keys(r).length;');
      if (n.minProperties !== undefined) b.fail(`count < ${n.minProperties}`, path, 'minProperties', `must have at least ${n.minProperties} properties`, n.pointer + '/minProperties');
      if (n.maxProperties !== undefined) b.fail(`count > ${n.maxProperties}`, path, 'maxProperties', `must have at most ${n.maxProperties} properties`, n.pointer + '/maxProperties');
    }
    const ap = n.additionalProperties;
    const pp = n.patternProperties ?? [];
    const apChecks = ap === false || typeof ap === 'object';
    if (!apChecks && pp.length === 0) return;
    b.open('for (const k of Object.keys(r)) {');
    if (pp.length === 0 && declared.size > 0) b.line(`if (${[...declared].map((d) => `k === ${lit(d)}`).join(' || ')}) continue;`);
    b.line(`const kp = o === null ? "" : ${path} + "/" + $ptr(k);`);
    if (pp.length > 0) {
      b.line('let matched = false;');
      pp.forEach((entry, i) => {
        const re = this.pattern(entry.pattern, `${n.pointer}/patternProperties/${pointerToken(entry.pattern)}`);
        if (!re) return;
        b.open(`if (${re}.test(k)) {`);
        b.line('matched = true;');
        b.line(`const y${i} = r[k];`);
        this.checkInto(b, entry.schema, dir, `y${i}`, 'kp');
        b.close('}');
      });
      if (declared.size > 0) b.line(`if (matched || ${[...declared].map((d) => `k === ${lit(d)}`).join(' || ')}) continue;`);
      else b.line('if (matched) continue;');
    }
    if (ap === false) {
      b.fail('true', 'kp', 'additionalProperties', 'is not an allowed property', n.pointer + '/additionalProperties');
    } else if (typeof ap === 'object') {
      b.line('const y = r[k];');
      this.checkInto(b, ap, dir, 'y', 'kp');
    }
    b.close('}');
  }

  private array(b: Body, n: SchemaNode & { kind: 'array' }, dir: Direction, x: string, path: string): void {
    if (n.typeImplied) b.line(`if (!Array.isArray(${x})) return true;`);
    else b.line(`if (!Array.isArray(${x})) return $t(o, ${path}, "an array", ${b.ptr(n.pointer)}) && false;`);
    if (n.minItems !== undefined) b.fail(`${x}.length < ${n.minItems}`, path, 'minItems', `must have at least ${n.minItems} items`, n.pointer + '/minItems');
    if (n.maxItems !== undefined) b.fail(`${x}.length > ${n.maxItems}`, path, 'maxItems', `must have at most ${n.maxItems} items`, n.pointer + '/maxItems');
    if (n.uniqueItems) b.fail(`!$unique(${x})`, path, 'uniqueItems', 'must not have duplicate items', n.pointer + '/uniqueItems');
    const prefix = n.prefixItems ?? [];
    prefix.forEach((item, i) => {
      b.open(`if (${x}.length > ${i}) {`);
      b.line(`const z${i} = ${x}[${i}];`);
      this.checkInto(b, item, dir, `z${i}`, `${path} + "/${i}"`);
      b.close('}');
    });
    if (n.items.kind === 'unknown' && !n.items.not) return;
    b.open(`for (let i = ${prefix.length}; i < ${x}.length; i++) {`);
    b.line(`const z = ${x}[i];`);
    this.checkInto(b, n.items, dir, 'z', `${path} + "/" + i`);
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
      b.line(`if (tag === undefined) return $fail(o, ${path}, "discriminator", ${lit(`must have the discriminator property '${d.propertyName}'`)}, ${b.ptr(n.pointer + '/discriminator')}) && false;`);
      const expected = d.mapping.map((m) => JSON.stringify(m.value)).join(', ');
      b.line(`return $fail(o, o === null ? "" : ${path} + ${lit('/' + pointerToken(d.propertyName))}, "discriminator", ${lit(`unknown tag; expected one of ${expected}`)}, ${b.ptr(n.pointer + '/discriminator')}) && false;`);
      return;
    }
    const fns = n.members.map((m) => this.functionFor(m, dir));
    if (n.mode === 'anyOf') {
      b.line(`if (${fns.map((f) => `${f}(${x}, ${path}, null)`).join(' || ')}) return true;`);
      b.line(`return $fail(o, ${path}, "anyOf", "must match at least one of the schemas in anyOf", ${b.ptr(n.pointer + '/anyOf')}) && false;`);
      return;
    }
    b.line('let m = 0;');
    for (const f of fns) b.line(`if (${f}(${x}, ${path}, null)) m++;`);
    b.line('if (m === 1) return true;');
    b.line(`return $fail(o, ${path}, "oneOf", m === 0 ? "must match one of the schemas in oneOf" : "must match exactly one schema in oneOf, matched " + m, ${b.ptr(n.pointer + '/oneOf')}) && false;`);
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
    const name = `R${this.patterns.size}`;
    this.patterns.set(source, name);
    this.constants.push(`const ${name} = new RegExp(${lit(source)}${flags ? ', "u"' : ''});`);
    return name;
  }
}

/** Names that exist on Object.prototype: reading them needs an own-property check. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * Reads an own property (undefined when absent). Only names that Object.prototype has (`__proto__`,
 * `constructor`, `toString`…) can be found on a JSON object's prototype, so only they pay for the check; any
 * other name is read directly, which is several times faster.
 */
function readOwn(obj: string, name: string): string {
  const key = lit(name);
  return PROTOTYPE_NAMES.has(name) ? `($has.call(${obj}, ${key}) ? ${obj}[${key}] : undefined)` : `${obj}[${key}]`;
}

/** A path expression for a call: built only when issues are collected. */
function lazy(path: string): string {
  return /^[a-z]+$/.test(path) ? path : `(o === null ? "" : ${path})`;
}

function literal(v: unknown): string {
  if (typeof v === 'string') return lit(v);
  return JSON.stringify(v);
}

function pointerToken(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `cond && ` with the parentheses `||` needs; nothing for an unconditional failure. */
function guard(cond: string): string {
  if (cond === 'true') return '';
  return cond.includes('||') ? `(${cond}) && ` : `${cond} && `;
}

/** Lines of a function body with indentation and the failure idioms. */
class Body {
  private readonly lines: string[] = [];
  private depth = 0;
  /** Set when a schema pointer was written relative to the function's own pointer (`s + "/…"`). */
  usesBase = false;

  constructor(private readonly base: string) {}

  /** A schema pointer as code: relative to the function's node when it is below it. */
  ptr(pointer: string): string {
    if (this.base !== '' && pointer === this.base) {
      this.usesBase = true;
      return 's';
    }
    if (this.base !== '' && pointer.startsWith(this.base + '/')) {
      this.usesBase = true;
      return `s + ${lit(pointer.slice(this.base.length))}`;
    }
    return lit(pointer);
  }

  line(s: string): void {
    this.lines.push('  '.repeat(this.depth) + s);
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

  /** Records a failure here (inside a failing branch). */
  /** One line: on `cond`, record the failure; in yes/no mode, answer no at once. */
  fail(cond: string, path: string, keyword: string, message: string, schemaPointer: string): void {
    const head = guard(cond);
    this.line(`if (${head}$fail(o, ${path}, ${lit(keyword)}, ${lit(message)}, ${this.ptr(schemaPointer)})) return false;`);
  }

  /** A `type` failure: "must be <what>", at `<schemaPointer>/type`. */
  typeFail(cond: string, path: string, what: string, schemaPointer: string): void {
    const head = guard(cond);
    this.line(`if (${head}$t(o, ${path}, ${lit(what)}, ${this.ptr(schemaPointer)})) return false;`);
  }

  /** Calls a check; its failure fails this one (its issues are already recorded). */
  call(expr: string): void {
    this.line(`if (!${expr} && o === null) return false;`);
  }

  text(indent: string): string {
    return this.lines.map((l) => indent + l + '\n').join('');
  }
}
