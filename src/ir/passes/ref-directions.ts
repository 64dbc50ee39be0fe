import type { IrDocument, NamedSchema, Operation, RefNode, SchemaNode } from '../types.js';
import { memoized, Units, type PassMemo } from '../memo.js';
import { mapChildren } from '../walk.js';

/**
 * A property whose schema is a `$ref` to a schema marked `readOnly` (or `writeOnly`) is a readOnly (writeOnly)
 * property: the referenced schema is the property's schema (OpenAPI 3.0), and its annotations apply (JSON
 * Schema). The printers and validators look at a property's own node, so the flag is written there, on the ref
 * node, as a use-site annotation: the ref stays a ref. A flag written beside the `$ref` (3.1) wins. A target
 * that is itself a ref (an alias) is followed.
 *
 * Without it, a readOnly `id` component used as a property was a required member of the request types, the
 * server refused a request without it, and a spec with its refs inlined generated other types than the same
 * spec with refs. Only properties: a parameter's or a body's own schema is not one (emit/operation-shapes.ts).
 *
 * Runs before `directions`, which then marks the schemas holding such properties. With a memo (`--watch`), a
 * unit that is the same object as in the last run, while the marked targets are the same, keeps its result.
 */
export function refDirections(doc: IrDocument, memo?: PassMemo): IrDocument {
  const flags = targetFlags(doc.schemas);
  if (flags.size === 0) return doc;
  // A unit's result holds while the marked targets are the same.
  const context = [memo ? [...flags].map(([id, f]) => `${id}\u0000${f}`).join('\n') : ''];
  const schemaUnits = memo?.byUnit<NamedSchema, NamedSchema>('schemas', context);
  const opUnits = memo?.byUnit<Operation, Operation>('operations', context);
  // The nodes of the shared roots: this run's, else the last run's; a plain map of this run's without a memo.
  const roots = memo?.byUnit<SchemaNode, SchemaNode>('roots', context) ?? new Units<SchemaNode, SchemaNode>();

  const visit = (node: SchemaNode): SchemaNode => {
    const out = mapChildren(node, visit);
    if (out.kind !== 'object') return out;
    let properties: typeof out.properties | undefined;
    out.properties.forEach((p, i) => {
      const schema = p.schema.kind === 'ref' ? flagged(p.schema, flags) : p.schema;
      if (schema === p.schema && properties === undefined) return;
      properties ??= out.properties.slice(0, i);
      properties.push(schema === p.schema ? p : { ...p, schema });
    });
    return properties ? { ...out, properties } : out;
  };
  // A root shared by several operations (a component parameter's or body's schema) stays one node.
  const visitRoot = (node: SchemaNode): SchemaNode => roots.through(node, visit);

  const schemas = doc.schemas.map((s) =>
    memoized(schemaUnits, s, (x) => {
      const schema = visit(x.schema);
      return schema === x.schema ? x : { ...x, schema };
    }),
  );
  const operations = doc.operations.map((op) => {
    let out = opUnits?.get(op);
    if (out) {
      // A reused operation holds the nodes of the shared roots it was made with: the others get the same.
      for (const r of rootsOf(op)) roots.set(r, roots.kept(r) ?? visit(r));
    } else {
      out = mapOperation(op, visitRoot);
    }
    opUnits?.set(op, out);
    return out;
  });
  return { ...doc, schemas, operations };
}

/**
 * `r`, `w` or `rw`: the flags of each named schema whose root is marked (through aliases). Each schema's answer
 * is found once: following every schema's alias chain to its end was quadratic in a chain of aliases (20,000
 * schemas, each a bare `$ref` to the next: about 12 s). A chain is walked until a schema whose answer is known, then
 * every schema on the way gets that answer; a chain that comes back to itself (a cycle of aliases, SF2007) has
 * no flags, as before.
 */
function targetFlags(schemas: readonly NamedSchema[]): Map<string, string> {
  const byId = new Map(schemas.map((s) => [s.id, s.schema]));
  /** The flags the schema of each id resolves to ('' for none); absent while not yet known. */
  const known = new Map<string, string>();
  /** The flags of a node that ends a chain: not a ref, a ref with a flag of its own, or no node at all. */
  const own = (node: SchemaNode | undefined): string => (node ? `${node.readOnly ? 'r' : ''}${node.writeOnly ? 'w' : ''}` : '');
  const isAlias = (node: SchemaNode | undefined): node is RefNode => node !== undefined && node.kind === 'ref' && !node.readOnly && !node.writeOnly;
  /** The flags an alias's target resolves to: the chain followed until a known id, its end, or a repeat. */
  const resolve = (first: string): string => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id = first;
    let answer: string;
    for (;;) {
      const k = known.get(id);
      if (k !== undefined) {
        answer = k;
        break;
      }
      if (onPath.has(id)) {
        answer = '';
        break;
      }
      const node = byId.get(id);
      if (!isAlias(node)) {
        answer = own(node);
        break;
      }
      path.push(id);
      onPath.add(id);
      id = node.target;
    }
    for (const p of path) known.set(p, answer);
    return answer;
  };
  const out = new Map<string, string>();
  for (const s of schemas) {
    const f = isAlias(s.schema) ? resolve(s.schema.target) : own(s.schema);
    if (f !== '') out.set(s.id, f);
  }
  return out;
}

/** The ref with its target's flags, unless it has a flag of its own (or its target none): then the same node. */
function flagged(ref: RefNode, flags: ReadonlyMap<string, string>): RefNode {
  if (ref.readOnly || ref.writeOnly) return ref;
  const f = flags.get(ref.target);
  if (f === undefined) return ref;
  return { ...ref, ...(f.includes('r') ? { readOnly: true } : {}), ...(f.includes('w') ? { writeOnly: true } : {}) };
}

/** The schema roots an operation holds. */
function rootsOf(op: Operation): SchemaNode[] {
  return [
    ...op.parameters.map((p) => p.schema),
    ...(op.requestBody?.content.map((c) => c.schema) ?? []),
    ...op.responses.flatMap((r) => [...r.content.map((c) => c.schema), ...r.headers.map((h) => h.schema)]),
  ];
}

/** The operation with each schema root mapped; the same object when none changed. */
function mapOperation(op: Operation, f: (node: SchemaNode) => SchemaNode): Operation {
  let changed = false;
  const map = <T extends { schema: SchemaNode }>(x: T): T => {
    const schema = f(x.schema);
    if (schema === x.schema) return x;
    changed = true;
    return { ...x, schema };
  };
  const parameters = op.parameters.map(map);
  const requestBody = op.requestBody && { ...op.requestBody, content: op.requestBody.content.map(map) };
  const responses = op.responses.map((r) => ({ ...r, content: r.content.map(map), headers: r.headers.map(map) }));
  if (!changed) return op;
  return { ...op, parameters, ...(requestBody ? { requestBody } : {}), responses };
}
