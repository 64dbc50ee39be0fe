import type { IrDocument, NamedSchema, SchemaNode } from '../ir/types.js';
import { assertNever } from '../ir/walk.js';
import { stringLiteral } from './printers/literal.js';
import { dateFormat, isBigint, type Representation } from './representation.js';

/**
 * The codecs of a file (runtime/codec.ts's `Codec`, as code): where a body holds what the representation makes a
 * `Date` or a `bigint`. A named schema's codec is a constant of the file (`$k_Message`) that other codecs name
 * through a function (`() => $k_Message`, so that recursive schemas are finite data and the constants may come
 * in any order); only the constants some codec of the file uses are declared, so a bundler keeps those of the
 * operations an app calls. With the default representation there are none.
 */
export class Codecs {
  private readonly named = new Map<string, NamedSchema>();
  /** Named schemas whose values hold something to convert (found once, to a fixed point: schemas refer to each other). */
  private readonly needed = new Set<string>();
  /** Constants used, by schema id → their code (filled as they are first used). */
  private readonly used = new Map<string, string | undefined>();

  constructor(
    ir: IrDocument,
    private readonly representation: Representation,
  ) {
    if (representation.dates === 'string' && representation.int64 === 'number') return;
    for (const s of ir.schemas) this.named.set(s.id, s);
    for (let changed = true; changed; ) {
      changed = false;
      for (const s of ir.schemas) {
        if (this.needed.has(s.id) || !this.holds(s.schema)) continue;
        this.needed.add(s.id);
        changed = true;
      }
    }
  }

  /**
   * What a descriptor that uses codecs names as its `codecs` (code): the runtime's dates-only functions, or the ones
   * that also read and write JSON without losing an int64 (which bundle runtime/json.ts).
   */
  get runtime(): string {
    return this.representation.int64 === 'bigint' ? '$.bigintCodecs' : '$.dateCodecs';
  }

  /** Whether a representation is chosen (then codecs may be made). */
  get active(): boolean {
    return this.representation.dates === 'Date' || this.representation.int64 === 'bigint';
  }

  /**
   * The date format of a parameter's values that the representation makes `Date`s, through refs and an array's
   * items (the client sends a `date`'s `Date` as its day): undefined with `dates: "string"`.
   */
  parameterDate(node: SchemaNode, depth = 0): 'date' | 'date-time' | undefined {
    if (node.kind === 'ref') {
      const target = depth < 32 ? this.named.get(node.target) : undefined;
      return target ? this.parameterDate(target.schema, depth + 1) : undefined;
    }
    if (node.kind === 'array') return this.parameterDate(node.items, depth + 1);
    return dateFormat(node, this.representation);
  }

  /** Whether a node holds a date or an int64 the representation converts (as far as the named schemas are known). */
  private holds(node: SchemaNode): boolean {
    switch (node.kind) {
      case 'ref':
        return this.needed.has(node.target);
      case 'string':
        return dateFormat(node, this.representation) !== undefined;
      case 'number':
        return isBigint(node, this.representation);
      case 'object':
        return node.properties.some((p) => this.holds(p.schema)) || (typeof node.additionalProperties === 'object' && this.holds(node.additionalProperties));
      case 'array':
        return this.holds(node.items) || (node.prefixItems ?? []).some((n) => this.holds(n));
      case 'union':
      case 'intersection':
        return node.members.some((m) => this.holds(m));
      case 'boolean':
      case 'null':
      case 'unknown':
      case 'never':
      case 'enum':
        return false;
      default:
        return assertNever(node);
    }
  }

