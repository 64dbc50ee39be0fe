import type { Parameter, SchemaNode } from '../../ir/types.js';
import { stringLiteral } from '../printers/literal.js';
import { DEFAULT_REPRESENTATION, dateFormat, isBigint, type Representation } from '../representation.js';

/** The schema of a named schema id. */
export type Lookup = (id: string) => SchemaNode | undefined;

/**
 * How a parameter's raw string(s) are turned into values before validation, as data for the runtime's
 * `$.params`: `s` string, `i` integer, `n` number, `b` boolean, `j` JSON (a parameter given by `content`),
 * `["a", item]` array, `["o", [[name, shape], …], other?]` object (`other`: the shape of its other properties,
 * from `additionalProperties`, where it is a schema), `["u", [shape, …]]` a union whose members read
 * differently (the runtime picks a member by what arrived: docs in src/runtime/params.ts), `["e", [value, …]]` a
 * string enum in a union that has an array member (one value that is not in it is the array's item). `i?`, `n?`, `b?`: the
 * same, nullable, where an empty value is null (the client sends a form field's null so; a string's empty value
 * stays the empty string). With the opt-in representations: `t` a date-time and `d` a date (`dates: "Date"`: a
 * valid one is read as a `Date`), `L` an int64 (`int64: "bigint"`: read as a `bigint`), nullable as `t?`, `d?`,
 * `L?`. Written as code here; pairs rather than object literals keep a `__proto__` name a plain name.
 */
export type Shape = 's' | 'i' | 'n' | 'b' | 'j' | 't' | 'd' | 'L' | 'i?' | 'n?' | 'b?' | 't?' | 'd?' | 'L?' | ['a', Shape] | ['o', Array<[string, Shape]>] | ['o', Array<[string, Shape]>, Shape] | ['u', Shape[]] | ['e', string[]];

const NULLABLE = new Set<Shape>(['i', 'n', 'b', 't', 'd', 'L']);

/** A scalar shape made nullable when the node is (`i` → `i?`); strings and the rest stay as they are. */
function orNull(shape: Shape, node: SchemaNode): Shape {
  if (!node.nullable) return shape;
  if (typeof shape === 'string' && NULLABLE.has(shape)) return `${shape}?` as Shape;
  if (Array.isArray(shape) && shape[0] === 'u') return ['u', shape[1].map((m) => (typeof m === 'string' && NULLABLE.has(m) ? (`${m}?` as Shape) : m))];
  return shape;
}

/** How a parameter's or form field's text is read into a node's value (`representation`: the `dates`/`int64` options). */
export function shapeOf(lookup: Lookup, node: SchemaNode, seen = new Set<string>(), representation: Representation = DEFAULT_REPRESENTATION): Shape {
  return orNull(baseShape(lookup, node, seen, representation), node);
}

function baseShape(lookup: Lookup, node: SchemaNode, seen: Set<string>, r: Representation): Shape {
  const shapeOf = (l: Lookup, n: SchemaNode, s: Set<string>) => orNull(baseShape(l, n, s, r), n);
  switch (node.kind) {
    case 'ref': {
      if (seen.has(node.target)) return 's';
      const target = lookup(node.target);
      return target ? shapeOf(lookup, target, new Set([...seen, node.target])) : 's';
    }
    case 'number':
      if (isBigint(node, r)) return 'L';
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
    case 'object': {
      const props = node.properties.map((p) => [p.name, shapeOf(lookup, p.schema, seen)] as [string, Shape]);
      const other = typeof node.additionalProperties === 'object' ? shapeOf(lookup, node.additionalProperties, seen) : 's';
      return other === 's' ? ['o', props] : ['o', props, other];
    }
    case 'intersection': {
      // allOf of objects reads as one object with every member's properties (the first member's shape of a name wins).
      const shapes = node.members.map((m) => shapeOf(lookup, m, seen));
      if (shapes.length > 0 && shapes.every((s) => Array.isArray(s) && s[0] === 'o')) {
        const props = new Map<string, Shape>();
        for (const s of shapes) for (const [k, v] of s[1] as Array<[string, Shape]>) if (!props.has(k)) props.set(k, v);
        const other = shapes.map((s) => s[2] as Shape | undefined).find((x) => x !== undefined);
        return other === undefined ? ['o', [...props]] : ['o', [...props], other];
      }
      return sameShape(shapes) ?? 's';
    }
    case 'union': {
      let shapes = node.members.map((m) => shapeOf(lookup, m, seen));
      const same = sameShape(shapes);
      if (same !== undefined) return same;
      if (shapes.some((s) => Array.isArray(s) && s[0] === 'a')) shapes = shapes.map((s, i) => (s === 's' ? (stringEnum(lookup, node.members[i]!) ?? s) : s));
      // Distinct member shapes, nested unions flattened, each once, in the members' order.
      const members = new Map<string, Shape>();
      for (const s of shapes.flatMap((x) => (Array.isArray(x) && x[0] === 'u' ? (x[1] as Shape[]) : [x]))) members.set(JSON.stringify(s), s);
      return members.size === 1 ? [...members.values()][0]! : ['u', [...members.values()]];
    }
    case 'string': {
      const f = dateFormat(node, r);
      return f === 'date' ? 'd' : f === 'date-time' ? 't' : 's';
    }
    case 'null':
    case 'unknown':
    case 'never':
      return 's';
  }
}

/** A string enum's shape, `["e", values]`, through refs; undefined for any other schema. */
function stringEnum(lookup: Lookup, node: SchemaNode, depth = 0): Shape | undefined {
  if (node.kind === 'ref') {
    const target = depth < 32 ? lookup(node.target) : undefined;
    return target ? stringEnum(lookup, target, depth + 1) : undefined;
  }
  if (node.kind !== 'enum' || !node.members.every((m) => typeof m.value === 'string')) return undefined;
  return ['e', node.members.map((m) => m.value as string)];
}

/** The one shape every member has, if they all have the same. */
function sameShape(shapes: Shape[]): Shape | undefined {
  const first = JSON.stringify(shapes[0]);
  return shapes.length > 0 && shapes.every((s) => JSON.stringify(s) === first) ? shapes[0] : undefined;
}

export function shapeCode(shape: Shape): string {
  if (typeof shape === 'string') return JSON.stringify(shape);
  if (shape[0] === 'a') return `["a", ${shapeCode(shape[1])}]`;
  if (shape[0] === 'u') return `["u", [${shape[1].map(shapeCode).join(', ')}]]`;
  if (shape[0] === 'e') return `["e", [${shape[1].map(stringLiteral).join(', ')}]]`;
  const props = shape[1].map(([k, s]) => `[${stringLiteral(k)}, ${shapeCode(s)}]`).join(', ');
  return shape[2] === undefined ? `["o", [${props}]]` : `["o", [${props}], ${shapeCode(shape[2])}]`;
}

/** `[name, in, style, explode, shape]` for the runtime. */
export function paramSpecCode(lookup: Lookup, p: Parameter, representation: Representation = DEFAULT_REPRESENTATION): string {
  const shape: Shape = p.mediaType !== undefined ? 'j' : shapeOf(lookup, p.schema, new Set(), representation);
  return `[${stringLiteral(p.name)}, ${JSON.stringify(p.in)}, ${JSON.stringify(p.style)}, ${p.explode}, ${shapeCode(shape)}]`;
}
