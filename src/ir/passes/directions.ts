import type { IrDocument, NamedSchema, SchemaNode } from '../types.js';
import { memoized, sameItems, type PassMemo } from '../memo.js';
import { forEachChild } from '../walk.js';

/**
 * Marks the named schemas whose request-side ("write") shape differs from their response-side ("read") shape:
 * a readOnly or writeOnly property inside them, or a ref to a schema so marked (to a fixed point). The names
 * pass gives each marked schema a second name for the write variant. With a memo (`--watch`), what a schema
 * node holds is looked at once, and an unchanged schema keeps its object.
 */
export function markDirections(doc: IrDocument, memo?: PassMemo): IrDocument {
  // The same schemas (objects) as in the last run: the same result.
  const last = memo?.last<{ inputs: readonly NamedSchema[]; outputs: NamedSchema[] }>('run');
  if (last && sameItems(last.inputs, doc.schemas)) return { ...doc, schemas: last.outputs };
  const direct = new Map<string, boolean>();
  const refs = new Map<string, Set<string>>();
  const nodes = memo?.byUnit<SchemaNode, Scan>('nodes');
  for (const s of doc.schemas) {
    const scan = memoized(nodes, s.schema, (node) => {
      const targets = new Set<string>();
      return { found: hasDirectional(node, targets), targets };
    });
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
  const marked = memo?.byUnit<NamedSchema, NamedSchema>('marked');
  const schemas = doc.schemas.map((s) => (differs.has(s.id) ? memoized(marked, s, (x) => ({ ...x, differsByDirection: true })) : s));
  memo?.keep('run', { inputs: doc.schemas, outputs: schemas });
  return { ...doc, schemas };
}

interface Scan {
  found: boolean;
  targets: Set<string>;
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