  /** The codec of a node (code), or undefined when it holds nothing to convert. */
  of(node: SchemaNode): string | undefined {
    if (this.needed.size === 0 && this.representation.dates === 'string' && this.representation.int64 === 'number') return undefined;
    switch (node.kind) {
      case 'ref':
        if (!this.needed.has(node.target)) return undefined;
        return `() => ${this.constant(node.target)}`;
      case 'string': {
        const f = dateFormat(node, this.representation);
        return f === undefined ? undefined : f === 'date' ? '"d"' : '"t"';
      }
      case 'number':
        return isBigint(node, this.representation) ? '"i"' : undefined;
      case 'object': {
        const props = node.properties.flatMap((p) => {
          const c = this.of(p.schema);
          return c === undefined ? [] : [`[${stringLiteral(p.name)}, ${c}]`];
        });
        const rest = typeof node.additionalProperties === 'object' ? this.of(node.additionalProperties) : undefined;
        if (props.length === 0 && rest === undefined) return undefined;
        return `["o", [${props.join(', ')}]${rest === undefined ? '' : `, ${rest}`}]`;
      }
      case 'array': {
        const items = this.of(node.items);
        const prefix = (node.prefixItems ?? []).map((n) => this.of(n));
        if (items === undefined && prefix.every((c) => c === undefined)) return undefined;
        const prefixCode = prefix.some((c) => c !== undefined) ? `, [${prefix.map((c) => c ?? '0').join(', ')}]` : '';
        return `["a", ${items ?? '0'}${prefixCode}]`;
      }
      case 'union': {
        const held = node.members.flatMap((m) => {
          const c = this.of(m);
          return c === undefined ? [] : [{ member: m, codec: c, requires: this.requires(m) }];
        });
        if (held.length === 0) return undefined;
        // A member applies to an object only when the object can be that member (else an int64 `id` of one member
        // would turn another's plain integer `id` into a bigint): when a discriminator maps tags to it, the object
        // carries one of them (`[0, property, tags]`); else the object has every property the member requires
        // that not every member does (names every member requires tell none apart: left out).
        const d = node.discriminator;
        const all = node.members.map((m) => new Set(this.requires(m)));
        const guards = held.map(({ member, requires }) => {
          const tags = d && member.kind === 'ref' ? d.mapping.filter((x) => x.target === member.target).map((x) => x.value) : [];
          if (d && tags.length > 0) return `[0, ${stringLiteral(d.propertyName)}, [${tags.map(stringLiteral).join(', ')}]]`;
          const telling = requires.filter((name) => !all.every((r) => r.has(name)));
          return telling.length === 0 ? '0' : `[${telling.map(stringLiteral).join(', ')}]`;
        });
        const guardsCode = guards.some((g) => g !== '0') ? `, [${guards.join(', ')}]` : '';
        if (held.length === 1 && guardsCode === '') return held[0]!.codec;
        return `["m", [${held.map((h) => h.codec).join(', ')}]${guardsCode}]`;
      }
      case 'intersection': {
        const members = node.members.map((m) => this.of(m)).filter((c): c is string => c !== undefined);
        if (members.length === 0) return undefined;
        return members.length === 1 ? members[0] : `["m", [${members.join(', ')}]]`;
      }
      case 'boolean':
      case 'null':
      case 'unknown':
      case 'never':
      case 'enum':
        return undefined;
      default:
        return assertNever(node);
    }
  }

  /** The properties a node requires of an object (its `$ref` followed, an intersection's members' together). */
  private requires(node: SchemaNode, depth = 0): string[] {
    if (depth > 32) return [];
    switch (node.kind) {
      case 'ref': {
        const s = this.named.get(node.target);
        return s === undefined ? [] : this.requires(s.schema, depth + 1);
      }
      case 'object':
        return [...node.properties.filter((p) => p.required).map((p) => p.name), ...(node.extraRequired ?? [])];
      case 'intersection':
        return [...new Set(node.members.flatMap((m) => this.requires(m, depth + 1)))];
      default:
        return [];
    }
  }

  /** The constant of a named schema's codec, declared once (its code made on first use). */
  private constant(id: string): string {
    const name = `$k_${this.named.get(id)!.name}`;
    if (!this.used.has(id)) {
      this.used.set(id, undefined);
      this.used.set(id, this.of(this.named.get(id)!.schema));
    }
    return name;
  }

  /** The declarations of the constants used so far, in the IR's schema order (deterministic). */
  declarations(): string[] {
    const out: string[] = [];
    for (const s of this.named.values()) {
      const code = this.used.get(s.id);
      if (code !== undefined) out.push(`const $k_${s.name}: $.Codec = ${code};`);
    }
    return out;
  }
}
