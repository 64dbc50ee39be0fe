/**
 * Worker thread: validates documents against the OpenAPI 3.0/3.1 JSON Schemas, the way swagger-parser's own
 * schema validator does (its schemas, its Ajv set-up), on the raw (not dereferenced) document, so that it runs
 * beside IR building. The worker lives for the process (see validate.ts). Each schema's validator is loaded
 * once: precompiled by the build (Ajv standalone code, dist/parse/openapi-*-validate.cjs) or, where that file
 * is missing, compiled here on first use.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { openapiSchema, precompiledName, schemaVersion, type AjvError, type SchemaVersion, type Validate } from './openapi-schemas.js';

const require = createRequire(import.meta.url);
const loaded = new Map<SchemaVersion, Validate>();

function validatorFor(version: SchemaVersion): Validate {
  let v = loaded.get(version);
  if (!v) {
    try {
      v = require(`./${precompiledName(version)}`) as Validate;
    } catch {
      const { schema, ajv } = openapiSchema(version);
      v = ajv.compile(schema);
    }
    loaded.set(version, v);
  }
  return v;
}

const utf8 = new TextDecoder('utf-8');

parentPort!.on('message', ({ id, text, bytes }: { id: number; text?: string; bytes?: Uint8Array }) => {
  let errors: AjvError[] = [];
  try {
    // Bytes as read from disk: decoded here (a byte order mark is dropped), off the main thread.
    const doc = JSON.parse(text ?? utf8.decode(bytes)) as { openapi?: unknown };
    const validate = validatorFor(schemaVersion(doc.openapi));
    if (!validate(doc)) {
      errors = (validate.errors ?? []).map((d) => ({ instancePath: d.instancePath, keyword: d.keyword, message: d.message ?? '', params: d.params ?? {} }));
    }
  } catch (e) {
    errors = [{ instancePath: '', keyword: 'internal', message: (e as Error).message }];
  }
  parentPort!.postMessage({ id, errors });
});
