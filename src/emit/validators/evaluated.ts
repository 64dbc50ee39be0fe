import type { SchemaNode } from '../../ir/types.js';
import { assertNever } from '../../ir/walk.js';
import { stringLiteral as lit, withoutStringLiterals } from '../printers/literal.js';
import type { Direction } from '../printers/type-expr.js';
import { escapeToken } from '../../diagnostics/pointer.js';
import { readOwn, reads } from './js-code.js';

/**
 * What `unevaluatedProperties` / `unevaluatedItems` need: for a node the value passed, a test of which of its
 * properties (items) the node evaluated, as generated code. The node's own keywords count (`properties`,
 * `patternProperties`, `additionalProperties`; `prefixItems`, `items`, `contains`), and so do the subschemas it
 * applies in place, where the value passes them: every `allOf` member, the matching `anyOf`/`oneOf` members, `if`
 * when it matches and then `then` (else `else`), `dependentSchemas` whose property is present, a ref's target, and
 * a nested `unevaluated*` (all of them). What depends on the whole value only (which members match) is computed
 * once per value (`Evaluated.pre`); a ref, a union or an intersection gets a function of its own, `$ek12(r)` /
 * `$ei3(a)`, returning the test `(k) => boolean`.
 */

/** What the tests need of the check compiler. */
export interface EvaluatedHost {
  /** A yes/no call of the check of `node` on the value in the variable `x`. */
  matches(node: SchemaNode, dir: Direction, x: string): string;
  /** A module constant (one per distinct value), by its name. */
  constant(prefix: string, type: string, init: string): string;
  /** A module constant holding the compiled pattern, or undefined when it cannot be compiled. */
  pattern(source: string, pointer: string): string | undefined;
  /** The schema of a named schema. */
  named(id: string): SchemaNode | undefined;
  /** Takes a place among the module's functions now; the function's text is given later. */
  reserveFunction(): (text: string) => void;
  /** A fresh number for a function's name. */
  nextId(): number;
  /** The runtime's `$` names that the generated code calls. */
}

/** Enum-like lists of more names than this are a `Set` constant. */
const MAX_INLINE_NAMES = 6;

export class EvaluatedTests {
  /** The functions of refs (by the named schema's id), unions and intersections (by node); then by direction and kind. */
  private readonly fns = new Map<SchemaNode | string, Map<string, string>>();

  constructor(private readonly host: EvaluatedHost) {}

  /**
   * An expression in the key `k` (or the index `i`) that is true when `node`, which the value (`r`, `a`) passed,
   * evaluated that property (item): 'true' when it evaluates all of them, 'false' when none. What depends on the
   * whole value only is added to `ev.pre`, to be computed once per value.
   */
  test(node: SchemaNode, dir: Direction, ev: Evaluated): string {
    // Known before any code is made: code made for a part that another part makes moot would be left unread
    // (a local, a function), which `noUnusedLocals` refuses.
    if (this.all(node, ev.what)) return 'true';
    const parts: string[] = [];
    switch (node.kind) {
      case 'object': {
        if (ev.what === 'items') break;
        const names = [...new Set(node.properties.map((p) => p.name))];
        if (names.length > MAX_INLINE_NAMES) parts.push(`${this.host.constant('$E', 'ReadonlySet<unknown>', `new Set([${names.map((x) => lit(x)).join(', ')}])`)}.has(k)`);
        else for (const name of names) parts.push(`k === ${lit(name)}`);
        for (const pp of node.patternProperties ?? []) {
          const re = this.host.pattern(pp.pattern, `${node.pointer}/patternProperties/${escapeToken(pp.pattern)}`);
          if (re) parts.push(`${re}.test(k)`);
        }
        for (const d of node.dependentSchemas ?? []) {
          const e = this.test(d.schema, dir, ev);
          if (e === 'false') continue;
          const present = ev.local(`${readOwn('r', d.property)} !== undefined`);
          parts.push(e === 'true' ? present : `${present} && ${paren(e)}`);
        }
        break;
      }
      case 'array': {
        if (ev.what === 'keys') break;
        const prefix = node.prefixItems?.length ?? 0;
        if (prefix > 0) parts.push(`i < ${prefix}`);
        if (node.contains !== undefined) parts.push(this.host.matches(node.contains, dir, 'a[i]'));
        break;
      }
      case 'ref':
      case 'union':
      case 'intersection':
        parts.push(`${ev.local(this.evaluatedFunction(node, dir, ev.what))}(${ev.index})`);
        break;
      case 'string':
      case 'number':
      case 'boolean':
      case 'null':
      case 'enum':
      case 'unknown':
      case 'never':
        break;
      default:
        assertNever(node);
    }
    const c = node.conditional;
    if (c) {
      // `if`'s own evaluations count only when the value matched it.
      const matched =
        this.all(c.if, ev.what) || (c.then !== undefined && this.all(c.then, ev.what))
          ? 'true'
          : anyOf([this.test(c.if, dir, ev), c.then ? this.test(c.then, dir, ev) : 'false']);
      const otherwise = c.else ? this.test(c.else, dir, ev) : 'false';
      if (matched !== 'false' || otherwise !== 'false') {
        const test = ev.local(this.host.matches(c.if, dir, ev.value));
        parts.push(`(${test} ? ${paren(matched)} : ${paren(otherwise)})`);
      }
    }
    return anyOf(parts);
  }

