import { assertNever } from '../../ir/walk.js';
import type { Discriminator, ObjectNode, SchemaId, SchemaNode } from '../../ir/types.js';
import { dateFormat, isBigint, type Representation } from '../representation.js';
import { jsdoc } from './jsdoc.js';
import { propertyKey, valueLiteral } from './literal.js';

export type Direction = 'read' | 'write';

/** What the printer needs to know beyond a node: the names of named schemas, and how dates and int64 are represented. */
export interface PrintContext {
  names: ReadonlyMap<SchemaId, { name: string; writeName?: string | undefined }>;
  /** Default: strings and numbers. */
  representation?: Representation | undefined;
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
 * A printed type and what the layout needs to know about it, tracked as it is built instead of found again by
 * scanning the text (big object types are megabytes of nested text): whether it has `|` or `&` outside every
 * bracket (it needs parentheses as an operand), whether it spans lines, and whether it is an object literal.
 */
interface Printed {
  text: string;
  /** `|` at the top level. */
  bar: boolean;
  /** `&` at the top level. */
  amp: boolean;
  /** Spans more than one line. */
  multiline: boolean;
  /** Starts with `{` and ends with `}` (an object literal type, or several joined). */
  open: boolean;
  close: boolean;
  /** For a nullable type (`X | null`): X printed. */
  inner?: Printed;
}

/** A one-line type without top-level operators (a name, a keyword), or a literal value (short text). */
function atom(text: string): Printed {
  return { text, bar: false, amp: false, multiline: false, open: text.charCodeAt(0) === 123, close: text.charCodeAt(text.length - 1) === 125 };
}

/** Text built around other printed types: no top-level operator, does not start or end with a brace. */
function enclosed(text: string, multiline: boolean): Printed {
  return { text, bar: false, amp: false, multiline, open: false, close: false };
}

function isObjectLiteral(p: Printed): boolean {
  return p.open && p.close;
}

/**
 * A discriminator's tags by the schema they map to, as literal types in mapping order (made once per
 * discriminator: looking each member up in the mapping was quadratic in a union of thousands of members).
 */
function tagsByTarget(d: Discriminator): Map<SchemaId, string[]> {
  let byTarget = TAGS.get(d);
  if (!byTarget) {
    byTarget = new Map();
    for (const x of d.mapping) {
      const tags = byTarget.get(x.target);
      if (tags) tags.push(valueLiteral(x.value));
      else byTarget.set(x.target, [valueLiteral(x.value)]);
    }
    TAGS.set(d, byTarget);
  }
  return byTarget;
}
const TAGS = new WeakMap<Discriminator, Map<SchemaId, string[]>>();

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
    return this.layout(e).text;
  }

  /** `print` with the separator before it: a space, or nothing when the type starts on a line of its own. */
  printAfterSeparator(e: TypeExpr): string {
    const { text, broken } = this.layout(e);
    return broken ? text : ' ' + text;
  }

  /** The layout of `print`; `broken` when the text starts with a line break. */
  private layout(e: TypeExpr): { text: string; broken: boolean } {
    const flat = this.printed(e.node, e.direction, e.indent);
    const inner = e.indent + INDENT;
    const oneLine = !flat.multiline;
    if (oneLine && e.column + flat.text.length + 1 <= WIDTH) return { text: flat.text, broken: false };
    const members = this.unionMembers(e.node, e.direction, inner + INDENT, flat);
    if (!members) {
      // prettier breaks a long generic's type arguments rather than the line after `=`; we leave those long.
      const moves = oneLine && e.context === 'alias' && inner.length + flat.text.length + 1 <= WIDTH && !flat.text.includes('<');
      return moves ? { text: `\n${inner}${flat.text}`, broken: true } : { text: flat.text, broken: false };
    }
    // `X | null` is never broken; `{ … } | null` stays hugged.
    if (members.length === 2 && members[1]!.text === 'null' && (oneLine || isObjectLiteral(members[0]!))) return { text: flat.text, broken: false };
    if (oneLine && inner.length + flat.text.length + 1 <= WIDTH) return { text: `\n${inner}${flat.text}`, broken: true };
    return { text: '\n' + members.map((m) => `${inner}| ${m.text}`).join('\n'), broken: true };
  }

  /**
   * Members of a top-level union (nullable adds `null`) printed at `indent`, or undefined when the node does not
   * print as one. `flat` is the same node printed at its own indentation, which saves printing it again where
   * the indentation cannot matter: a type on one line is the same at any indentation, and the callers lay out
   * `{ … } | null` as `flat` (hugged) without reading the members' text.
   */
  private unionMembers(node: SchemaNode, dir: Direction, indent: string, flat: Printed): Printed[] | undefined {
    const at = flat.multiline ? indent : '';
    let members: Printed[];
    if (node.kind === 'union') members = node.members.map((m) => this.member(node, m, dir, at));
    else if (node.kind === 'enum' && node.members.length > 1) members = node.members.map((m) => atom(valueLiteral(m.value)));
    else if (node.nullable && node.kind !== 'null' && node.kind !== 'unknown') {
      const bare = flat.inner;
      members = [bare && (!flat.multiline || isObjectLiteral(bare)) ? bare : this.bare(node, dir, at)];
    } else return undefined;
    if (node.nullable) members.push(atom('null'));
    members = dedupe(members);
    return members.length > 1 ? members : undefined;
  }

  /** One expression. */
  expr(node: SchemaNode, dir: Direction, indent: string): string {
    return this.printed(node, dir, indent).text;
  }

  private printed(node: SchemaNode, dir: Direction, indent: string): Printed {
    const bare = this.bare(node, dir, indent);
    if (!node.nullable || node.kind === 'null' || node.kind === 'unknown' || bare.text === 'null') return bare;
    const wrapped = node.kind === 'intersection';
    const text = `${wrapped ? `(${bare.text})` : bare.text} | null`;
    return { text, bar: true, amp: !wrapped && bare.amp, multiline: bare.multiline, open: !wrapped && bare.open, close: false, inner: bare };
  }

  private bare(node: SchemaNode, dir: Direction, indent: string): Printed {
    switch (node.kind) {
      case 'ref': {
        const n = this.ctx.names.get(node.target);
        if (!n) return atom('unknown');
        return atom(dir === 'write' && n.writeName ? n.writeName : n.name);
      }
      case 'string':
        // Raw bytes (multipart parts, octet-stream bodies): a Blob (File is one).
        if (node.format === 'binary') return atom('Blob');
        return atom(this.ctx.representation && dateFormat(node, this.ctx.representation) ? 'Date' : 'string');
      case 'number':
        return atom(this.ctx.representation && isBigint(node, this.ctx.representation) ? 'bigint' : 'number');
      case 'boolean':
        return atom('boolean');
      case 'null':
        return atom('null');
      case 'unknown':
        return atom('unknown');
      case 'never':
        return atom('never');
      case 'enum': {
        const values = dedupe(node.members.map((m) => atom(valueLiteral(m.value))));
        return join(values, ' | ');
      }
      case 'object':
        return this.object(node, dir, indent);
      case 'array':
        return this.array(node, dir, indent);
      case 'union':
        return join(dedupe(node.members.map((m) => this.member(node, m, dir, indent))), ' | ');
      case 'intersection':
        // Keywords of several types without `type` (`{ maxLength, minimum }`): any value may pass.
        if (node.members.length > 1 && node.members.every((m) => m.typeImplied)) return atom('unknown');
        return join(node.members.map((m) => this.wrap(this.printed(m, dir, indent))), ' & ');
      default:
        return assertNever(node);
    }
  }

  /** A union member; members a discriminator maps get the tag as a literal type. */
  private member(union: SchemaNode & { kind: 'union' }, m: SchemaNode, dir: Direction, indent: string): Printed {
    const expr = this.printed(m, dir, indent);
    const printed = expr.amp ? parenthesized(expr) : expr;
    const d = union.discriminator;
    if (!d || m.kind !== 'ref') return printed;
    const tags = tagsByTarget(d).get(m.target);
    if (tags === undefined) return printed;
    return enclosed(`(${printed.text} & { ${propertyKey(d.propertyName)}: ${tags.join(' | ')} })`, printed.multiline);
  }

  /** Parentheses where a member of an intersection needs them. */
  private wrap(printed: Printed): Printed {
    return printed.bar ? parenthesized(printed) : printed;
  }

  private array(node: SchemaNode & { kind: 'array' }, dir: Direction, indent: string): Printed {
    if (node.prefixItems && node.prefixItems.length > 0) {
      const head = node.prefixItems.map((p) => this.printed(p, dir, indent));
      if (node.items.kind !== 'never') head.push(prefixed('...', this.arrayOf(node.items, dir, indent)));
      return enclosed(`[${head.map((h) => h.text).join(', ')}]`, head.some((h) => h.multiline));
    }
    return this.arrayOf(node.items, dir, indent);
  }

  private arrayOf(items: SchemaNode, dir: Direction, indent: string): Printed {
    const inner = this.printed(items, dir, indent);
    if (inner.multiline && inner.bar) {
      // A union spanning lines: one member per line inside the parentheses, as prettier writes it.
      const members = this.unionMembers(items, dir, indent + INDENT + INDENT, inner);
      const hugged = members && members.length === 2 && members[1]!.text === 'null' && isObjectLiteral(members[0]!);
      if (members && !hugged) return enclosed(`(\n${members.map((m) => `${indent}${INDENT}| ${m.text}`).join('\n')}\n${indent})[]`, true);
    }
    return enclosed(inner.bar || inner.amp ? `(${inner.text})[]` : `${inner.text}[]`, inner.multiline);
  }

  private object(node: ObjectNode, dir: Direction, indent: string): Printed {
    const inner = indent + INDENT;
    const props = node.properties.filter((p) => !(dir === 'read' && p.schema.writeOnly) && !(dir === 'write' && p.schema.readOnly));
    const extra = this.indexType(node, dir, inner);
    if (props.length === 0) {
      if (extra === undefined) return atom(node.additionalProperties === false ? 'Record<string, never>' : 'Record<string, unknown>');
      if (!extra.multiline) return atom(`Record<string, ${extra.text}>`);
    }
    const lines: string[] = [];
    const valueTypes: Printed[] = [];
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
      if (extra !== undefined) valueTypes.push(this.printed(s, dir, inner));
    }
    if (extra !== undefined) {
      const all = extra.text === 'unknown' ? [extra] : dedupe([extra, ...valueTypes, ...(optional ? [atom('undefined')] : [])]);
      lines.push(`${inner}[key: string]: ${all.map((a) => a.text).join(' | ')};`);
    }
    return { text: `{\n${lines.join('\n')}\n${indent}}`, bar: false, amp: false, multiline: true, open: true, close: true };
  }

  /** `name: type;` on one line, or with the union broken below it. */
  propertyLine(key: string, node: SchemaNode, dir: Direction, indent: string): string {
    const head = `${indent}${key}:`;
    return `${head}${this.printAfterSeparator({ node, direction: dir, indent, column: head.length + 1, context: 'member' })};`;
  }

  /** The value type of extra properties, or undefined when the object has no index signature. */
  private indexType(node: ObjectNode, dir: Direction, indent: string): Printed | undefined {
    const parts: Printed[] = [];
    if (node.additionalProperties === true) return atom('unknown');
    if (typeof node.additionalProperties === 'object') parts.push(this.printed(node.additionalProperties, dir, indent));
    for (const pp of node.patternProperties ?? []) parts.push(this.printed(pp.schema, dir, indent));
    if (parts.length === 0) return undefined;
    if (parts.some((p) => p.text === 'unknown')) return atom('unknown');
    return join(dedupe(parts), ' | ');
  }
}

/** Printed types joined by ` | ` or ` & ` (one part stays as it is). */
function join(parts: Printed[], op: ' | ' | ' & '): Printed {
  if (parts.length === 0) return atom('');
  if (parts.length === 1) return parts[0]!;
  return {
    text: parts.map((p) => p.text).join(op),
    bar: parts.length > 1 ? op === ' | ' || parts.some((p) => p.bar) : false,
    amp: parts.length > 1 ? op === ' & ' || parts.some((p) => p.amp) : false,
    multiline: parts.some((p) => p.multiline),
    open: parts[0]!.open,
    close: parts[parts.length - 1]!.close,
  };
}

function parenthesized(p: Printed): Printed {
  return enclosed(`(${p.text})`, p.multiline);
}

function prefixed(prefix: string, p: Printed): Printed {
  return { text: prefix + p.text, bar: p.bar, amp: p.amp, multiline: p.multiline, open: false, close: p.close };
}

/** Printed types without repeats (by text), first occurrence kept. */
function dedupe(xs: Printed[]): Printed[] {
  if (xs.length < 2) return xs;
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.text) ? false : (seen.add(x.text), true)));
}
