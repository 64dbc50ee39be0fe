import type { Parameter, SchemaNode } from '../../ir/types.js';

/** The schema of a named schema id. */
export type Lookup = (id: string) => SchemaNode | undefined;
import { stringLiteral } from '../printers/literal.js';

/**
 * How a parameter's raw string(s) are turned into values before validation, as data for the runtime's
 * `$.params`: `s` string, `i` integer, `n` number, `b` boolean, `j` JSON (a parameter given by `content`),
 * `["a", item]` array, `["o", [[name, shape], …]]` object. `i?`, `n?`, `b?`: the same, nullable, where an empty
 * value is null (the client sends a form field's null so; a string's empty value stays the empty string).
 * Written as code here; pairs rather than object literals keep a `__proto__` name a plain name.
 */
export type Shape = 's' | 'i' | 'n' | 'b' | 'j' | 'i?' | 'n?' | 'b?' | ['a', Shape] | ['o', Array<[string, Shape]>];

/** A scalar shape made nullable when the node is (`i` → `i?`); strings and the rest stay as they are. */
function orNull(shape: Shape, node: SchemaNode): Shape {
  return node.nullable && (shape === 'i' || shape === 'n' || shape === 'b') ? `${shape}?` : shape;
}

export function shapeOf(lookup: Lookup, node: SchemaNode, seen = new Set<string>()): Shape {
  return orNull(baseShape(lookup, node, seen), node);
}

function baseShape(lookup: Lookup, node: SchemaNode, seen: Set<string>): Shape {
  switch (node.kind) {
    case 'ref': {
      if (seen.has(node.target)) return 's';
      const target = lookup(node.target);
      return target ? shapeOf(lookup, target, new Set([...seen, node.target])) : 's';
    }
    case 'number':
      return node.integer ? 'i' : 'n';
    case 'boolean':
      return 'b';
    case 'enum': {
      const types = new Set(node.members.map((m) => typeof m.value));
      if (types.size === 1 && types.has('number')) return node.members.every((m) => Number.isInteger(m.value)) ? 'i' : 'n';
      if (types.size === 1 && types.has('boolean')) return 'b';
      return 's';
    }
    case 'array':
      return ['a', shapeOf(lookup, node.items, seen)];
    case 'object':
      return ['o', node.properties.map((p) => [p.name, shapeOf(lookup, p.schema, seen)] as [string, Shape])];
    case 'intersection':
    case 'union': {
      const shapes = node.members.map((m) => shapeOf(lookup, m, seen));
      const first = JSON.stringify(shapes[0]);
      return shapes.length > 0 && shapes.every((s) => JSON.stringify(s) === first) ? shapes[0]! : 's';
    }
    case 'string':
    case 'null':
    case 'unknown':
    case 'never':
      return 's';
  }
}

export function shapeCode(shape: Shape): string {
  if (typeof shape === 'string') return JSON.stringify(shape);
  if (shape[0] === 'a') return `["a", ${shapeCode(shape[1])}]`;
  return `["o", [${shape[1].map(([k, s]) => `[${stringLiteral(k)}, ${shapeCode(s)}]`).join(', ')}]]`;
}

/** `[name, in, style, explode, shape]` for the runtime. */
export function paramSpecCode(lookup: Lookup, p: Parameter): string {
  const shape: Shape = p.mediaType !== undefined ? 'j' : shapeOf(lookup, p.schema);
  return `[${stringLiteral(p.name)}, ${JSON.stringify(p.in)}, ${JSON.stringify(p.style)}, ${p.explode}, ${shapeCode(shape)}]`;
}
