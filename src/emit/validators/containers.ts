import type { ObjectNode, SchemaNode } from '../../ir/types.js';
import { stringLiteral as lit } from '../printers/literal.js';
import type { Direction } from '../printers/type-expr.js';
import { and, assemble, Body, lazyPointer, or, type Check, type Site } from './check-code.js';
import { Evaluated, type EvaluatedTests } from './evaluated.js';
import { escapeToken } from '../../diagnostics/pointer.js';
import { readOwn, readsVar } from './js-code.js';

/**
 * The checks of the container nodes, objects and arrays, and of `unevaluated*` (which loops over an object's keys
 * or an array's items): the statements of their check functions, made for the compiler (compile.ts) through the
 * few things of it they use.
 */
export interface CompilerHost {
  /** The check of the value in variable `x` (at `site`), or undefined when any value passes. */
  check(b: Body, node: SchemaNode, dir: Direction, x: string, site: Site): Check | undefined;
  /** A call of the function checking `node` (the value `x` at `path`). */
  call(b: Body, node: SchemaNode, dir: Direction, x: string, path: string, o: 'o' | 'null'): string;
  /** A module constant holding a compiled pattern, or undefined when it cannot be compiled. */
  pattern(source: string, pointer: string): string | undefined;
  /** The name of a function whose text after its name is `text`: one function for every place that has the same. */
  sharedFunction(text: string): string;
  /** The node without its `unevaluated*`. */
  baseOf(node: SchemaNode): SchemaNode;
  readonly evaluated: EvaluatedTests;
}

/** Properties checked in one function at most: TypeScript gives up on a larger function body (TS2563). */
const PROPERTIES_PER_FUNCTION = 120;

/** The statements checking an object: properties, counts, dependencies, names, additional and pattern properties. */
export function objectChecks(h: CompilerHost, b: Body, n: ObjectNode, dir: Direction, x: string, path: string): void {
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
      const token = escapeToken(prop.name);
      const site: Site = { path: `${at} + ${lit('/' + token)}` };
      // The short helpers build the property's path from `p` and its schema pointer from `s`.
      if (at === 'p' && into.isBase(n.pointer) && prop.schema.pointer === `${n.pointer}/properties/${token}`) {
        site.prop = { name: prop.name, pointer: prop.schema.pointer };
      }
      const c = h.check(into, prop.schema, dir, child, site);
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
      const fn = h.sharedFunction(text);
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
    const at = `${n.pointer}/dependentRequired/${escapeToken(d.property)}`;
    const absent = or(d.required.map((name) => b.fail({ path }, `${readOwn('r', name)} === undefined`, 'dependentRequired', `must have the property '${name}' when '${d.property}' is present`, at, 'node')));
    if (absent) b.line(`if (${and(`${readOwn('r', d.property)} !== undefined`, absent).code}) return false;`);
  }
  for (const d of n.dependentSchemas ?? []) {
    const c = h.check(b, d.schema, dir, x, { path });
    if (c) b.line(`if (${and(`${readOwn('r', d.property)} !== undefined`, c).code}) return false;`);
  }
  if (n.propertyNames !== undefined) {
    const c = h.check(b, n.propertyNames, dir, 'k', { path: `${path} + "/" + $.ptr(k)` });
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
  const apCheck = typeof ap === 'object' ? h.check(b, ap, dir, 'y', keySite) : undefined;
  if (ap !== false && apCheck === undefined && pp.length === 0) return;
  const declared = n.properties.map((p) => `k === ${lit(p.name)}`);
  b.open('for (const k of Object.keys(r)) {');
  if (pp.length === 0 && declared.length > 0) b.line(`if (${[...new Set(declared)].join(' || ')}) continue;`);
  b.line(`const kp = o === null ? "" : ${path} + "/" + $.ptr(k);`);
  if (pp.length > 0) {
    b.line('let matched = false;');
    pp.forEach((entry, i) => {
      const re = h.pattern(entry.pattern, `${n.pointer}/patternProperties/${escapeToken(entry.pattern)}`);
      if (!re) return;
      b.open(`if (${re}.test(k)) {`);
      b.line('matched = true;');
      const c = h.check(b, entry.schema, dir, `y${i}`, keySite);
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

/** The statements checking an array: counts, uniqueness, `contains`, prefix items and items. */
export function arrayChecks(h: CompilerHost, b: Body, n: SchemaNode & { kind: 'array' }, dir: Direction, x: string, path: string): void {
  const site: Site = { path };
  if (n.typeImplied) b.line(`if (!Array.isArray(${x})) return true;`);
  else b.line(`if (!Array.isArray(${x})) return $.t(o, ${path}, "an array", ${b.ptr(n.pointer)}) && false;`);
  if (n.minItems !== undefined) b.line(`if (${b.fail(site, `${x}.length < ${n.minItems}`, 'minItems', `must have at least ${n.minItems} items`, n.pointer).code}) return false;`);
  if (n.maxItems !== undefined) b.line(`if (${b.fail(site, `${x}.length > ${n.maxItems}`, 'maxItems', `must have at most ${n.maxItems} items`, n.pointer).code}) return false;`);
  if (n.uniqueItems) b.line(`if (${b.fail(site, `!$.unique(${x})`, 'uniqueItems', 'must not have duplicate items', n.pointer).code}) return false;`);
  const min = n.minContains ?? 1;
  if (n.contains !== undefined && (min > 0 || n.maxContains !== undefined)) {
    const matches = h.call(b, n.contains, dir, 'z', '""', 'null');
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
    const c = h.check(b, item, dir, `z${i}`, { path: `${path} + "/${i}"` });
    if (!c) return;
    b.open(`if (${x}.length > ${i}) {`);
    if (readsVar(c.code, `z${i}`)) b.line(`const z${i} = ${x}[${i}];`);
    b.line(`if (${c.code}) return false;`);
    b.close('}');
  });
  const c = h.check(b, n.items, dir, 'z', { path: `${path} + "/" + i` });
  if (!c) return;
  b.open(`for (let i = ${prefix.length}; i < ${x}.length; i++) {`);
  if (readsVar(c.code, 'z')) b.line(`const z = ${x}[i];`);
  b.line(`if (${c.code}) return false;`);
  b.close('}');
}

/**
 * The statements of a function checking a node with `unevaluatedProperties` or `unevaluatedItems`: the node's
 * other checks first (its function without them); only a value that passed them has evaluated properties and
 * items to speak of. Then each property (item) that no part of the node evaluated is checked against the
 * keyword's schema. What depends on the whole value (which `oneOf` member matched, whether `if` did) is worked
 * out once, before the loop over its keys (evaluated.ts).
 */
export function unevaluatedChecks(h: CompilerHost, b: Body, node: SchemaNode, dir: Direction): void {
  const base = h.baseOf(node);
  const c = h.check(b, base, dir, 'v', { path: 'p' });
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
    if (h.evaluated.all(base, what)) continue;
    const path = what === 'keys' ? 'kp' : 'p + "/" + i';
    const uCheck = u.kind === 'never' ? undefined : h.check(b, u, dir, 'y', { path });
    if (u.kind !== 'never' && !uCheck) continue;
    const ev = new Evaluated(what);
    const test = h.evaluated.test(base, dir, ev);
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
