import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ALL_TARGETS, generate } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

const require = createRequire(import.meta.url);
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

describe("GitHub's spec", () => {
  it('generates every target (types, validators, client, server, query) and all of it type-checks under strict and the strictest flags (nodenext)', async () => {
    // The query target joins the one program: it adds query.ts alone to the check (types.ts and client.ts are in it already).
    const r = await generate({ input: GITHUB, targets: [...ALL_TARGETS], write: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const types = r.files.find((f) => f.path === 'types.ts')!;
    expect(types.content.length).toBeGreaterThan(1_000_000);
    expect(types.content).toContain('export interface Repository {');
    expect(r.files.find((f) => f.path === 'validators.ts')!.content).toContain('export const Repository: $.Validator<T.Repository>');
    expect(r.files.find((f) => f.path === 'client.ts')!.content).toContain('export function createClient<');
    expect(r.files.find((f) => f.path === 'server.ts')!.content).toContain('export interface Handlers {');
    const query = r.files.find((f) => f.path === 'query.ts')!.content;
    expect(query).toContain('export function reposGetQueryOptions(core: $.Core<boolean>, owner: T.ReposGetPathParams["owner"], repo: T.ReposGetPathParams["repo"], options?: Omit<C.RequestOptions, "signal" | "throwOnError">)');
    expect(query).toContain('export function reposListForOrgInfiniteQueryOptions(');
    expect(query).toContain('export function reposUpdateMutationOptions(');
    // One query or mutation factory per operation (its client descriptor), one infinite query per page function.
    const client = r.files.find((f) => f.path === 'client.ts')!.content;
    const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;
    expect(count(query, /^export function \w+(?<!Infinite)(Query|Mutation)Options\(/gm)).toBe(count(client, /^const \$\w+: \$\.Op = /gm));
    expect(count(query, /^export function \w+InfiniteQueryOptions\(/gm)).toBe(count(client, /^export function \w+Page\(core/gm));
    expect(count(query, /^export function \w+InfiniteQueryOptions\(/gm)).toBeGreaterThan(150);
    const dir = tempDir();
    expect(typecheck(writeFiles(dir, r.files), 'strictest')).toEqual([]);
    // About 100 s on a quiet machine (the type-check of 20 MB of output, 1 GB); the suite's 120 s default is too tight under load.
  }, 300_000);
});
