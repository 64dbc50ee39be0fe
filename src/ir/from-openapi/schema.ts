import { escapeToken, unescapeToken } from '../../diagnostics/pointer.js';
import { LIMITS } from '../../parse/limits.js';
import type {
  ArrayNode, Conditional, Discriminator, EnumMember, EnumNode, EnumValue, NumberNode, ObjectNode, Property, SchemaBase,
  SchemaNode, StringNode,
} from '../types.js';
import { isObject, type BuildContext } from './context.js';
import { Keywords, type KeywordName } from './keywords.js';
import { compareStrings } from '../../compare.js';

const COMPOSITION = ['allOf', 'oneOf', 'anyOf'] as const;
const TYPE_NAMES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/** Keywords that say nothing about the shape of a value. */
const ANNOTATION_KEYS = new Set([
  'description', 'title', 'deprecated', 'readOnly', 'writeOnly', 'default', 'examples', 'example', 'externalDocs',
  'xml', '$comment', '$id', '$schema', '$anchor', '$dynamicAnchor', 'discriminator', 'summary', 'contentSchema',
]);
const OBJECT_KEYS: KeywordName[] = [
  'properties', 'additionalProperties', 'patternProperties', 'required', 'minProperties', 'maxProperties',
  'propertyNames', 'dependentRequired', 'dependentSchemas',
];
// Not minContains/maxContains: without `contains` they constrain nothing.
const ARRAY_KEYS: KeywordName[] = ['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems', 'contains'];
/** Keyword families that imply a type when `type` is absent, in a fixed order. */
const IMPLIED: ReadonlyArray<readonly [string, readonly KeywordName[]]> = [
  ['object', OBJECT_KEYS],
  ['array', ARRAY_KEYS],
  ['string', ['minLength', 'maxLength', 'pattern']],
  ['number', ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']],
];

/** Turns one raw schema (already in the 3.1 shape) into an IR node. */
export function buildSchema(ctx: BuildContext, raw: unknown, pointer: string, depth = 0): SchemaNode {
  if (depth > LIMITS.maxSchemaDepth) {
    ctx.report('SF1009', `schema nesting is deeper than ${LIMITS.maxSchemaDepth} levels`, pointer);
    return { kind: 'unknown', pointer };
  }
  if (raw === true) return { kind: 'unknown', pointer };
  if (raw === false) return { kind: 'never', pointer };
  if (!isObject(raw)) {
    ctx.report('SF3002', 'a schema must be an object or a boolean', pointer);
    return { kind: 'unknown', pointer };
  }
  const kw = new Keywords(ctx, raw, pointer);
  for (const key of UNMODELLED) {
    if (Object.hasOwn(raw, key)) kw.report('SF3011', `'${key}' is not modelled: the types ignore it and the validators do not check it (they accept any value here)`, key);
  }
  for (const rule of RULES) {
    if (!rule.match(kw)) continue;
    let node = withAnnotations(rule.convert(ctx, kw, depth), kw);
    // A ref's and a composition's own keywords (`not` and `if` among them) were built beside it, into an
    // intersection: adding them here again would check them twice.
    if (rule.name !== 'ref' && rule.name !== 'composition') addApplicators(ctx, node, kw, depth);
    if (kw.has('unevaluatedProperties') || kw.has('unevaluatedItems')) node = withUnevaluated(ctx, node, kw, depth);
    return node;
  }
  throw new Error('unreachable: the last rule matches everything');
}

/**
 * JSON Schema keywords that constrain values but have no place in the IR (docs/validators.md): a spec that uses
 * them gets a warning each, so that nobody takes the validators for checking them.
 */
const UNMODELLED = ['$dynamicRef'] as const;

/**
 * Keywords that look at what the whole schema evaluated (its own keywords and its in-place subschemas): kept on
 * the node of the whole schema, so a ref's or a composition's own keywords are built without them.
 */
const WHOLE_SCHEMA_KEYS = new Set(['unevaluatedProperties', 'unevaluatedItems']);

interface Rule {
  name: string;
  match: (kw: Keywords) => boolean;
  convert: (ctx: BuildContext, kw: Keywords, depth: number) => SchemaNode;
}

/**
 * Ordered: the first rule that matches converts. The order matters:
 * 1. `$ref` first: in 3.1 its siblings are further constraints (an intersection), in 3.0 they were upgraded away.
 * 2. composition before enum/type: `type: object` + `oneOf` is a union narrowed by its own keywords.
 * 3. `const` and `enum` before `type`: they pin the values, `type` adds nothing the printer needs.
 * 4. an explicit `type` before inference from keywords, and inference before "anything".
 */
const RULES: Rule[] = [
  { name: 'ref', match: (kw) => typeof kw.v.$ref === 'string', convert: convertRef },
  { name: 'composition', match: (kw) => kw.has('allOf') || kw.has('oneOf') || kw.has('anyOf'), convert: convertComposition },
  { name: 'const', match: (kw) => kw.has('const'), convert: convertConst },
  { name: 'enum', match: (kw) => Array.isArray(kw.v.enum), convert: convertEnum },
  { name: 'type', match: (kw) => kw.has('type'), convert: convertTyped },
  { name: 'implied-type', match: (kw) => impliedTypes(kw).length > 0, convert: convertImplied },
  { name: 'any', match: () => true, convert: (_c, kw) => ({ kind: 'unknown', pointer: kw.pointer }) },
];

/**
 * No `type`, but keywords of one or more types: each family gives a node marked `typeImplied` (it constrains
 * only values of its type); several families are an intersection of them.
 */
const NUMERIC_FORMATS = new Set(['int32', 'int64', 'float', 'double']);

/** The types a schema without `type` implies by its keywords (`format` too: numeric formats imply a number). */
function impliedTypes(kw: Keywords): string[] {
  const types = IMPLIED.filter(([, keys]) => keys.some((k) => kw.has(k))).map(([t]) => t);
  const format = kw.v.format;
  if (typeof format === 'string') {
    const t = NUMERIC_FORMATS.has(format) ? 'number' : 'string';
    if (!types.includes(t)) types.push(t);
  }
  return types;
}

function convertImplied(ctx: BuildContext, kw: Keywords, depth: number): SchemaNode {
  const nodes = impliedTypes(kw).map((type) => ({
    ...convertOneType(ctx, kw, type, depth),
    typeImplied: true,
  }));
  return nodes.length === 1 ? nodes[0]! : { kind: 'intersection', members: nodes, pointer: kw.pointer };
}

function convertRef(ctx: BuildContext, kw: Keywords, depth: number): SchemaNode {
  const ref = kw.v.$ref as string;
  const at = kw.pointer + '/$ref';
  const resolved = ctx.resolveLocal(ref, at);
  if (!resolved) return { kind: 'unknown', pointer: kw.pointer };
  ctx.refer(resolved.pointer);
  const refNode: SchemaNode = { kind: 'ref', target: resolved.pointer, pointer: kw.pointer };
  // 3.1: keywords beside $ref constrain further.
  const rest = Object.keys(kw.raw).filter((k) => k !== '$ref' && !ANNOTATION_KEYS.has(k) && !WHOLE_SCHEMA_KEYS.has(k) && !k.startsWith('x-'));
  if (rest.length === 0) return refNode;
  const siblings: Record<string, unknown> = {};
  for (const k of rest) siblings[k] = kw.raw[k];
  const other = buildSchema(ctx, siblings, kw.pointer, depth + 1);
  if (isUnconstrained(other) && !other.nullable) return refNode;
  if (other.kind === 'null') return { ...refNode, nullable: true };
  return { kind: 'intersection', members: [refNode, other], pointer: kw.pointer };
}

function isNullSchema(raw: unknown): boolean {
  if (!isObject(raw)) return false;
  const t = raw.type;
  const onlyNull = t === 'null' || (Array.isArray(t) && t.length === 1 && t[0] === 'null');
  return onlyNull && Object.keys(raw).every((k) => k === 'type' || ANNOTATION_KEYS.has(k));
}

function convertComposition(ctx: BuildContext, kw: Keywords, depth: number): SchemaNode {
  const parts: SchemaNode[] = [];
  let nullable = false;
  // Own keywords beside the composition narrow it: an intersection with them.
  const ownKeys = Object.keys(kw.raw).filter(
    (k) => !COMPOSITION.includes(k as never) && !ANNOTATION_KEYS.has(k) && !WHOLE_SCHEMA_KEYS.has(k) && !k.startsWith('x-'),
  );
  if (ownKeys.length > 0) {
    const own: Record<string, unknown> = {};
    for (const k of ownKeys) own[k] = kw.raw[k];
    const node = buildSchema(ctx, own, kw.pointer, depth + 1);
    if (node.nullable) nullable = true;
    if (!isUnconstrained(node)) parts.push(stripNullable(node));
  }
  const allOf = kw.array('allOf');
  if (allOf) {
    for (let i = 0; i < allOf.length; i++) parts.push(buildSchema(ctx, allOf[i], `${kw.pointer}/allOf/${i}`, depth + 1));
  }
  for (const mode of ['oneOf', 'anyOf'] as const) {
    const list = kw.array(mode);
    if (!list) continue;
    const members: SchemaNode[] = [];
    list.forEach((m, i) => {
      if (isNullSchema(m)) nullable = true;
      else members.push(buildSchema(ctx, m, `${kw.pointer}/${mode}/${i}`, depth + 1));
    });
    const discriminator = mode === 'oneOf' || mode === 'anyOf' ? buildDiscriminator(ctx, kw, members) : undefined;
    if (members.length === 1 && !discriminator) parts.push(members[0]!);
    else if (members.length === 0) parts.push({ kind: 'null', pointer: kw.pointer });
    else {
      const u: SchemaNode = { kind: 'union', mode, members, pointer: kw.pointer };
      if (discriminator) u.discriminator = discriminator;
      parts.push(u);
    }
  }
  let node: SchemaNode;
  if (parts.length === 1) {
    node = { ...parts[0]!, pointer: kw.pointer };
    // A lone member keeps its own description unless the wrapper has one.
  } else if (parts.length === 0) {
    node = { kind: 'unknown', pointer: kw.pointer };
  } else {
    node = { kind: 'intersection', members: parts, pointer: kw.pointer };
  }
  if (nullable) node = node.kind === 'null' ? node : { ...node, nullable: true };
  return node;
}

/** True when any value passes the node (an `unknown`, or an object with no constraint). */
function isUnconstrained(node: SchemaNode): boolean {
  if (node.not !== undefined || constrains(node.conditional)) return false;
  if (node.unevaluatedProperties !== undefined || node.unevaluatedItems !== undefined) return false;
  if (node.kind === 'unknown') return true;
  if (node.kind !== 'object') return false;
  return (
    node.properties.length === 0 &&
    node.additionalProperties === undefined &&
    node.patternProperties === undefined &&
    node.minProperties === undefined &&
    node.maxProperties === undefined &&
    node.extraRequired === undefined &&
    node.propertyNames === undefined &&
    node.dependentRequired === undefined &&
    node.dependentSchemas === undefined
  );
}

/** True for a conditional with a branch (an `if` alone checks nothing). */
function constrains(c: Conditional | undefined): boolean {
  return c !== undefined && (c.then !== undefined || c.else !== undefined);
}

function stripNullable(node: SchemaNode): SchemaNode {
  if (!node.nullable) return node;
  const { nullable: _n, ...rest } = node;
  return rest as SchemaNode;
}

function buildDiscriminator(ctx: BuildContext, kw: Keywords, members: SchemaNode[]): Discriminator | undefined {
  const d = kw.object('discriminator');
  if (!d) return undefined;
  if (typeof d.propertyName !== 'string') {
    ctx.report('SF3002', "'discriminator.propertyName' must be a string", `${kw.pointer}/discriminator/propertyName`);
    return undefined;
  }
  const mapping: Discriminator['mapping'] = [];
  const mapped = new Set<string>();
  if (d.mapping !== undefined) {
    if (!isObject(d.mapping)) {
      ctx.report('SF3002', "'discriminator.mapping' must be an object", `${kw.pointer}/discriminator/mapping`);
    } else {
      for (const [value, ref] of Object.entries(d.mapping).sort(([a], [b]) => compareStrings(a, b))) {
        const at = `${kw.pointer}/discriminator/mapping/${escapeToken(value)}`;
        if (typeof ref !== 'string') {
          ctx.report('SF3002', 'a discriminator mapping value must be a string', at);
          continue;
        }
        const target = ref.includes('/') || ref.startsWith('#') ? ref.replace(/^#/, '') : `/components/schemas/${escapeToken(ref)}`;
        const resolved = ctx.resolveLocal('#' + target, at);
        if (!resolved) {
          ctx.diagnostics.items.pop();
          ctx.report('SF3010', `discriminator mapping '${value}' points at '${ref}', which does not exist`, at);
          continue;
        }
        ctx.refer(resolved.pointer);
        mapping.push({ value, target: resolved.pointer });
        mapped.add(resolved.pointer);
      }
    }
  }
  for (const m of members) {
    if (m.kind === 'ref' && !mapped.has(m.target) && m.target.startsWith('/components/schemas/')) {
      const name = unescapeToken(m.target.slice('/components/schemas/'.length));
      if (!name.includes('/')) mapping.push({ value: name, target: m.target });
    }
  }
  return { propertyName: d.propertyName, mapping };
}

function enumMembers(values: unknown[]): { members: EnumMember[]; nullable: boolean } {
  const members: EnumMember[] = [];
  let nullable = false;
  const seen = new Set<string>();
  for (const v of values) {
    if (v === null) {
      nullable = true;
      continue;
    }
    const k = typeof v + ':' + JSON.stringify(v);
    if (seen.has(k)) continue;
    seen.add(k);
    members.push({ name: '', value: v as EnumValue });
  }
  return { members, nullable };
}

function convertConst(_ctx: BuildContext, kw: Keywords): SchemaNode {
  const v = kw.json('const');
  if (v === null) return { kind: 'null', pointer: kw.pointer };
  if (v === undefined) return { kind: 'unknown', pointer: kw.pointer };
  return { kind: 'enum', members: [{ name: '', value: v as EnumValue }], isConst: true, pointer: kw.pointer };
}

function convertEnum(_ctx: BuildContext, kw: Keywords): SchemaNode {
  const values = kw.json('enum');
  if (values === undefined) return { kind: 'unknown', pointer: kw.pointer };
  const { members, nullable } = enumMembers(values as unknown[]);
  const descriptions = kw.raw['x-enumDescriptions'] ?? kw.raw['x-enum-descriptions'];
  const names = kw.raw['x-enumNames'] ?? kw.raw['x-enum-varnames'];
  members.forEach((m, i) => {
    if (Array.isArray(descriptions) && typeof descriptions[i] === 'string') m.description = descriptions[i];
    else if (isObject(descriptions) && typeof descriptions[String(m.value)] === 'string') m.description = descriptions[String(m.value)] as string;
    if (Array.isArray(names) && typeof names[i] === 'string') m.name = names[i];
  });
  if (members.length === 0) return { kind: nullable ? 'null' : 'never', pointer: kw.pointer };
  const node: EnumNode = { kind: 'enum', members, pointer: kw.pointer };
  if (nullable || typesOf(kw).includes('null')) node.nullable = true;
  return node;
}

function typesOf(kw: Keywords): string[] {
  const t = kw.v.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function convertTyped(ctx: BuildContext, kw: Keywords, depth: number): SchemaNode {
  const t = kw.v.type;
  // The common case: one type name.
  if (typeof t === 'string' && TYPE_NAMES.has(t)) return t === 'null' ? { kind: 'null', pointer: kw.pointer } : convertOneType(ctx, kw, t, depth);
  const types = typeof t === 'string' ? [t] : Array.isArray(t) ? t : undefined;
  if (!types || !types.every((x) => typeof x === 'string' && TYPE_NAMES.has(x))) {
    ctx.report('SF3002', `'type' must be one of ${[...TYPE_NAMES].join(', ')}, or an array of them`, kw.pointer + '/type');
    return { kind: 'unknown', pointer: kw.pointer };
  }
  const unique = [...new Set(types as string[])];
  const nullable = unique.includes('null');
  const nonNull = unique.filter((x) => x !== 'null');
  let node: SchemaNode;
  if (nonNull.length === 0) return { kind: 'null', pointer: kw.pointer };
  if (nonNull.length === 1) node = convertOneType(ctx, kw, nonNull[0]!, depth);
  else if (nonNull.includes('number') && nonNull.includes('integer') && nonNull.length === 2) node = convertOneType(ctx, kw, 'number', depth);
  else node = { kind: 'union', mode: 'anyOf', members: nonNull.map((x) => convertOneType(ctx, kw, x, depth)), pointer: kw.pointer };
  return nullable ? { ...node, nullable: true } : node;
}

function convertOneType(ctx: BuildContext, kw: Keywords, type: string, depth: number): SchemaNode {
  switch (type) {
    case 'string':
      return convertString(kw);
    case 'number':
    case 'integer':
      return convertNumber(kw, type === 'integer');
    case 'boolean':
      return { kind: 'boolean', pointer: kw.pointer };
    case 'object':
      return convertObject(ctx, kw, depth);
    case 'array':
      return convertArray(ctx, kw, depth);
    default:
      return { kind: 'null', pointer: kw.pointer };
  }
}

function convertString(kw: Keywords): StringNode {
  const n: StringNode = { kind: 'string', pointer: kw.pointer };
  assign(n, 'format', kw.string('format'));
  assign(n, 'minLength', kw.nonNegativeInteger('minLength'));
  assign(n, 'maxLength', kw.nonNegativeInteger('maxLength'));
  const pattern = kw.string('pattern');
  if (pattern !== undefined) {
    n.pattern = pattern;
    checkPattern(kw, pattern);
  }
  assign(n, 'contentEncoding', kw.string('contentEncoding'));
  assign(n, 'contentMediaType', kw.string('contentMediaType'));
  return n;
}

function checkPattern(kw: Keywords, pattern: string): void {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    kw.report('SF3009', `pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`, 'pattern');
  }
}

function convertNumber(kw: Keywords, integer: boolean): NumberNode {
  const n: NumberNode = { kind: 'number', integer, pointer: kw.pointer };
  assign(n, 'format', kw.string('format'));
  assign(n, 'minimum', kw.number('minimum'));
  assign(n, 'maximum', kw.number('maximum'));
  assign(n, 'exclusiveMinimum', kw.number('exclusiveMinimum'));
  assign(n, 'exclusiveMaximum', kw.number('exclusiveMaximum'));
  const m = kw.number('multipleOf');
  if (m !== undefined && m > 0) n.multipleOf = m;
  return n;
}

function convertObject(ctx: BuildContext, kw: Keywords, depth: number): ObjectNode {
  const n: ObjectNode = { kind: 'object', properties: [], pointer: kw.pointer };
  const required = new Set(kw.stringArray('required') ?? []);
  const props = kw.object('properties');
  if (props) {
    for (const name of Object.keys(props)) {
      const p: Property = {
        name,
        schema: buildSchema(ctx, props[name], `${kw.pointer}/properties/${escapeToken(name)}`, depth + 1),
        required: required.has(name),
      };
      n.properties.push(p);
    }
  }
  const extra = [...required].filter((r) => !props || !Object.prototype.hasOwnProperty.call(props, r));
  if (extra.length > 0) n.extraRequired = extra;
  if (kw.has('additionalProperties')) {
    const ap = kw.v.additionalProperties;
    if (typeof ap === 'boolean') n.additionalProperties = ap;
    else n.additionalProperties = buildSchema(ctx, ap, `${kw.pointer}/additionalProperties`, depth + 1);
  }
  const pp = kw.object('patternProperties');
  if (pp) {
    n.patternProperties = Object.keys(pp).map((pattern) => ({
      pattern,
      schema: buildSchema(ctx, pp[pattern], `${kw.pointer}/patternProperties/${escapeToken(pattern)}`, depth + 1),
    }));
  }
  assign(n, 'minProperties', kw.nonNegativeInteger('minProperties'));
  assign(n, 'maxProperties', kw.nonNegativeInteger('maxProperties'));
  if (kw.has('propertyNames')) n.propertyNames = buildSchema(ctx, kw.v.propertyNames, `${kw.pointer}/propertyNames`, depth + 1);
  const dr = kw.object('dependentRequired');
  if (dr) {
    const list: NonNullable<ObjectNode['dependentRequired']> = [];
    for (const property of Object.keys(dr)) {
      const names = dr[property];
      if (Array.isArray(names) && names.every((x) => typeof x === 'string')) list.push({ property, required: names as string[] });
      else kw.report('SF3002', `'dependentRequired' values must be arrays of strings`, `dependentRequired/${escapeToken(property)}`);
    }
    if (list.length > 0) n.dependentRequired = list;
  }
  const ds = kw.object('dependentSchemas');
  if (ds) {
    const list = Object.keys(ds).map((property) => ({
      property,
      schema: buildSchema(ctx, ds[property], `${kw.pointer}/dependentSchemas/${escapeToken(property)}`, depth + 1),
    }));
    if (list.length > 0) n.dependentSchemas = list;
  }
  return n;
}

function convertArray(ctx: BuildContext, kw: Keywords, depth: number): ArrayNode {
  const prefix = kw.array('prefixItems');
  const items: SchemaNode = kw.has('items')
    ? buildSchema(ctx, kw.v.items, `${kw.pointer}/items`, depth + 1)
    : { kind: 'unknown', pointer: `${kw.pointer}/items` };
  const n: ArrayNode = { kind: 'array', items, pointer: kw.pointer };
  if (!kw.has('items')) n.itemsUnset = true;
  if (prefix) n.prefixItems = prefix.map((s, i) => buildSchema(ctx, s, `${kw.pointer}/prefixItems/${i}`, depth + 1));
  assign(n, 'minItems', kw.nonNegativeInteger('minItems'));
  assign(n, 'maxItems', kw.nonNegativeInteger('maxItems'));
  assign(n, 'uniqueItems', kw.boolean('uniqueItems'));
  if (kw.has('contains')) {
    n.contains = buildSchema(ctx, kw.v.contains, `${kw.pointer}/contains`, depth + 1);
    assign(n, 'minContains', kw.nonNegativeInteger('minContains'));
    assign(n, 'maxContains', kw.nonNegativeInteger('maxContains'));
  }
  return n;
}

/**
 * `not`, and `if` with `then` and/or `else` (they are ignored without `if`, as JSON Schema says). An `if` alone
 * is kept: it checks nothing, but the properties and items it evaluates count for an `unevaluated*` around it.
 */
function addApplicators(ctx: BuildContext, node: SchemaNode, kw: Keywords, depth: number): void {
  if (kw.has('not') && node.not === undefined) node.not = buildSchema(ctx, kw.v.not, `${kw.pointer}/not`, depth + 1);
  if (!kw.has('if')) return;
  const c: Conditional = { if: buildSchema(ctx, kw.v.if, `${kw.pointer}/if`, depth + 1) };
  if (kw.has('then')) c.then = buildSchema(ctx, kw.v.then, `${kw.pointer}/then`, depth + 1);
  if (kw.has('else')) c.else = buildSchema(ctx, kw.v.else, `${kw.pointer}/else`, depth + 1);
  node.conditional = c;
}

/**
 * `unevaluatedProperties` and `unevaluatedItems`, on the node of the whole schema (whatever rule built it). `true`
 * is kept too: it evaluates every property (or item), which an enclosing schema's `unevaluated*` sees. A node
 * that has its own already (a lone `allOf` member, taken as the whole) is wrapped, so that each keeps its scope.
 */
function withUnevaluated(ctx: BuildContext, node: SchemaNode, kw: Keywords, depth: number): SchemaNode {
  const out: SchemaNode =
    node.unevaluatedProperties !== undefined || node.unevaluatedItems !== undefined ? { kind: 'intersection', members: [node], pointer: kw.pointer } : node;
  if (kw.has('unevaluatedProperties')) out.unevaluatedProperties = buildSchema(ctx, kw.v.unevaluatedProperties, `${kw.pointer}/unevaluatedProperties`, depth + 1);
  if (kw.has('unevaluatedItems')) out.unevaluatedItems = buildSchema(ctx, kw.v.unevaluatedItems, `${kw.pointer}/unevaluatedItems`, depth + 1);
  return out;
}

function withAnnotations(node: SchemaNode, kw: Keywords): SchemaNode {
  const n = node as SchemaBase;
  const description = kw.string('description');
  if (description !== undefined) n.description = description;
  const title = kw.string('title');
  if (title !== undefined) n.title = title;
  if (kw.boolean('deprecated') === true) n.deprecated = true;
  if (kw.boolean('readOnly') === true) n.readOnly = true;
  if (kw.boolean('writeOnly') === true) n.writeOnly = true;
  if (kw.has('default')) {
    const v = kw.json('default');
    if (v !== undefined) n.default = v;
  }
  if (Array.isArray(kw.v.examples)) {
    const examples = kw.json('examples');
    if (examples !== undefined) n.examples = examples as never;
  } else if (kw.has('example')) {
    const example = kw.json('example');
    if (example !== undefined) n.examples = [example];
  }
  return node;
}

function assign<T, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
