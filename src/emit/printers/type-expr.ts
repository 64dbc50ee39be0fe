import { assertNever } from '../../ir/walk.js';
import type { ObjectNode, SchemaId, SchemaNode } from '../../ir/types.js';
import { jsdoc } from './jsdoc.js';
import { propertyKey, valueLiteral } from './literal.js';

export type Direction = 'read' | 'write';

/** What the printer needs to know beyond a node: the names of named schemas. */
export interface PrintContext {
  names: ReadonlyMap<SchemaId, { name: string; writeName?: string | undefined }>;
}

/** The input of the `{{type}}` helper: a node, the direction it is read in, and where it stands. */
export interface TypeExpr {
  node: SchemaNode;
  direction: Direction;
  /** Indentation of the line the expression starts on. */
  indent: string;
  /** Columns taken on that line before the expression (for line breaking). */
  column: number;
  /** Where the expression stands: the right side of a type alias, or a member's type. */
  context: 'alias' | 'member';
}

const WIDTH = 80;
const INDENT = '  ';

/**
 * Prints TypeScript type expressions from IR nodes. Objects are always written expanded (one member per line);
 * a union that would pass 80 columns is broken one member per line with leading `|`, as prettier does, so that
 * prettier leaves the output as it is.
 */
export class TypePrinter {
  constructor(private readonly ctx: PrintContext) {}

  /**
   * A type in a position that may break (the right side of a type alias, a property's type), laid out as
   * prettier does: on the same line when it fits; else a union moves whole to the next line when it fits
   * there, or is written one member per line with a leading `|`; an object-or-null union stays hugged; a long
   * alias right-hand side moves to the next line.
   */
  print(e: TypeExpr): string {
    const flat = this.expr(e.node, e.direction, e.indent);
    const inner = e.indent + INDENT;
    const members = this.unionMembers(e.node, e.direction, inner + INDENT);
    const oneLine = !flat.includes('\n');
    if (oneLine && e.column + flat.length + 1 <= WIDTH) return flat;
    if (!members) {
      // prettier breaks a long generic's type arguments rather than the line after `=`; we leave those long.
      const moves = oneLine && e.context === 'alias' && !flat.includes('<') && inner.length + flat.length + 1 <= WIDTH;
      return moves ? `\n${inner}${flat}` : flat;
    }
    // `X | null` is never broken; `{ … } | null` stays hugged.
    if (members.length === 2 && members[1] === 'null' && (oneLine || isObjectLiteral(members[0]!))) return flat;
    if (oneLine && inner.length + flat.length + 1 <= WIDTH) return `\n${inner}${flat}`;
    return '\n' + members.map((m) => `${inner}| ${m}`).join('\n');
  }

  /** Members of a top-level union (nullable adds `null`), or undefined when the node does not print as one. */
  private unionMembers(node: SchemaNode, dir: Direction, indent: string): string[] | undefined {
    let members: string[];
    if (node.kind === 'union') members = node.members.map((m) => this.member(node, m, dir, indent));
    else if (node.kind === 'enum' && node.members.length > 1) members = node.members.map((m) => valueLiteral(m.value));
    else if (node.nullable && node.kind !== 'null' && node.kind !== 'unknown') members = [this.bare(node, dir, indent)];
    else return undefined;
    if (node.nullable) members.push('null');
    members = dedupe(members);
    return members.length > 1 ? members : undefined;
  }

  /** One expression. */
  expr(node: SchemaNode, dir: Direction, indent: string): string {
    const bare = this.bare(node, dir, indent);
    if (!node.nullable || node.kind === 'null' || node.kind === 'unknown' || bare === 'null') return bare;
    return `${node.kind === 'intersection' ? `(${bare})` : bare} | null`;
  }

  private bare(node: SchemaNode, dir: Direction, indent: string): string {
    switch (node.kind) {
      case 'ref': {
        const n = this.ctx.names.get(node.target);
        if (!n) return 'unknown';
        return dir === 'write' && n.writeName ? n.writeName : n.name;
      }
      case 'string':
        // Raw bytes (multipart parts, octet-stream bodies): a Blob (File is one).
        return node.format === 'binary' ? 'Blob' : 'string';
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'unknown':
        return 'unknown';
      case 'never':
        return 'never';
      case 'enum':
        return dedupe(node.members.map((m) => valueLiteral(m.value))).join(' | ');
      case 'object':
        return this.object(node, dir, indent);
      case 'array':
        return this.array(node, dir, indent);
      case 'union':
        return dedupe(node.members.map((m) => this.member(node, m, dir, indent))).join(' | ');
      case 'intersection':
        // Keywords of several types without `type` (`{ maxLength, minimum }`): any value may pass.
        if (node.members.length > 1 && node.members.every((m) => m.typeImplied)) return 'unknown';
        return node.members.map((m) => this.wrap(this.expr(m, dir, indent), m)).join(' & ');
      default:
        return assertNever(node);
    }
  }

