/**
 * Worker thread: validates a document against the OpenAPI 3.0/3.1 JSON Schema with swagger-parser's own schema
 * validator, on the raw (not dereferenced) document, so that it runs beside IR building.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createRequire } from 'node:module';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const { text } = workerData as { text: string };
let errors: AjvError[] = [];
try {
  const validateSchema = require('@apidevtools/swagger-parser/lib/validators/schema.js') as (api: unknown) => void;
  validateSchema(JSON.parse(text));
} catch (e) {
  const details = (e as { details?: AjvError[] }).details;
  errors = Array.isArray(details)
    ? details.map((d) => ({ instancePath: d.instancePath, keyword: d.keyword, message: d.message ?? '', params: d.params ?? {} }))
    : [{ instancePath: '', keyword: 'internal', message: (e as Error).message }];
}
parentPort!.postMessage(errors);
