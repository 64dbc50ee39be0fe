import type { IrDocument, NamedSchema, SchemaNode } from '../types.js';
import { forEachChild } from '../walk.js';

/**
 * Marks the named schemas whose request-side ("write") shape differs from their response-side ("read") shape:
 * a readOnly or writeOnly property inside them, or a ref to a schema so marked (to a fixed point). The names
 * pass gives each marked schema a second name for the write variant. With a memo (`--watch`), what a schema
 * node holds is looked at once, and an unchanged schema keeps its object.
 */
export function markDirections(doc: IrDocument, memo?: DirectionsMemo): IrDocument {
  // The same schemas (objects) as in the last run: the same result.
  if (memo && memo.inputs.length === doc.schemas.length && memo.inputs.every((s, i) => s === doc.schemas[i])) return { ...doc, schemas: memo.outputs };
  const direct = new Map<string, boolean>();
  const refs = new Map<string, Set<string>>();
  const nextNodes = new Map<SchemaNode, Scan>();
  for (const s of doc.schemas) {
    let scan = memo?.nodes.get(s.schema);
    if (!scan) {
      const targets = new Set<string>();
      scan = { found: hasDirectional(s.schema, targets), targets };
    }
    nextNodes.set(s.schema, scan);
    direct.set(s.id, scan.found);
    refs.set(s.id, scan.targets);
  }
  // A schema differs when a schema that differs is reachable through its refs: from each schema marked
  // directly, back along the refs, each schema once (a fixed point found by sweeping again until nothing
  // changes took one sweep per link of a chain of refs: quadratic in a chain thousands of schemas long).
  const referrers = new Map<string, string[]>();
  for (const [id, targets] of refs) {
    for (const t of targets) {
      const list = referrers.get(t);
      if (list) list.push(id);
      else referrers.set(t, [id]);
    }
  }
  const differs = new Set([...direct].filter(([, v]) => v).map(([k]) => k));
  const queue = [...differs];
  for (let i = 0; i < queue.length; i++) {
    for (const id of referrers.get(queue[i]!) ?? []) {
      if (differs.has(id)) continue;
      differs.add(id);
      queue.push(id);
    }
  }
  const nextMarked = new Map<NamedSchema, NamedSchema>();
  const schemas = doc.schemas.map((s) => {
    if (!differs.has(s.id)) return s;
    const out = memo?.marked.get(s) ?? { ...s, differsByDirection: true };
    nextMarked.set(s, out);
    return out;
  });
  if (memo) Object.assign(memo, { nodes: nextNodes, marked: nextMarked, inputs: doc.schemas, outputs: schemas });
  return { ...doc, schemas };
}

interface Scan {
  found: boolean;
  targets: Set<string>;
}

/** What marking directions keeps between runs: each schema node's scan, and the marked schemas' objects. */
export interface DirectionsMemo {
  nodes: Map<SchemaNode, Scan>;
  marked: Map<NamedSchema, NamedSchema>;
  inputs: readonly NamedSchema[];
  outputs: NamedSchema[];
}

export function newDirectionsMemo(): DirectionsMemo {
  return { nodes: new Map(), marked: new Map(), inputs: [], outputs: [] };
}

function hasDirectional(node: SchemaNode, refTargets: Set<string>): boolean {
  if (node.kind === 'ref') {
    refTargets.add(node.target);
    return false;
  }
  let found = false;
  if (node.kind === 'object') {
    for (const p of node.properties) if (p.schema.readOnly || p.schema.writeOnly) found = true;
  }
  forEachChild(node, (child) => {
    if (hasDirectional(child, refTargets)) found = true;
  });
  return found;
}
