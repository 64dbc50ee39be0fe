import type { EnumNode, IrDocument, NamedSchema, RefNode, SchemaNode } from '../types.js';
import { mapChildren } from '../walk.js';

/**
 * Gives every inline enum a name of its own: the enum becomes a named schema (hint: its owner's words plus the
 * property's) and a ref takes its place, keeping the use-site annotations (nullable, description, readOnly…).
 * An enum reached from several places (a shared parameter) becomes one named schema. Enums that are already a named schema, `const` values and
 * boolean-only enums stay where they are.
 */
export function hoistEnums(doc: IrDocument): IrDocument {
  const added: NamedSchema[] = [];
  const byPointer = new Map<string, NamedSchema>();
  // An enum that is already a named schema of its own pointer (a `$ref` elsewhere made it one) is used as it
  // is: hoisting it again would give two schemas one id.
  const existing = new Map(doc.schemas.map((s) => [s.id, s]));

  const hoist = (node: EnumNode, hintChain: Hint): RefNode => {
    const hint = words(hintChain);
    // One enum in the spec (one pointer) is one named schema, however many places reach it (a shared
    // parameter is used by many operations); it is named after the smallest of its hints, whatever the order.
    const owner = existing.get(node.pointer);
    // The named schema of this pointer is the enum itself: use it. When it is something else built from the
    // same object (`enum` beside `oneOf` makes an intersection), the enum gets an id of its own: the pointer of
    // its `enum` keyword.
    let named = byPointer.get(node.pointer) ?? (owner?.schema.kind === 'enum' ? owner : undefined);
    if (!named) {
      const { nullable: _n, readOnly: _r, writeOnly: _w, default: _d, deprecated: _dep, ...enumOnly } = node;
      const id = owner ? `${node.pointer}/enum` : node.pointer;
      named = { kind: 'named-schema', id, origin: 'hoisted', nameHint: owner ? [...hint, 'Enum'] : hint, name: '', schema: enumOnly };
      byPointer.set(node.pointer, named);
      added.push(named);
    } else if (named.origin === 'hoisted' && hint.join('\u0000') < named.nameHint.join('\u0000')) {
      named.nameHint = hint;
    }
    const ref: RefNode = { kind: 'ref', target: named.id, pointer: node.pointer };
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
  const memo = new Map<SchemaNode, SchemaNode>();
  const visitRoot = (node: SchemaNode, hint: Hint): SchemaNode => {
    const out = visit(node, hint, false);
    const prev = memo.get(node);
    if (prev) return prev;
    memo.set(node, out);
    return out;
  };

  const schemas = doc.schemas.map((s) => ({ ...s, schema: visit(s.schema, chain(s.nameHint), true) }));
  const operations = doc.operations.map((op) => {
    const base = chain([op.operationId]);
    return {
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
  });
  return { ...doc, schemas: [...schemas, ...added], operations };
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

function shouldHoist(node: EnumNode): boolean {
  return (
    !node.isConst &&
    node.members.length > 0 &&
    node.members.every((m) => typeof m.value !== 'object') &&
    !node.members.every((m) => typeof m.value === 'boolean')
  );
}
