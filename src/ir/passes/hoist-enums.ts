import type { EnumNode, IrDocument, NamedSchema, Operation, RefNode, SchemaNode } from '../types.js';
import { memoized, Units, type PassMemo } from '../memo.js';
import { mapChildren } from '../walk.js';

/**
 * Gives every inline enum a name of its own: the enum becomes a named schema (hint: its owner's words plus the
 * property's) and a ref takes its place, keeping the use-site annotations (nullable, description, readOnly…).
 * An enum reached from several places (a shared parameter) becomes one named schema, named after the smallest
 * of its hints, whatever the order. Enums that are already a named schema, `const` values and boolean-only
 * enums stay where they are.
 *
 * Each named schema and each operation is a unit: it is visited on its own, which gives its new node and the
 * enums it hoisted (with their hints); the named schemas are then made from all of those, in document order.
 * With a memo (`--watch`), a unit that is the same object as in the last run is not visited again.
 */
export function hoistEnums(doc: IrDocument, memo?: PassMemo): IrDocument {
  // An enum that is already a named schema of its own pointer (a `$ref` elsewhere made it one) is used as it
  // is: hoisting it again would give two schemas one id. When the named schema of that pointer is something
  // else built from the same object (`enum` beside `oneOf` makes an intersection), the enum gets an id of its
  // own: the pointer of its `enum` keyword.
  const existing = new Map(doc.schemas.map((s) => [s.id, s]));
  // A unit's result holds while the named schemas (their ids, and which are enums) are the same.
  const context = [memo ? doc.schemas.map((s) => (s.schema.kind === 'enum' ? `${s.id}\u0000enum` : s.id)).join('\n') : ''];
  const schemaUnits = memo?.byUnit<NamedSchema, Unit<NamedSchema>>('schemas', context);
  const opUnits = memo?.byUnit<Operation, Unit<Operation>>('operations', context);
  // The nodes of the shared roots: this run's (one node per root, whichever operation visits it first), else
  // the last run's; a plain map of this run's without a memo.
  const roots = memo?.byUnit<SchemaNode, SchemaNode>('roots', context) ?? new Units<SchemaNode, SchemaNode>();
  const hoisted = memo?.byUnit<string, NamedSchema>('hoisted');

  const visitUnit = (records: Hoisted[], used?: Array<[SchemaNode, SchemaNode]>) => {
    const hoist = (node: EnumNode, hint: Hint): RefNode => {
      const owner = existing.get(node.pointer);
      const id = owner ? (owner.schema.kind === 'enum' ? owner.id : `${node.pointer}/enum`) : node.pointer;
      if (!(owner && owner.schema.kind === 'enum')) {
        const { nullable: _n, readOnly: _r, writeOnly: _w, default: _d, deprecated: _dep, ...enumOnly } = node;
        records.push({ pointer: node.pointer, id, hint: words(hint), withEnum: owner !== undefined, schema: enumOnly });
      }
      const ref: RefNode = { kind: 'ref', target: id, pointer: node.pointer };
      for (const k of ['nullable', 'description', 'title', 'deprecated', 'readOnly', 'writeOnly', 'default'] as const) {
        if (node[k] !== undefined) (ref as unknown as Record<string, unknown>)[k] = node[k];
      }
      return ref;
    };
    const visit = (node: SchemaNode, hint: Hint, top: boolean): SchemaNode =>
      node.kind === 'enum' && !top && shouldHoist(node)
        ? hoist(node, hint)
        : mapChildren(node, (child, word) => visit(child, word === '' ? hint : { word, up: hint }, false));
    // A schema shared by several operations (that of a component parameter, response or request body, built
    // once) stays one node: every visit still offers its hints, but the first result is kept. Only these roots
    // are shared; a node inside one is reached through it.
    const visitRoot = (node: SchemaNode, hint: Hint): SchemaNode => {
      const out = visit(node, hint, false);
      const result = roots.get(node) ?? out;
      roots.set(node, result);
      used?.push([node, result]);
      return result;
    };
    return { visit, visitRoot };
  };

  const schemas: NamedSchema[] = [];
  const operations: Operation[] = [];
  const all: Hoisted[] = [];
  for (const s of doc.schemas) {
    const unit = memoized(schemaUnits, s, (x) => {
      const records: Hoisted[] = [];
      return { out: { ...x, schema: visitUnit(records).visit(x.schema, chain(x.nameHint), true) }, records };
    });
    schemas.push(unit.out);
    all.push(...unit.records);
  }
  for (const op of doc.operations) {
    let unit = opUnits?.get(op);
    if (unit) {
      // A reused operation holds the nodes of the shared roots it was built with: the others get the same.
      for (const [node, out] of unit.roots!) roots.set(node, out);
    } else {
      const records: Hoisted[] = [];
      const used: Array<[SchemaNode, SchemaNode]> = [];
      const { visitRoot } = visitUnit(records, used);
      const base = chain([op.operationId]);
      const out: Operation = {
        ...op,
        parameters: op.parameters.map((p) => ({ ...p, schema: visitRoot(p.schema, { word: p.name, up: base }) })),
        ...(op.requestBody
          ? { requestBody: { ...op.requestBody, content: op.requestBody.content.map((c) => ({ ...c, schema: visitRoot(c.schema, { word: 'Request', up: base }) })) } }
          : {}),
        responses: op.responses.map((r) => ({
          ...r,
          content: r.content.map((c) => ({ ...c, schema: visitRoot(c.schema, chain([r.status, 'Response'], base)) })),
          headers: r.headers.map((h) => ({ ...h, schema: visitRoot(h.schema, { word: h.name, up: base }) })),
        })),
      };
      unit = { out, records, roots: used };
    }
    opUnits?.set(op, unit);
    operations.push(unit.out);
    all.push(...unit.records);
  }

  // One named schema per hoisted pointer: the first visit's enum, the smallest hint of all visits (the first
  // hint gets 'Enum' after it when the enum has an id of its own).
  const byPointer = new Map<string, { id: string; hint: string[]; key: string; schema: EnumNode }>();
  for (const r of all) {
    const named = byPointer.get(r.pointer);
    if (!named) {
      const hint = r.withEnum ? [...r.hint, 'Enum'] : r.hint;
      byPointer.set(r.pointer, { id: r.id, hint, key: hint.join('\u0000'), schema: r.schema });
    } else {
      const key = r.hint.join('\u0000');
      if (key < named.key) {
        named.hint = r.hint;
        named.key = key;
      }
    }
  }
  const added: NamedSchema[] = [];
  for (const h of byPointer.values()) {
    // The same named schema object as in the last run when nothing about it changed (later stages reuse their
    // work by identity).
    const before = hoisted?.kept(h.id);
    const named: NamedSchema =
      before && before.schema === h.schema && before.nameHint.join('\u0000') === h.key
        ? before
        : { kind: 'named-schema', id: h.id, origin: 'hoisted', nameHint: h.hint, name: '', schema: h.schema };
    hoisted?.set(h.id, named);
    added.push(named);
  }
  return { ...doc, schemas: [...schemas, ...added], operations };
}

