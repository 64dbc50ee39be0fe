import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { writeFiles } from '../helpers/typecheck.js';

// What a real bundler keeps of GitHub's generated client when an app calls one operation: the lean entry
// (createCore + the operation's function) must bring that operation's descriptor and the shared runtime, and
// nothing else; validators only when the app passes them, and then only those of the operations it passes (and
// the schemas they reach). Bundled unminified, so that names and strings can be looked for.

const GITHUB = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
const BASE = 'http://127.0.0.1:9';

const APPS = {
  lean: `import { createCore, reposGet } from "./api/client.js";
const core = createCore({ baseUrl: "${BASE}" });
export async function main() { return reposGet(core, "octocat", "hello-world"); }
`,
  validated: `import { createCore, reposGet } from "./api/client.js";
import { reposGet as reposGetValidators } from "./api/validators.js";
const core = createCore({ baseUrl: "${BASE}", validateResponses: { reposGet: reposGetValidators } });
export async function main() { return reposGet(core, "octocat", "hello-world"); }
`,
  paged: `import { createCore, reposListForOrgPages } from "./api/client.js";
const core = createCore({ baseUrl: "${BASE}" });
export async function main() { const sizes = []; for await (const page of reposListForOrgPages(core, "octocat")) sizes.push(page.items.length); return sizes; }
`,
  query: `import { createCore } from "./api/client.js";
import { reposGetQueryOptions, reposListForOrgInfiniteQueryOptions } from "./api/query.js";
const core = createCore({ baseUrl: "${BASE}" });
export function main() { return [reposGetQueryOptions(core, "octocat", "hello-world"), reposListForOrgInfiniteQueryOptions(core, "octocat")]; }
`,
  grouped: `import { createClient } from "./api/client.js";
const api = createClient({ baseUrl: "${BASE}" });
export async function main() { return api.repos.get("octocat", "hello-world"); }
`,
};

/** The bundle of an app, as a browser app's bundler makes it (ESM, tree-shaking on), not minified. */
async function bundle(dir: string, app: keyof typeof APPS): Promise<string> {
  const input = join(dir, `${app}.ts`);
  writeFileSync(input, APPS[app]);
  const b = await rolldown({ input, platform: 'browser', treeshake: true, logLevel: 'silent' });
  const { output } = await b.generate({ format: 'esm' });
  await b.close();
  return output[0].code;
}

/** Validator code: the compiled checks (`$c_…`), or the runtime they call (`validator()`, `fail()`). */
const VALIDATOR_CODE = /\$c_\w+|\bfunction validator\(|\bfunction fail\(/;

/** The route strings (`"/repos/{owner}/…"`) a bundle holds: each operation it kept has one in its descriptor. */
const paths = (code: string): string[] => [...code.matchAll(/"(\/repos\/\{owner\}\/\{repo\}[^"]*)"/g)].map((m) => m[1]!);

describe("a one-call app of GitHub's client, bundled", () => {
  const code: Partial<Record<keyof typeof APPS, string>> = {};

  beforeAll(async () => {
    const r = await generate({ input: GITHUB, targets: ['query'], write: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dir = tempDir();
    writeFiles(dir, r.files.map((f) => ({ path: join('api', f.path), content: f.content })));
    for (const app of Object.keys(APPS) as Array<keyof typeof APPS>) code[app] = await bundle(dir, app);
  }, 240_000);

  it('lean: createCore and reposGet bring one descriptor and the runtime, no validator', () => {
    const lean = code.lean!;
    expect(paths(lean)).toEqual(['/repos/{owner}/{repo}']);
    expect(lean).not.toContain('/repos/{owner}/{repo}/issues');
    expect(lean).not.toContain('/orgs/{org}');
    // The runtime came: the core and its errors.
    expect(lean).toMatch(/\bclass Core\b|\bCore = class\b/);
    expect(lean).toContain('failed with HTTP');
    // No validator code: none of the checks, none of their runtime.
    expect(lean).not.toMatch(VALIDATOR_CODE);
    expect(lean.length).toBeLessThan(40_000);
  });

  it("lean with validateResponses: reposGet's validators and the schemas they reach, no one else's", () => {
    const validated = code.validated!;
    expect(paths(validated)).toEqual(['/repos/{owner}/{repo}']);
    expect(validated).toContain('"GET /repos/{owner}/{repo}"'); // the route the core finds them by
    expect(validated).toContain('function $c_FullRepository(');
    expect(validated).toMatch(/\bfunction validator\(/);
    // Other operations' validators and schemas only other operations reach are gone.
    expect(validated).not.toContain('"POST /repos/{owner}/{repo}/issues"');
    expect(validated).not.toContain('function $c_IssueComment(');
    expect(validated).not.toContain('function $c_PullRequest(');
    expect(validated).not.toContain('function $c_Workflow(');
    expect(validated.length).toBeLessThan(code.lean!.length + 1_000_000);
  });

  it("lean paged: a page iterator function brings its operation's descriptor and the runtime, no other operation", () => {
    const paged = code.paged!;
    expect(paged).toContain('"/orgs/{org}/repos"');
    expect(paths(paged)).toEqual([]);
    expect(paged.match(/\bpath: "/g)).toHaveLength(1); // one descriptor
    expect(paged).toContain('kind: "link"');
    expect(paged).not.toMatch(VALIDATOR_CODE);
    expect(paged.length).toBeLessThan(40_000);
  });

  it("query: two factories of query.ts bring their operations' descriptors (the query's and the paged one's), no other, no validator", () => {
    const query = code.query!;
    expect(paths(query)).toEqual(['/repos/{owner}/{repo}']);
    expect(query).toContain('"/orgs/{org}/repos"');
    expect(query.match(/\bpath: "/g)).toHaveLength(2);
    expect(query).toContain('operation: "reposListForOrg"');
    expect(query).not.toContain('reposUpdateMutationOptions');
    expect(query).not.toMatch(VALIDATOR_CODE);
    expect(query.length).toBeLessThan(45_000);
  });

  it('grouped: createClient holds every operation, and still no validator', () => {
    const grouped = code.grouped!;
    expect(paths(grouped).length).toBeGreaterThan(300);
    expect(grouped).toContain('"/repos/{owner}/{repo}/issues"');
    expect(grouped).not.toMatch(VALIDATOR_CODE);
  });
});
