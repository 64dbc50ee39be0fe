import type { IntersectionNode, NamedSchema, RefNode, SchemaId, SchemaNode } from '../types.js';

/**
 * The inheritance pattern of polymorphic schemas: a parent lists its subtypes in a discriminated `oneOf` or
 * `anyOf`, and each subtype inherits the parent through `allOf`:
 *
 *     Pet: { properties: { petType }, discriminator: { propertyName: petType }, oneOf: [Cat, Dog] }
 *     Cat: { allOf: [Pet, { properties: { meows } }] }
 *
 * Read literally, a Cat is a Pet, which is a Cat or a Dog: a cycle with no object or array in between, so a
 * value would be checked against Cat forever and TypeScript rejects the types (SF2007). What the pattern means
 * is that a subtype has the parent's own keywords. So a ref to the parent, reached from one of its subtypes
 * (or from a schema that subtype inherits, at any depth) through `allOf` alone, becomes a ref to the parent's
 * base: a named schema of the parent without its discriminated union (`PetBase`); when the parent has nothing
 * but the union, the ref is dropped. A ref to the parent anywhere else (a property, a union member) still
 * means the parent, union and all. Nothing is changed in place: a changed schema is a new object.
 */
export function separateDiscriminatorBases(schemas: readonly NamedSchema[]): NamedSchema[] {
  const byId = new Map(schemas.map((s) => [s.id, s]));
  const replacements = new Map<RefNode, RefNode | null>();
  const changed = new Set<SchemaId>();
  const bases: NamedSchema[] = [];
  for (const parent of schemas) {
    const split = splitPolymorphic(parent.schema);
    if (!split) continue;
    let base: NamedSchema | undefined;
    // Each subtype, then each schema it inherits through allOf, until the parent.
    const queue = split.subtypes.filter((id) => id !== parent.id);
    const seen = new Set(queue);
    for (let i = 0; i < queue.length; i++) {
      const s = byId.get(queue[i]!);
      if (!s) continue;
      for (const ref of inheritedRefs(s.schema)) {
        if (ref.target === parent.id) {
          if (split.rest.length > 0 && !base) {
            base = baseOf(parent, split.rest, byId);
            bases.push(base);
          }
          replacements.set(ref, base ? { ...ref, target: base.id } : null);
          changed.add(s.id);
        } else if (!seen.has(ref.target)) {
          seen.add(ref.target);
          queue.push(ref.target);
        }
      }
    }
  }
  if (replacements.size === 0) return [...schemas];
  const out = schemas.map((s) => (changed.has(s.id) ? { ...s, schema: replaceRefs(s.schema, replacements) } : s));
  return [...out, ...bases];
}

/** A parent's discriminated unions' ref members, and what it has besides them; undefined when it has none. */
function splitPolymorphic(node: SchemaNode): { subtypes: SchemaId[]; rest: SchemaNode[] } | undefined {
  const isPolymorphic = (n: SchemaNode) => n.kind === 'union' && n.discriminator !== undefined;
  const parts = node.kind === 'intersection' ? node.members : [node];
  const unions = parts.filter(isPolymorphic);
  if (unions.length === 0) return undefined;
  const subtypes = unions.flatMap((u) => (u.kind === 'union' ? u.members.flatMap((m) => (m.kind === 'ref' ? [m.target] : [])) : []));
  return { subtypes, rest: parts.filter((p) => !isPolymorphic(p)) };
}

/** The refs of a schema reached through `allOf` alone: the node itself, or intersection members at any depth. */
function inheritedRefs(node: SchemaNode): RefNode[] {
  if (node.kind === 'ref') return [node];
  if (node.kind === 'intersection') return node.members.flatMap(inheritedRefs);
  return [];
}

/** The named schema of a parent's own keywords: a hoisted schema `<Parent>Base`, its nodes the parent's. */
function baseOf(parent: NamedSchema, rest: SchemaNode[], byId: ReadonlyMap<SchemaId, NamedSchema>): NamedSchema {
  let id = `${parent.id}/discriminator/base`;
  for (let i = 2; byId.has(id); i++) id = `${parent.id}/discriminator/base${i}`;
  const schema: SchemaNode = rest.length === 1 ? rest[0]! : { kind: 'intersection', members: rest, pointer: parent.schema.pointer };
  // `Base` joined to the parent's last word: the hint sorts after the parent's own, so that an inline enum of the
  // own keywords (which both schemas hold) is named after the parent (hoist-enums takes the smallest hint).
  const hint = parent.nameHint.length > 0 ? [...parent.nameHint] : [''];
  hint[hint.length - 1] += 'Base';
  return { kind: 'named-schema', id, origin: 'hoisted', nameHint: hint, name: '', schema };
}

/** `node` with the given refs replaced (or dropped, for null) where `inheritedRefs` finds them. */
function replaceRefs(node: SchemaNode, replacements: ReadonlyMap<RefNode, RefNode | null>): SchemaNode {
  if (node.kind === 'ref') {
    const r = replacements.get(node);
    if (r === undefined) return node;
    // A schema that was only the parent: with no base, it has nothing left to check.
    return r ?? { kind: 'unknown', pointer: node.pointer };
  }
  if (node.kind !== 'intersection') return node;
  const members: SchemaNode[] = [];
  for (const m of node.members) {
    if (m.kind === 'ref' && replacements.get(m) === null) continue;
    members.push(replaceRefs(m, replacements));
  }
  if (members.length === node.members.length && members.every((m, i) => m === node.members[i])) return node;
  if (members.length === 0) return { ...annotations(node), kind: 'unknown', pointer: node.pointer };
  if (members.length === 1) return { ...members[0]!, ...annotations(node), pointer: node.pointer } as SchemaNode;
  return { ...node, members };
}

/** What an intersection node says besides its members (description, nullable…). */
function annotations(node: IntersectionNode): Record<string, unknown> {
  const { kind: _kind, members: _members, pointer: _pointer, ...rest } = node;
  return rest;
}