/** What visiting one unit gave: its new object and the enums it hoisted. */
interface Unit<T> {
  out: T;
  records: Hoisted[];
  /** For an operation: the shared roots it visited, and their nodes. */
  roots?: Array<[SchemaNode, SchemaNode]>;
}

/** One inline enum found in a unit. */
interface Hoisted {
  pointer: string;
  id: string;
  hint: string[];
  /** Its id is `<pointer>/enum` (another named schema has its pointer). */
  withEnum: boolean;
  schema: EnumNode;
}

function shouldHoist(node: EnumNode): boolean {
  return (
    !node.isConst &&
    node.members.length > 0 &&
    node.members.every((m) => typeof m.value !== 'object') &&
    !node.members.every((m) => typeof m.value === 'boolean')
  );
}

/**
 * A name hint as a chain from the last word up, built as the walk goes down without copying arrays; made into
 * words only for an enum that is hoisted.
 */
type Hint = { word: string; up: Hint } | undefined;

/** A chain of `ws` (first word at the top), below `up`. */
function chain(ws: readonly string[], up?: Hint): Hint {
  let h: Hint = up;
  for (const w of ws) h = { word: w, up: h };
  return h;
}

function words(h: Hint): string[] {
  const out: string[] = [];
  for (let cur = h; cur; cur = cur.up) out.push(cur.word);
  return out.reverse();
}