  /**
   * True when the node evaluates every property (item) of a value that passes it, whatever the value: its own
   * `unevaluated*`, `additionalProperties` (properties), `items` (items), an `allOf` member or a ref's target
   * that does.
   */
  all(node: SchemaNode, what: 'keys' | 'items', seen?: Set<string>): boolean {
    if ((what === 'keys' ? node.unevaluatedProperties : node.unevaluatedItems) !== undefined) return true;
    switch (node.kind) {
      case 'object':
        return what === 'keys' && node.additionalProperties !== undefined;
      case 'array':
        return what === 'items' && !node.itemsUnset;
      case 'intersection':
        return node.members.some((m) => this.all(m, what, seen));
      case 'ref': {
        // A ref cycle in place is refused before this (SF2007); the set only keeps a broken IR from looping.
        const visited = seen ?? new Set<string>();
        if (visited.has(node.target)) return false;
        visited.add(node.target);
        const target = this.host.named(node.target);
        return target !== undefined && this.all(target, what, visited);
      }
      default:
        return false;
    }
  }

  /**
   * A call, on the value (`r` or `a`), of the function that makes the test of what a ref, a union or an
   * intersection evaluated (`$ek12(r)`, `$ei3(a)`, each returning `(k) => boolean`); one per named schema and
   * direction, or per node. A union's member counts only when the value matches it.
   */
  private evaluatedFunction(node: SchemaNode & { kind: 'ref' | 'union' | 'intersection' }, dir: Direction, what: 'keys' | 'items'): string {
    const value = what === 'keys' ? 'r' : 'a';
    const key = `${dir}\u0000${what}`;
    const id = node.kind === 'ref' ? node.target : node;
    let byKey = this.fns.get(id);
    if (!byKey) this.fns.set(id, (byKey = new Map()));
    const known = byKey.get(key);
    if (known) return `${known}(${value})`;
    const name = `$e${what === 'keys' ? 'k' : 'i'}${this.host.nextId()}`;
    byKey.set(key, name);
    // Its place is taken before its body is made: a ref met again inside it calls it.
    const place = this.host.reserveFunction();
    const ev = new Evaluated(what);
    let test: string;
    if (node.kind === 'ref') {
      const target = this.host.named(node.target);
      test = target ? this.test(target, dir, ev) : 'false';
    } else if (node.kind === 'intersection') {
      test = anyOf(node.members.map((m) => this.test(m, dir, ev)));
    } else {
      const parts: string[] = [];
      for (const m of node.members) {
        const e = this.test(m, dir, ev);
        if (e === 'false') continue;
        const matches = ev.local(this.host.matches(m, dir, value));
        parts.push(e === 'true' ? matches : `${matches} && ${paren(e)}`);
      }
      test = anyOf(parts);
    }
    const type = what === 'keys' ? 'Record<string, unknown>' : 'unknown[]';
    const arg = what === 'keys' ? 'k: string' : 'i: number';
    const body = `${ev.pre.map((l) => `  ${l}\n`).join('')}  return (${reads(withoutStringLiterals(test), ev.index) ? arg : ''}) => ${test};\n`;
    const code = withoutStringLiterals(body);
    place(`function ${name}(${reads(code, value) ? value : '_' + value}: ${type}): (${arg}) => boolean {\n${body}}`);
    return `${name}(${value})`;
  }
}

/**
 * The test of what a node evaluated, being built for one object (`keys`: its record `r`, the key `k`) or array
 * (`items`: `a`, the index `i`): the values that depend on the whole value only, as local constants (`pre`).
 */
export class Evaluated {
  readonly pre: string[] = [];
  readonly value: 'r' | 'a';
  readonly index: 'k' | 'i';

  constructor(readonly what: 'keys' | 'items') {
    this.value = what === 'keys' ? 'r' : 'a';
    this.index = what === 'keys' ? 'k' : 'i';
  }

  /** A local constant holding `expr` (computed once per value), by its name. */
  local(expr: string): string {
    const name = `e${this.pre.length}`;
    this.pre.push(`const ${name} = ${expr};`);
    return name;
  }
}

/** Expressions joined by `||`: 'true' when one is, 'false' when there are none. */
function anyOf(parts: readonly string[]): string {
  const present = parts.filter((x) => x !== 'false');
  if (present.includes('true')) return 'true';
  if (present.length === 0) return 'false';
  return present.length === 1 ? present[0]! : present.map(paren).join(' || ');
}

/** An expression as an operand of `&&`, `||` or `?:`: parenthesised unless it is a call, a name or a comparison without operators. */
function paren(e: string): string {
  return /^[\w$.]+(\([^()]*\))?$/.test(e) || /^[\w$.]+ (===|<) [\w$."]+$/.test(withoutStringLiterals(e)) ? e : `(${e})`;
}
