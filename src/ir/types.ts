/**
 * The intermediate representation: plain, JSON-serialisable data tagged by `kind`. Every target reads this and
 * nothing else. Bump IR_VERSION when a change is not backwards-compatible for someone reading `--dump-ir`.
 *
 * Canonical forms (one per idea):
 * - nullable: the `nullable` flag on a node, whatever the spelling in the spec (3.0 `nullable`, a 3.1 type
 *   array, `null` in `enum`, a `oneOf`/`anyOf` member `{ type: 'null' }`). A schema that is only `null` is
 *   `{ kind: 'null' }`.
 * - unions: `union` with `mode` oneOf/anyOf and an optional discriminator; several `type`s become an anyOf union.
 * - intersections: `intersection` (allOf); a single-member allOf is that member.
 * - enums: `enum` with members `{ name, value, description }`; `const` is a one-member enum with `isConst`.
 * - refs: `ref` to a named schema's id; refs are never inlined.
 */
export const IR_VERSION = 4;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON pointer into the bundled root document, e.g. "/components/schemas/DmMember". */
export type Pointer = string;

/** The id of a named schema: the pointer of its definition. */
export type SchemaId = string;

export interface SchemaBase {
  pointer: Pointer;
  nullable?: boolean;
  title?: string;
  description?: string;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  default?: JsonValue;
  examples?: JsonValue[];
  /** `not`: the value must not match this schema. */
  not?: SchemaNode;
  /**
   * `if`/`then`/`else`: a value that matches `if` must match `then`, one that does not must match `else`. An
   * `if` alone constrains nothing, but what it evaluates counts for `unevaluated*`. Checked by the validators;
   * the types ignore it.
   */
  conditional?: Conditional;
  /**
   * `unevaluatedProperties`: of an object value, the properties that neither this schema's own keywords
   * (`properties`, `patternProperties`, `additionalProperties`) nor the subschemas it applies in place and the
   * value passes (`allOf`, the matching `anyOf`/`oneOf` members, `if` and its branch, `dependentSchemas`, refs)
   * evaluated must match this schema (`never` for `false`). Kept on the node of the whole schema, never on a
   * part of it. Validators only.
   */
  unevaluatedProperties?: SchemaNode;
  /** `unevaluatedItems`: the same for an array's items (`prefixItems`, `items`, the items `contains` matched). Validators only. */
  unevaluatedItems?: SchemaNode;
  /**
   * The schema had no `type`; this node's type came from its keywords (`maxLength` → string, `properties` →
   * object). JSON Schema applies such keywords only to values of that type, so values of other types pass
   * (the validators do so); the types target prints the implied type.
   */
  typeImplied?: boolean;
}

export interface Conditional {
  if: SchemaNode;
  then?: SchemaNode;
  else?: SchemaNode;
}

export interface RefNode extends SchemaBase {
  kind: 'ref';
  target: SchemaId;
}

export interface StringNode extends SchemaBase {
  kind: 'string';
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  contentEncoding?: string;
  contentMediaType?: string;
}