  /** A union member; members a discriminator maps get the tag as a literal type. */
  private member(union: SchemaNode & { kind: 'union' }, m: SchemaNode, dir: Direction, indent: string): string {
    const expr = this.expr(m, dir, indent);
    const printed = hasTopLevel(expr, '&') ? `(${expr})` : expr;
    const d = union.discriminator;
    if (!d || m.kind !== 'ref') return printed;
    const tags = d.mapping.filter((x) => x.target === m.target).map((x) => valueLiteral(x.value));
    if (tags.length === 0) return printed;
    return `(${printed} & { ${propertyKey(d.propertyName)}: ${tags.join(' | ')} })`;
  }

  /** Parentheses where a member of an intersection needs them. */
  private wrap(printed: string, _node: SchemaNode): string {
    return hasTopLevel(printed, '|') ? `(${printed})` : printed;
  }

  private array(node: SchemaNode & { kind: 'array' }, dir: Direction, indent: string): string {
    if (node.prefixItems && node.prefixItems.length > 0) {
      const head = node.prefixItems.map((p) => this.expr(p, dir, indent));
      if (node.items.kind !== 'never') head.push(`...${this.arrayOf(node.items, dir, indent)}`);
      return `[${head.join(', ')}]`;
    }
    return this.arrayOf(node.items, dir, indent);
  }

  private arrayOf(items: SchemaNode, dir: Direction, indent: string): string {
    const inner = this.expr(items, dir, indent);
    if (inner.includes('\n') && hasTopLevel(inner, '|')) {
      // A union spanning lines: one member per line inside the parentheses, as prettier writes it.
      const members = this.unionMembers(items, dir, indent + INDENT + INDENT);
      const hugged = members && members.length === 2 && members[1] === 'null' && isObjectLiteral(members[0]!);
      if (members && !hugged) return `(\n${members.map((m) => `${indent}${INDENT}| ${m}`).join('\n')}\n${indent})[]`;
    }
    return hasTopLevel(inner, '|') || hasTopLevel(inner, '&') ? `(${inner})[]` : `${inner}[]`;
  }

  private object(node: ObjectNode, dir: Direction, indent: string): string {
    const inner = indent + INDENT;
    const props = node.properties.filter((p) => !(dir === 'read' && p.schema.writeOnly) && !(dir === 'write' && p.schema.readOnly));
    const extra = this.indexType(node, dir, inner);
    if (props.length === 0) {
      if (extra === undefined) return node.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>';
      if (!extra.includes('\n')) return `Record<string, ${extra}>`;
    }
    const lines: string[] = [];
    const valueTypes: string[] = [];
    let optional = false;
    for (const p of props) {
      const s = p.schema;
      lines.push(
        jsdoc(
          {
            description: s.description ?? s.title,
            deprecated: s.deprecated,
            defaultValue: s.default,
            format: s.kind === 'string' || s.kind === 'number' ? s.format : undefined,
          },
          inner,
        ) + this.propertyLine(propertyKey(p.name) + (p.required ? '' : '?'), s, dir, inner),
      );
      if (!p.required) optional = true;
      if (extra !== undefined) valueTypes.push(this.expr(s, dir, inner));
    }
    if (extra !== undefined) {
      const all = extra === 'unknown' ? ['unknown'] : dedupe([extra, ...valueTypes, ...(optional ? ['undefined'] : [])]);
      lines.push(`${inner}[key: string]: ${all.join(' | ')};`);
    }
    return `{\n${lines.join('\n')}\n${indent}}`;
  }

  /** `name: type;` on one line, or with the union broken below it. */
  propertyLine(key: string, node: SchemaNode, dir: Direction, indent: string): string {
    const head = `${indent}${key}:`;
    const type = this.print({ node, direction: dir, indent, column: head.length + 1, context: 'member' });
    return type.startsWith('\n') ? `${head}${type};` : `${head} ${type};`;
  }

  /** The value type of extra properties, or undefined when the object has no index signature. */
  private indexType(node: ObjectNode, dir: Direction, indent: string): string | undefined {
    const parts: string[] = [];
    if (node.additionalProperties === true) return 'unknown';
    if (typeof node.additionalProperties === 'object') parts.push(this.expr(node.additionalProperties, dir, indent));
    for (const pp of node.patternProperties ?? []) parts.push(this.expr(pp.schema, dir, indent));
    if (parts.length === 0) return undefined;
    if (parts.includes('unknown')) return 'unknown';
    return dedupe(parts).join(' | ');
  }
}

/** True when `printed` has `op` outside every bracket, i.e. it would need parentheses as an operand. */
function hasTopLevel(printed: string, op: '|' | '&'): boolean {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < printed.length; i++) {
    const c = printed[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{' || c === '(' || c === '[' || c === '<') depth++;
    else if (c === '}' || c === ')' || c === ']' || c === '>') depth--;
    else if (c === '/' && printed[i + 1] === '*') {
      const end = printed.indexOf('*/', i + 2);
      i = end === -1 ? printed.length : end + 1;
    } else if (depth === 0 && c === op) return true;
  }
  return false;
}

function isObjectLiteral(printed: string): boolean {
  return printed.startsWith('{') && printed.endsWith('}');
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}
