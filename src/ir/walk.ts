import type { SchemaNode } from './types.js';

/** Calls `f` on each direct child of a node (properties, extra and pattern properties, items, members, `not`), allocating nothing. Exhaustive over kinds. */
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
      break;
    case 'array':
      if (node.prefixItems) for (const n of node.prefixItems) f(n);
      f(node.items);
      break;
    case 'union':
    case 'intersection':
      for (const m of node.members) f(m);
      break;
    default:
      assertNever(node);
  }
  if (node.not) f(node.not);
}

/**
 * A copy of `node` with each child replaced by `f(child, word)`; the same object when nothing changed (and then
 * nothing is allocated). Exhaustive over kinds.
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
      let properties: typeof node.properties | undefined;
      node.properties.forEach((p, i) => {
        const schema = f(p.schema, p.name);
        if (schema === p.schema && properties === undefined) return;
        properties ??= node.properties.slice(0, i);
        properties.push(schema === p.schema ? p : { ...p, schema });
      });
      const ap = typeof node.additionalProperties === 'object' ? f(node.additionalProperties, 'Value') : node.additionalProperties;
      let patternProperties: typeof node.patternProperties;
      node.patternProperties?.forEach((pp, i) => {
        const schema = f(pp.schema, 'Value');
        if (schema === pp.schema && patternProperties === undefined) return;
        patternProperties ??= node.patternProperties!.slice(0, i);
        patternProperties.push(schema === pp.schema ? pp : { ...pp, schema });
      });
      if (properties || ap !== node.additionalProperties || patternProperties) {
        out = { ...node, properties: properties ?? node.properties };
        if (ap !== node.additionalProperties) out.additionalProperties = ap;
        if (patternProperties) out.patternProperties = patternProperties;
      }
      break;
    }
    case 'array': {
      const prefixItems = node.prefixItems ? mapList(node.prefixItems, (n, i) => f(n, `Item${i}`)) : undefined;
      const items = f(node.items, 'Item');
      if (prefixItems !== node.prefixItems || items !== node.items) {
        out = { ...node, items };
        if (prefixItems) out.prefixItems = prefixItems;
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
  return out;
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
