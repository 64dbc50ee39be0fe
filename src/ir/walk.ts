import type { SchemaNode } from './types.js';

/**
 * Calls `f` on each direct child of a node (properties, extra and pattern properties, property names, dependent
 * schemas, items, `contains`, members, `not`, `if`/`then`/`else`, `unevaluated*`), allocating nothing. Exhaustive over kinds.
 */
export function forEachChild(node: SchemaNode, f: (child: SchemaNode) => void): void {
  switch (node.kind) {
    case 'ref':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'never':
    case 'enum':
      break;
    case 'object':
      for (const p of node.properties) f(p.schema);
      if (typeof node.additionalProperties === 'object') f(node.additionalProperties);
      if (node.patternProperties) for (const pp of node.patternProperties) f(pp.schema);
      if (node.propertyNames) f(node.propertyNames);
      if (node.dependentSchemas) for (const d of node.dependentSchemas) f(d.schema);
      break;
    case 'array':
      if (node.prefixItems) for (const n of node.prefixItems) f(n);
      f(node.items);
      if (node.contains) f(node.contains);
      break;
    case 'union':
    case 'intersection':
      for (const m of node.members) f(m);
      break;
    default:
      assertNever(node);
  }
  if (node.not) f(node.not);
  const c = node.conditional;
  if (c) {
    f(c.if);
    if (c.then) f(c.then);
    if (c.else) f(c.else);
  }
  if (node.unevaluatedProperties) f(node.unevaluatedProperties);
  if (node.unevaluatedItems) f(node.unevaluatedItems);
}

/**
 * A copy of `node` with each child replaced by `f(child, word)`; the same object when nothing changed (and then
 * nothing is allocated). `word` names the child's place (a hoisted enum's name is made of them). Exhaustive over
 * kinds.
 */
export function mapChildren(node: SchemaNode, f: (child: SchemaNode, word: string) => SchemaNode): SchemaNode {
  let out: SchemaNode = node;
  switch (node.kind) {
    case 'ref':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'never':
    case 'enum':
      break;
    case 'object': {
      const properties = mapEntries(node.properties, (p) => f(p.schema, p.name));
      const ap = typeof node.additionalProperties === 'object' ? f(node.additionalProperties, 'Value') : node.additionalProperties;
      const patternProperties = node.patternProperties && mapEntries(node.patternProperties, (pp) => f(pp.schema, 'Value'));
      const propertyNames = node.propertyNames && f(node.propertyNames, 'Key');
      const dependentSchemas = node.dependentSchemas && mapEntries(node.dependentSchemas, (d) => f(d.schema, 'Dependent'));
      if (
        properties !== node.properties ||
        ap !== node.additionalProperties ||
        patternProperties !== node.patternProperties ||
        propertyNames !== node.propertyNames ||
        dependentSchemas !== node.dependentSchemas
      ) {
        out = { ...node, properties };
        if (ap !== node.additionalProperties) out.additionalProperties = ap;
        if (patternProperties) out.patternProperties = patternProperties;
        if (propertyNames) out.propertyNames = propertyNames;
        if (dependentSchemas) out.dependentSchemas = dependentSchemas;
      }
      break;
    }
    case 'array': {
      const prefixItems = node.prefixItems ? mapList(node.prefixItems, (n, i) => f(n, `Item${i}`)) : undefined;
      const items = f(node.items, 'Item');
      const contains = node.contains && f(node.contains, 'Contains');
      if (prefixItems !== node.prefixItems || items !== node.items || contains !== node.contains) {
        out = { ...node, items };
        if (prefixItems) out.prefixItems = prefixItems;
        if (contains) out.contains = contains;
      }
      break;
    }
    case 'union': {
      const members = mapList(node.members, (x, i) => f(x, `Option${i + 1}`));
      if (members !== node.members) out = { ...node, members };
      break;
    }
    case 'intersection': {
      const members = mapList(node.members, (x) => f(x, ''));
      if (members !== node.members) out = { ...node, members };
      break;
    }
    default:
      return assertNever(node);
  }
  if (node.not) {
    const not = f(node.not, 'Not');
    if (not !== node.not) out = { ...out, not };
  }
  const c = node.conditional;
  if (c) {
    const cif = f(c.if, 'If');
    const cthen = c.then && f(c.then, 'Then');
    const celse = c.else && f(c.else, 'Else');
    if (cif !== c.if || cthen !== c.then || celse !== c.else) {
      const conditional: typeof c = { if: cif };
      if (cthen) conditional.then = cthen;
      if (celse) conditional.else = celse;
      out = { ...out, conditional };
    }
  }
  if (node.unevaluatedProperties) {
    const unevaluatedProperties = f(node.unevaluatedProperties, 'Value');
    if (unevaluatedProperties !== node.unevaluatedProperties) out = { ...out, unevaluatedProperties };
  }
  if (node.unevaluatedItems) {
    const unevaluatedItems = f(node.unevaluatedItems, 'Item');
    if (unevaluatedItems !== node.unevaluatedItems) out = { ...out, unevaluatedItems };
  }
  return out;
}

/** Entries `{ schema, … }` with each schema replaced by `f(entry)`, or `xs` itself when none changed. */
function mapEntries<T extends { schema: SchemaNode }>(xs: T[], f: (x: T) => SchemaNode): T[] {
  return mapList(xs, (x) => {
    const schema = f(x);
    return schema === x.schema ? x : { ...x, schema };
  });
}

/** `xs.map(f)`, or `xs` itself when every element maps to itself. */
function mapList<T>(xs: T[], f: (x: T, i: number) => T): T[] {
  let out: T[] | undefined;
  for (let i = 0; i < xs.length; i++) {
    const y = f(xs[i]!, i);
    if (out === undefined && y === xs[i]) continue;
    out ??= xs.slice(0, i);
    out.push(y);
  }
  return out ?? xs;
}

export function assertNever(x: never): never {
  throw new Error(`unexpected IR node: ${JSON.stringify(x)}`);
}
