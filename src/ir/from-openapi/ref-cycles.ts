import type { NamedSchema, SchemaId, SchemaNode } from '../types.js';
import type { BuildContext } from './context.js';
import { compareStrings } from '../../compare.js';

/**
 * Reports (SF2007) every group of named schemas that refer to each other with no object or array in between:
 * `S0 = $ref S1`, `S1 = oneOf [S0, string]`. Checking a value against such a schema means checking the same value
 * against it again, forever (the generated validators would overflow the stack), and TypeScript rejects the
 * types ("circularly references itself"). A recursion through a property, `additionalProperties` or `items` goes
 * one level into the value each time, and is fine.
 *
 * The edges are the refs a schema reaches without entering an object's or array's children (through `allOf`,
 * `oneOf`, `anyOf`, `not`, `if`/`then`/`else`, `dependentSchemas`, a ref's sibling keywords); the groups are the graph's strongly connected components,
 * found without recursion (a chain of refs may be thousands of schemas long). One diagnostic per group, at the
 * first such ref of its first schema in code-point order of ids.
 */
export function checkRefCycles(ctx: BuildContext, schemas: readonly NamedSchema[]): void {
  const edges = new Map<SchemaId, Array<{ target: SchemaId; pointer: string }>>();
  for (const s of schemas) edges.set(s.id, unguardedRefs(s.schema));
  for (const group of cyclicGroups(edges)) {
    const first = [...group].sort(compareStrings)[0]!;
    const edge = edges.get(first)!.find((e) => group.has(e.target))!;
    const cycle = shortestCycle(first, edges, group);
    const ids = cycle.map((id) => `#${id}`);
    const shown = ids.length <= 6 ? ids : [...ids.slice(0, 4), '…', ids[ids.length - 1]!];
    ctx.report(
      'SF2007',
      `schema #${first} refers back to itself with no object or array in between (${shown.join(' → ')}${group.size > 5 ? `; ${group.size} schemas in the cycle` : ''}): a value could never be checked against it`,
      edge.pointer,
    );
  }
}

/** The refs reached from a node without entering an object's properties or an array's items, in order. */
function unguardedRefs(root: SchemaNode): Array<{ target: SchemaId; pointer: string }> {
  const out: Array<{ target: SchemaId; pointer: string }> = [];
  const stack: SchemaNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'ref') out.push({ target: node.target, pointer: `${node.pointer}/$ref` });
    const next: SchemaNode[] = [];
    if (node.kind === 'union' || node.kind === 'intersection') next.push(...node.members);
    if (node.not) next.push(node.not);
    // `if`/`then`/`else` and an object's dependent schemas check the same value again.
    const c = node.conditional;
    if (c) next.push(...[c.if, c.then, c.else].filter((x): x is SchemaNode => x !== undefined));
    if (node.kind === 'object' && node.dependentSchemas) for (const d of node.dependentSchemas) next.push(d.schema);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  return out;
}

/** Strongly connected components with a cycle (more than one schema, or a schema with an edge to itself). Tarjan's algorithm with an explicit stack. */
function cyclicGroups(edges: ReadonlyMap<SchemaId, ReadonlyArray<{ target: SchemaId }>>): Array<Set<SchemaId>> {
  const index = new Map<SchemaId, number>();
  const low = new Map<SchemaId, number>();
  const onStack = new Set<SchemaId>();
  const stack: SchemaId[] = [];
  const groups: Array<Set<SchemaId>> = [];
  let counter = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ id: SchemaId; next: number }> = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.id) ?? [];
      if (frame.next < out.length) {
        const t = out[frame.next++]!.target;
        if (!edges.has(t)) continue;
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ id: t, next: 0 });
        } else if (onStack.has(t)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(t)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const group = new Set<SchemaId>();
      for (;;) {
        const id = stack.pop()!;
        onStack.delete(id);
        group.add(id);
        if (id === frame.id) break;
      }
      if (group.size > 1 || out.some((e) => e.target === frame.id)) groups.push(group);
    }
  }
  return groups;
}

/** The ids of a shortest cycle from `start` back to it within `group`, both ends included. */
function shortestCycle(start: SchemaId, edges: ReadonlyMap<SchemaId, ReadonlyArray<{ target: SchemaId }>>, group: ReadonlySet<SchemaId>): SchemaId[] {
  const from = new Map<SchemaId, SchemaId>();
  const queue: SchemaId[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const { target } of edges.get(id) ?? []) {
      if (!group.has(target)) continue;
      if (target === start) {
        const chain: SchemaId[] = [];
        for (let at: SchemaId | undefined = id; at !== undefined && at !== start; at = from.get(at)) chain.unshift(at);
        return [start, ...chain, start];
      }
      if (!from.has(target)) {
        from.set(target, id);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
