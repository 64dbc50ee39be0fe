import type { IrDocument, SchemaNode } from '../types.js';
import { forEachChild } from '../walk.js';

/**
 * Marks the named schemas whose request-side ("write") shape differs from their response-side ("read") shape:
 * a readOnly or writeOnly property inside them, or a ref to a schema so marked (to a fixed point). The names
 * pass gives each marked schema a second name for the write variant.
 */
export function markDirections(doc: IrDocument): IrDocument {
  const direct = new Map<string, boolean>();
  const refs = new Map<string, Set<string>>();
  for (const s of doc.schemas) {
    const targets = new Set<string>();
    direct.set(s.id, hasDirectional(s.schema, targets));
    refs.set(s.id, targets);
  }
  const differs = new Set([...direct].filter(([, v]) => v).map(([k]) => k));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [id, targets] of refs) {
      if (differs.has(id)) continue;
      for (const t of targets) {
        if (differs.has(t)) {
          differs.add(id);
          changed = true;
          break;
        }
      }
    }
  }
  return { ...doc, schemas: doc.schemas.map((s) => (differs.has(s.id) ? { ...s, differsByDirection: true } : s)) };
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
