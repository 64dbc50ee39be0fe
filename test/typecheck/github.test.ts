import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

const require = createRequire(import.meta.url);
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

describe("GitHub's spec", () => {
  it('generates every target (types, validators, client, server) and all of it type-checks under strict and the strictest flags (nodenext)', async () => {
    const r = await generate({ input: GITHUB, write: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const types = r.files.find((f) => f.path === 'types.ts')!;
    expect(types.content.length).toBeGreaterThan(1_000_000);
    expect(types.content).toContain('export interface Repository {');
    expect(r.files.find((f) => f.path === 'validators.ts')!.content).toContain('export const Repository: $.Validator<T.Repository>');
    expect(r.files.find((f) => f.path === 'client.ts')!.content).toContain('export function createClient<');
    expect(r.files.find((f) => f.path === 'server.ts')!.content).toContain('export interface Handlers {');
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, r.files), 'strictest')).toEqual([]);
  });
});