export interface NumberNode extends SchemaBase {
  kind: 'number';
  integer: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

export interface BooleanNode extends SchemaBase {
  kind: 'boolean';
}

/** Only `null`. */
export interface NullNode extends SchemaBase {
  kind: 'null';
}

/** Any value (`{}`, `true`, or a schema with no type-constraining keyword). */
export interface UnknownNode extends SchemaBase {
  kind: 'unknown';
}

/** No value (`false`). */
export interface NeverNode extends SchemaBase {
  kind: 'never';
}

/** An allowed value: any JSON value but null (null is the node's `nullable` flag). */
export type EnumValue = string | number | boolean | JsonValue[] | { [key: string]: JsonValue };

export interface EnumMember {
  /** Identifier for the member (assigned by the names pass; "" before it). */
  name: string;
  value: EnumValue;
  description?: string;
}

export interface EnumNode extends SchemaBase {
  kind: 'enum';
  members: EnumMember[];
  /** Came from `const`. */
  isConst?: boolean;
}

export interface Property {
  /** The name on the wire, exactly as in the spec. */
  name: string;
  schema: SchemaNode;
  required: boolean;
}

export interface PatternProperty {
  pattern: string;
  schema: SchemaNode;
}

export interface ObjectNode extends SchemaBase {
  kind: 'object';
  /** In declaration order. */
  properties: Property[];
  /**
   * `false`: closed; `true`: any extra property (explicit `true`); a schema: extra properties of that shape;
   * undefined: not said (open, typed without an index signature).
   */
  additionalProperties?: boolean | SchemaNode;
  patternProperties?: PatternProperty[];
  minProperties?: number;
  maxProperties?: number;
  /** Properties listed in `required` that are not in `properties`. */
  extraRequired?: string[];
  /** `propertyNames`: every property name (a string) must match this schema. Validators only. */
  propertyNames?: SchemaNode;
  /** `dependentRequired`, in the spec's order: when `property` is present, so must each of `required` be. Validators only. */
  dependentRequired?: Array<{ property: string; required: string[] }>;
  /** `dependentSchemas`, in the spec's order: when `property` is present, the object must match `schema`. Validators only. */
  dependentSchemas?: Array<{ property: string; schema: SchemaNode }>;
}

export interface ArrayNode extends SchemaBase {
  kind: 'array';
  /** Items after `prefixItems` (all items when there are none); `never` when `items: false`. */
  items: SchemaNode;
  prefixItems?: SchemaNode[];
  /** True when the schema has no `items` keyword: the items after `prefixItems` are then not evaluated (which only `unevaluatedItems` sees). */
  itemsUnset?: boolean;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /**
   * `contains`: at least `minContains` (default 1) and at most `maxContains` (when set) items match this schema.
   * The bounds are kept only beside `contains`, which they need. Validators only.
   */
  contains?: SchemaNode;
  minContains?: number;
  maxContains?: number;
}

export interface Discriminator {
  propertyName: string;
  /** Tag value → schema, explicit mapping first, then implicit (the component name of each ref member). */
  mapping: Array<{ value: string; target: SchemaId }>;
}

export interface UnionNode extends SchemaBase {
  kind: 'union';
  mode: 'oneOf' | 'anyOf';
  members: SchemaNode[];
  discriminator?: Discriminator;
}

export interface IntersectionNode extends SchemaBase {
  kind: 'intersection';
  members: SchemaNode[];
}

export type SchemaNode =
  | RefNode
  | StringNode
  | NumberNode
  | BooleanNode
  | NullNode
  | UnknownNode
  | NeverNode
  | EnumNode
  | ObjectNode
  | ArrayNode
  | UnionNode
  | IntersectionNode;

export type SchemaKind = SchemaNode['kind'];

/** A schema with a name of its own in the output. */
export interface NamedSchema {
  kind: 'named-schema';
  id: SchemaId;
  /** Where the name came from: a component key, or a hoisted enum's owner and property. */
  origin: 'component' | 'hoisted';
  /** Raw words the name is made from (the component key, or the owner's words plus the property's). */
  nameHint: string[];
  /** TypeScript identifier, assigned by the names pass. */
  name: string;
  /**
   * Set when the schema looks different in requests than in responses (readOnly/writeOnly, directly or through
   * a ref): the identifier of the request-side ("write") variant. `name` is the response-side ("read") shape.
   */
  writeName?: string;
  /** Set by the directions pass when the write shape differs from the read shape. */
  differsByDirection?: boolean;
  schema: SchemaNode;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export type ParameterStyle = 'matrix' | 'label' | 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

export interface Parameter {
  kind: 'parameter';
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: SchemaNode;
  style: ParameterStyle;
  explode: boolean;
  allowReserved: boolean;
  /** Set when the parameter is given by `content` (one media type) instead of `schema`. */
  mediaType?: string;
  /** Identifier for a positional argument (path parameters), assigned by the names pass. */
  argName: string;
  description?: string;
  deprecated?: boolean;
  pointer: Pointer;
}

export interface MediaTypeEntry {
  mediaType: string;
  schema: SchemaNode;
  pointer: Pointer;
  /**
   * The media type's own examples, in the spec's order: each entry of `examples` by its key (the `value` of an
   * Example Object, followed through `$ref`; `externalValue` ones are left out), or `example` named "example".
   */
  examples?: Array<{ name: string; value: JsonValue }>;
  /** A form or multipart body's Encoding Object: how some of its properties are written, in the spec's order. */
  encoding?: PropertyEncoding[];
}

/**
 * How one property of a form or multipart body is written (OpenAPI's Encoding Object). Unsaid, a property goes
 * as `form` exploded (arrays as the key repeated; objects in brackets, specforge's default, as Stripe reads them).
 */
export interface PropertyEncoding {
  name: string;
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  allowReserved?: boolean;
  contentType?: string;
}

export interface RequestBody {
  required: boolean;
  description?: string;
  content: MediaTypeEntry[];
  pointer: Pointer;
}

export interface ResponseHeader {
  name: string;
  required: boolean;
  schema: SchemaNode;
  description?: string;
}

export interface Response {
  /** "200", "4XX" or "default". */
  status: string;
  description: string;
  content: MediaTypeEntry[];
  headers: ResponseHeader[];
  pointer: Pointer;
}

/** One way to satisfy security: every listed scheme together (AND). An empty list means no authentication. */
export interface SecurityRequirement {
  schemes: Array<{ scheme: string; scopes: string[] }>;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export interface OperationTypeNames {
  pathParams: string;
  query: string;
  headers: string;
  cookies: string;
  body: string;
  responses: string;
  response: string;
}

/**
 * Where a value is in a response body: its keys from the body down (`["meta", "next_page_url"]`); `[]` is the
 * body itself (GitHub's lists are an array).
 */
export type BodyPath = string[];

/**
 * How an operation pages, detected by the pagination pass or declared with `x-specforge-pagination`:
 * - `page`: a page-number query parameter and a total-pages field (Alo's `page`/`per_page`/`total_pages`);
 * - `cursor`: a cursor query parameter fed from the last item's id while a has-more field is true (Stripe's
 *   `starting_after`/`has_more`);
 * - `next`: a field holding the next page's URL, null or absent on the last page (Twilio's `meta.next_page_url`);
 * - `link`: the `Link` response header's `rel="next"` target (RFC 8288; GitHub);
 * - `offset`: offset and limit query parameters; the last page is short, or reaches the `total` field when
 *   there is one.
 * `items` is where the page's items are.
 */
export type Pagination =
  | { kind: 'page'; items: BodyPath; pageParam: string; totalPages: BodyPath }
  | { kind: 'cursor'; items: BodyPath; cursorParam: string; hasMore: BodyPath; idField: string }
  | { kind: 'next'; items: BodyPath; next: BodyPath }
  | { kind: 'link'; items: BodyPath }
  | { kind: 'offset'; items: BodyPath; offsetParam: string; limitParam: string; total?: BodyPath };

export interface Operation {
  kind: 'operation';
  /** The operationId, or one made from method and path when the spec has none. */
  operationId: string;
  /** camelCase identifier, assigned by the names pass. */
  name: string;
  pagination?: Pagination;
  /** Names of the per-operation types of the API (the types module's), assigned by the names pass. */
  typeNames: OperationTypeNames;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags: string[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** Effective security (operation-level, else document-level): alternatives (OR) of requirements (AND). */
  security: SecurityRequirement[];
  pointer: Pointer;
}

export type SecurityScheme =
  | { kind: 'http'; key: string; scheme: string; bearerFormat?: string; description?: string; pointer: Pointer }
  | { kind: 'apiKey'; key: string; in: 'header' | 'query' | 'cookie'; name: string; description?: string; pointer: Pointer }
  | {
      kind: 'oauth2';
      key: string;
      scopes: string[];
      /** The `tokenUrl` of its `clientCredentials` flow, when it has one (the client fetches tokens there). */
      clientCredentialsTokenUrl?: string;
      description?: string;
      pointer: Pointer;
    }
  | { kind: 'openIdConnect'; key: string; url: string; description?: string; pointer: Pointer }
  | { kind: 'mutualTLS'; key: string; description?: string; pointer: Pointer };

export interface ServerVariable {
  name: string;
  default: string;
  enum?: string[];
  description?: string;
}

export interface Server {
  url: string;
  description?: string;
  variables: ServerVariable[];
}

export interface IrDocument {
  kind: 'document';
  irVersion: typeof IR_VERSION;
  /** The version the spec declared (the IR is always in the 3.1 shape). */
  openapiVersion: string;
  info: { title: string; version: string; description?: string };
  servers: Server[];
  /** Sorted by name after the order pass. */
  schemas: NamedSchema[];
  /** Sorted by path, then method (get, put, post, delete, options, head, patch, trace), after the order pass. */
  operations: Operation[];
  securitySchemes: SecurityScheme[];
}
