import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openapiSchema, precompiledName, type SchemaVersion, type Validate } from '../../dist/parse/openapi-schemas.js';
import { ROOT } from '../helpers/cli.js';

const require = createRequire(import.meta.url);
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

// The validation worker loads the OpenAPI schema validators the build precompiled (Ajv standalone code); they
// must judge documents exactly as the schema compiled at run time does.
describe('precompiled OpenAPI schema validators', () => {
  const broken = (version: string) => ({
    openapi: version,
    info: { title: 1 },
    paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { x: { type: 'strin', minLength: -1 } } } } } } } } }, nope: true },
    components: { schemas: { A: { required: 'x' } } },
  });
  const cases: Array<[SchemaVersion, string, unknown, boolean]> = [
    ['3.0', 'broken', broken('3.0.3'), false],
    ['3.1', 'broken', broken('3.1.0'), false],
    ['3.0', "GitHub's spec", JSON.parse(readFileSync(GITHUB, 'utf8')), true],
    ['3.1', 'minimal', { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} }, true],
    ['2.0', 'broken', { swagger: '2.0', info: { title: 1 }, paths: { '/a': { get: { parameters: [{ name: 'x', in: 'query', type: 'int' }], responses: {} } } }, nope: true }, false],
    ['2.0', "Kubernetes' spec", JSON.parse(gunzipSync(readFileSync(require.resolve('kubernetes-client/lib/specs/swagger-1.13.json.gz'))).toString('utf8')), true],
    ['3.1', 'a server variable with a description', { openapi: '3.1.0', info: { title: 't', version: '1' }, servers: [{ url: 'https://{r}.example.com', variables: { r: { default: 'eu', description: 'region' } } }], paths: {} }, true],
  ];
  it.each(cases)('%s, %s: the same verdict and errors as the schema compiled at run time', (version, _name, doc, valid) => {
    const file = join(ROOT, 'dist/parse', precompiledName(version));
    expect(existsSync(file), `${file} is built by scripts/openapi-validators.mjs`).toBe(true);
    const precompiled = require(file) as Validate;
    const { schema, ajv } = openapiSchema(version);
    const compiled = ajv.compile(schema);
    const a = precompiled(doc);
    const b = compiled(doc);
    expect(a).toBe(valid);
    expect(b).toBe(valid);
    expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null);
  });
});

describe('the validation worker', () => {
  it('stays for the process by default, and stops once idle when released (a one-shot CLI run)', async () => {
    const { releaseValidationWorkerWhenIdle, startValidation, startValidationWorker, validationWorkerRunning } = await import('../../dist/parse/validate.js');
    const text = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} });
    expect(await startValidation(text)).toEqual([]);
    expect(validationWorkerRunning()).toBe(true);
    releaseValidationWorkerWhenIdle(true);
    try {
      expect(await startValidation(text)).toEqual([]);
      expect(validationWorkerRunning()).toBe(false);
      // The next validation starts a new worker.
      const broken = await startValidation(JSON.stringify({ openapi: '3.1.0', info: {}, paths: {} }));
      expect(broken.map((d) => d.code)).toContain('SF3001');
      expect(validationWorkerRunning()).toBe(false);
      // Started ahead (loadSpec does so before it reads the spec), the worker is the one the validation uses.
      startValidationWorker();
      expect(validationWorkerRunning()).toBe(true);
      expect(await startValidation(text)).toEqual([]);
      expect(validationWorkerRunning()).toBe(false);
    } finally {
      releaseValidationWorkerWhenIdle(false);
    }
  });
});
