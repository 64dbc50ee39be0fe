import type { IrDocument, SchemaNode } from './types.js';

/** A child of a schema node and the word it adds to a name hint ('' for none). */
export interface Child {
  node: SchemaNode;
  word: string;
}

/** The direct children of a node, in a fixed order. Exhaustive over kinds. */
export function childrenOf(node: SchemaNode): Child[] {
  const out: Child[] = [];
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
      for (const p of node.properties) out.push({ node: p.schema, word: p.name });
      if (typeof node.additionalProperties === 'object') out.push({ node: node.additionalProperties, word: 'Value' });
      for (const pp of node.patternProperties ?? []) out.push({ node: pp.schema, word: 'Value' });
      break;
    case 'array':
      (node.prefixItems ?? []).forEach((n, i) => out.push({ node: n, word: `Item${i}` }));
      out.push({ node: node.items, word: 'Item' });
      break;
    case 'union':
      node.members.forEach((m, i) => out.push({ node: m, word: `Option${i + 1}` }));
      break;
    case 'intersection':
      for (const m of node.members) out.push({ node: m, word: '' });
      break;
    default:
      return assertNever(node);
  }
  if (node.not) out.push({ node: node.not, word: 'Not' });
  return out;
}

/**
 * A copy of `node` with each child replaced by `f(child, word)`; the same object when nothing changed.
 * Exhaustive over kinds.
 */
export function mapChildren(node: SchemaNode, f: (child: SchemaNode, word: string) => SchemaNode): SchemaNode {
  let changed = false;
  const m = (child: SchemaNode, word: string): SchemaNode => {
    const r = f(child, word);
    if (r !== child) changed = true;
    return r;
  };
  let out: SchemaNode;
  switch (node.kind) {
    case 'ref':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'unknown':
    case 'never':
    case 'enum':
      out = { ...node };
      break;
    case 'object':
      out = {
        ...node,
        properties: node.properties.map((p) => ({ ...p, schema: m(p.schema, p.name) })),
        ...(typeof node.additionalProperties === 'object' ? { additionalProperties: m(node.additionalProperties, 'Value') } : {}),
        ...(node.patternProperties ? { patternProperties: node.patternProperties.map((pp) => ({ ...pp, schema: m(pp.schema, 'Value') })) } : {}),
      };
      break;
    case 'array':
      out = {
        ...node,
        ...(node.prefixItems ? { prefixItems: node.prefixItems.map((n, i) => m(n, `Item${i}`)) } : {}),
        items: m(node.items, 'Item'),
      };
      break;
    case 'union':
      out = { ...node, members: node.members.map((x, i) => m(x, `Option${i + 1}`)) };
      break;
    case 'intersection':
      out = { ...node, members: node.members.map((x) => m(x, '')) };
      break;
    default:
      return assertNever(node);
  }
  if (node.not) out.not = m(node.not, 'Not');
  return changed ? out : node;
}

/** Calls `f` on every schema node of the document (named schemas and operations), depth first. */
export function forEachSchemaNode(doc: IrDocument, f: (node: SchemaNode) => void): void {
  const visit = (n: SchemaNode): void => {
    f(n);
    for (const c of childrenOf(n)) visit(c.node);
  };
  for (const s of doc.schemas) visit(s.schema);
  for (const op of doc.operations) {
    for (const p of op.parameters) visit(p.schema);
    for (const c of op.requestBody?.content ?? []) visit(c.schema);
    for (const r of op.responses) {
      for (const c of r.content) visit(c.schema);
      for (const h of r.headers) visit(h.schema);
    }
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected IR node: ${JSON.stringify(x)}`);
}
