#!/usr/bin/env node
// npm run bench:output: the output is judged in the user's program. On GitHub's spec, one app that calls
// `GET /repos/{owner}/{repo}` once, written against each tool's output, side by side in one run:
//   specforge (all targets): (a) createCore + reposGet, (b) the same with validateResponses, (c) createClient (grouped)
//   openapi-typescript types.ts + openapi-fetch
//   Redocly generate-client
// For each app: the size of its browser bundle (rolldown, ESM, tree-shaken, minified; gzip -9), and `tsc --noEmit`
// over the app (which pulls in what it imports); for each tool, `tsc --noEmit` over every .ts file it wrote.
// Interleaved within each round, medians over the rounds; ratios against the targets; results written to
// bench/RESULTS.md.
// Usage: node bench/output.mjs [--runs N] [--quick] [--no-write]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rolldown } from 'rolldown';
import { flag, option } from './options.mjs';
import { writeResults } from './results.mjs';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const runs = flag('--quick') ? 1 : Number(option('--runs', 3));
if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`--runs takes a positive integer, not ${option('--runs')}`);
const spec = require.resolve('@octokit/openapi/generated/api.github.com.json');
const pkgVersion = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const TSC = join(root, 'node_modules/typescript/bin/tsc');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null; // GNU time: the child's peak RSS (-f %M, KiB)
const BASE_URL = 'http://127.0.0.1:9';

// The apps live inside the repo (bench/.tmp/ is git-ignored) so that bare imports (openapi-fetch) resolve from
// its node_modules, for rolldown and tsc alike.
const tmpRoot = join(root, 'bench/.tmp');
const hadTmpRoot = existsSync(tmpRoot);
mkdirSync(tmpRoot, { recursive: true });
const work = mkdtempSync(join(tmpRoot, 'output-'));
const cleanUp = () => {
  rmSync(work, { recursive: true, force: true });
  if (!hadTmpRoot) {
    try {
      rmdirSync(tmpRoot); // only when empty, and only if this run made it
    } catch {}
  }
};
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/** Runs a command; a non-zero exit throws with its output. */
function run(cmd, argv, { label = relative(root, argv[0] ?? cmd), env = {}, cwd = work } = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd, maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  if (r.error) throw new Error(`${label}: ${r.error.message}`);
  if (r.status !== 0) {
    const cut = (s) => (s.length > 20000 ? s.slice(0, 20000) + `\n… (${s.length - 20000} more characters)` : s);
    throw new Error(`${label} failed (${r.status ?? r.signal}): ${[cmd, ...argv].join(' ')}\n--- stdout\n${cut(r.stdout)}\n--- stderr\n${cut(r.stderr)}`);
  }
  return r;
}

const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};
const tsFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => join(dir, f));
const sizeOf = (files) => files.reduce((n, f) => n + statSync(f).size, 0);

// ---- Generate, once: the output is the same in every round.
console.error('generating…');
const sfDir = join(work, 'specforge');
const oapiDir = join(work, 'oapi');
const redoclyDir = join(work, 'redocly');
run(process.execPath, [join(root, 'dist/cli/main.js'), 'generate', spec, '-o', join(sfDir, 'api'), '-q'], { label: 'specforge generate' });
// The same app on an output generated with the opt-in representations (issue 27): what an app pays for them.
const sfDatesDir = join(work, 'specforge-dates');
run(process.execPath, [join(root, 'dist/cli/main.js'), 'generate', spec, '-o', join(sfDatesDir, 'api'), '-q', '-t', 'client', '--dates', 'Date', '--int64', 'bigint'], { label: 'specforge generate --dates Date --int64 bigint' });
writeFileSync(join(sfDatesDir, 'package.json'), '{ "type": "module" }\n');
run(process.execPath, [join(dirname(require.resolve('openapi-typescript/package.json')), 'bin/cli.js'), spec, '-o', join(oapiDir, 'types.ts')], { label: 'openapi-typescript' });
run(process.execPath, [join(dirname(require.resolve('@redocly/cli/package.json')), 'bin/cli.js'), 'generate-client', spec, '-o', join(redoclyDir, 'client.ts')], {
  label: 'redocly generate-client',
  // No telemetry or update check (as in bench/run.mjs): the bench must not wait on a network.
  env: { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
// The folders written by the tools, before the apps are added (for the whole-folder type-checks).
const folders = { specforge: tsFiles(join(sfDir, 'api')), oapi: tsFiles(oapiDir), redocly: tsFiles(redoclyDir) };
for (const d of [sfDir, oapiDir, redoclyDir]) writeFileSync(join(d, 'package.json'), '{ "type": "module" }\n'); // nodenext: ESM

// ---- The names each tool gave the operation (checked in its output, not assumed).
const notes = [];
const sfClient = readFileSync(join(sfDir, 'api/client.ts'), 'utf8');
const sfValidators = readFileSync(join(sfDir, 'api/validators.ts'), 'utf8');
for (const [text, re, what] of [
  // Generic since the result mode (`createCore<O …>(`, `reposGet<C …, O …>(core`): the type parameters are skipped.
  [sfClient, /^export function createCore[<(]/m, 'client.ts: export function createCore('],
  [sfClient, /^export function reposGet\b[^(]*(?:\([^)]*\)[^(]*)*\(core\b/m, 'client.ts: export function reposGet(core, …'],
  [sfClient, /^export function createClient[<(]/m, 'client.ts: export function createClient('],
  [sfValidators, /^export const reposGet = /m, 'validators.ts: export const reposGet ='],
]) {
  if (!re.test(text)) throw new Error(`specforge's output has no ${what}: the operation's names differ from what this bench assumes; adapt the apps`);
}
/** The grouped client's member that calls reposGet: its group and key, read off createClient's body. */
function groupedMember() {
  const lines = sfClient.slice(sfClient.search(/^export function createClient[<(]/m)).split('\n');
  let group = null;
  for (const line of lines) {
    const g = /^ {4}(\w+): \{$/.exec(line);
    if (g) group = g[1];
    const m = /^ {6}(\w+): \([^)]*\) => reposGet\(core\b/.exec(line);
    if (m && group) return [group, m[1]];
    if (line === '}') break;
  }
  throw new Error("specforge's createClient has no member that calls reposGet");
}
const [sfGroup, sfMember] = groupedMember();
if (`${sfGroup}.${sfMember}` !== 'repos.get') notes.push(`specforge's grouped client names the operation \`api.${sfGroup}.${sfMember}\` (not \`api.repos.get\`): app (c) calls that.`);

const redoclyClient = readFileSync(join(redoclyDir, 'client.ts'), 'utf8');
const redoclyName = /^\s+(\w+): \{ id: "repos\/get", method: "GET", path: "\/repos\/\{owner\}\/\{repo\}"/m.exec(redoclyClient)?.[1];
if (!redoclyName) throw new Error('Redocly\'s client.ts has no OPERATIONS entry with id "repos/get"');
if (!new RegExp(`^export const \\{[^}]*\\b${redoclyName}\\b[^}]*\\} = client;`, 'm').test(redoclyClient)) throw new Error(`Redocly's client.ts does not export ${redoclyName}`);
if (!/^export const \{ configure, use \} = client;/m.test(redoclyClient)) throw new Error("Redocly's client.ts does not export configure");

// ---- The apps: one call of GET /repos/{owner}/{repo} each.
const apps = [
  {
    id: 'sf-lean',
    label: 'specforge (a) lean: `createCore` + `reposGet`',
    file: join(sfDir, 'lean.ts'),
    folder: 'specforge',
    code: `import { createCore, reposGet } from "./api/client.js";
const core = createCore({ baseUrl: "${BASE_URL}" });
export async function main() { return reposGet(core, "octocat", "hello-world"); }
`,
  },
  {
    id: 'sf-validated',
    label: 'specforge (b) lean + `validateResponses: { reposGet }`',
    file: join(sfDir, 'validated.ts'),
    folder: 'specforge',
    code: `import { createCore, reposGet } from "./api/client.js";
import { reposGet as reposGetValidators } from "./api/validators.js";
const core = createCore({ baseUrl: "${BASE_URL}", validateResponses: { reposGet: reposGetValidators } });
export async function main() { return reposGet(core, "octocat", "hello-world"); }
`,
  },
  {
    id: 'sf-grouped',
    label: `specforge (c) grouped: \`createClient\` → \`api.${sfGroup}.${sfMember}\``,
    file: join(sfDir, 'grouped.ts'),
    folder: 'specforge',
    code: `import { createClient } from "./api/client.js";
const api = createClient({ baseUrl: "${BASE_URL}" });
export async function main() { return api.${sfGroup}.${sfMember}("octocat", "hello-world"); }
`,
  },
  {
    id: 'sf-features',
    label: 'specforge (d) lean + a logging middleware + `throwOnError: false`',
    file: join(sfDir, 'features.ts'),
    folder: 'specforge',
    code: `import { createCore, reposGet } from "./api/client.js";
const core = createCore({ baseUrl: "${BASE_URL}", throwOnError: false, middleware: [{ onRequest: (request) => void console.log(request.method, request.url) }] });
export async function main() { const { data, error } = await reposGet(core, "octocat", "hello-world"); return error ? error.status : data.full_name; }
`,
  },
  {
    id: 'sf-dates',
    label: 'specforge (e) lean, generated with `--dates Date --int64 bigint`',
    file: join(sfDatesDir, 'lean.ts'),
    folder: 'specforge-dates',
    code: `import { createCore, reposGet } from "./api/client.js";
const core = createCore({ baseUrl: "${BASE_URL}" });
export async function main() { const repo = await reposGet(core, "octocat", "hello-world"); return repo.created_at.getTime() + Number(repo.id); }
`,
  },
  {
    id: 'oapi',
    label: `openapi-typescript ${pkgVersion('openapi-typescript')} + openapi-fetch ${pkgVersion('openapi-fetch')}`,
    file: join(oapiDir, 'app.ts'),
    folder: 'oapi',
    code: `import createClient from "openapi-fetch";
import type { paths } from "./types.js";
const client = createClient<paths>({ baseUrl: "${BASE_URL}" });
export async function main() { return client.GET("/repos/{owner}/{repo}", { params: { path: { owner: "octocat", repo: "hello-world" } } }); }
`,
  },
  {
    id: 'redocly',
    label: `Redocly generate-client ${pkgVersion('@redocly/cli')}: \`${redoclyName}\``,
    file: join(redoclyDir, 'app.ts'),
    folder: 'redocly',
    code: `import { configure, ${redoclyName} } from "./client.js";
configure({ serverUrl: "${BASE_URL}" });
export async function main() { return ${redoclyName}({ path: { owner: "octocat", repo: "hello-world" } }); }
`,
  },
];
for (const a of apps) write(a.file, a.code);
// openapi-fetch ships .d.ts: its whole folder is types.ts with the app that brings the client in.
folders.oapi = [...folders.oapi, join(oapiDir, 'app.ts')];

// ---- Measurements.
/** The one-call app bundled for the browser: ESM, tree-shaken, minified. */
async function bundle(input) {
  const warnings = [];
  const b = await rolldown({ input, platform: 'browser', treeshake: true, cwd: root, onLog: (level, log) => warnings.push(`${level} ${log.code ?? ''} ${log.message}`.slice(0, 300)) });
  let output;
  try {
    ({ output } = await b.generate({ format: 'esm', minify: true }));
  } finally {
    await b.close();
  }
  const code = output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
  return { raw: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, code, chunks: output.filter((o) => o.type === 'chunk').length, warnings };
}

const STRICT = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--types', 'node', '--typeRoots', join(root, 'node_modules/@types')];
// The strictest row: what bench/strictest.json adds (as test/helpers/typecheck.ts's `strictest` resolution and
// bench/corpus-check.mjs read it), with noUncheckedIndexedAccess, which both add to strict as well.
const { '//': _, ...strictestJson } = JSON.parse(readFileSync(join(root, 'bench/strictest.json'), 'utf8'));
const STRICTEST = [...STRICT, '--noUncheckedIndexedAccess', ...Object.entries(strictestJson).flatMap(([k, v]) => (v === true ? [`--${k}`] : [`--${k}`, String(v)]))];

/** `tsc --noEmit` over `files`: wall time, the child's peak RSS, and what --extendedDiagnostics reports. */
function tsc(files, flags, label) {
  const argv = [TSC, ...flags, '--extendedDiagnostics', ...files];
  const t0 = performance.now();
  const r = TIME ? run(TIME, ['-f', '@@maxrss %M', process.execPath, ...argv], { label }) : run(process.execPath, argv, { label });
  const ms = performance.now() - t0;
  const num = (re, text = r.stdout) => Number(re.exec(text)?.[1] ?? NaN);
  return {
    ms,
    rss: TIME ? num(/@@maxrss (\d+)/, r.stderr) / 1024 : NaN,
    heap: num(/Memory used:\s+(\d+)K/) / 1024,
    check: num(/Check time:\s+([\d.]+)s/) * 1000,
    files: num(/Files:\s+(\d+)/),
  };
}

const folderJobs = [
  { id: 'specforge', label: 'specforge, every file it wrote', files: folders.specforge, flags: STRICT },
  { id: 'specforge-strictest', label: 'specforge, every file it wrote, strictest flags', files: folders.specforge, flags: STRICTEST },
  { id: 'oapi', label: 'openapi-typescript types.ts + the app (openapi-fetch .d.ts)', files: folders.oapi, flags: STRICT },
  { id: 'redocly', label: 'Redocly client.ts', files: folders.redocly, flags: STRICT },
];

const samples = { bundle: new Map(), app: new Map(), folder: new Map() };
const push = (kind, id, x) => (samples[kind].get(id) ?? samples[kind].set(id, []).get(id)).push(x);
const bundles = new Map(); // the last bundle of each app, for the content checks
for (let round = 0; round < runs; round++) {
  console.error(`round ${round + 1} of ${runs}…`);
  // Interleaved: every tool's app, one after another, then every tool's folder.
  for (const a of apps) {
    const b = await bundle(a.file);
    const prev = bundles.get(a.id);
    if (prev && prev.code !== b.code) notes.push(`${a.label}: the bundle differed between rounds (${prev.raw} → ${b.raw} bytes).`);
    bundles.set(a.id, b);
    push('bundle', a.id, b);
    push('app', a.id, tsc([a.file], STRICT, `tsc over ${relative(work, a.file)}`));
  }
  for (const f of folderJobs) push('folder', f.id, tsc(f.files, f.flags, `tsc over ${f.label}`));
}

// ---- Results.
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const med = (kind, id, key) => median(samples[kind].get(id).map((x) => x[key]));
const mem = (kind, id) => (TIME ? med(kind, id, 'rss') : med(kind, id, 'heap')); // peak RSS, else tsc's "Memory used"
const memWord = TIME ? 'peak RSS' : "tsc's Memory used";
/** The ratio within each round (the runs side by side), the median over rounds: steadier when the machine drifts. */
const paired = (kind, a, b, key) => median(samples[kind].get(a).map((x, i) => x[key] / samples[kind].get(b)[i][key]));
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const x2 = (x) => `${x.toFixed(2)}×`;
const verdict = (x, target) => (x <= target ? 'met' : '**not met**');

const folderOf = { 'sf-lean': 'specforge', oapi: 'oapi', redocly: 'redocly' };
const rows = apps.map((a) => {
  const f = folderOf[a.id];
  return `| ${a.label} | ${int(med('bundle', a.id, 'raw'))} | ${int(med('bundle', a.id, 'gzip'))} | ${int(med('app', a.id, 'ms'))} | ${int(mem('app', a.id))} | ${f ? int(med('folder', f, 'ms')) : '(as (a))'} | ${f ? int(mem('folder', f)) : '(as (a))'} |`;
});
rows.splice(5, 0, `| specforge, whole folder under the strictest flags | | | | | ${int(med('folder', 'specforge-strictest', 'ms'))} | ${int(mem('folder', 'specforge-strictest'))} |`);

const gz = (id) => med('bundle', id, 'gzip');
const rLeanGzip = gz('sf-lean') / gz('oapi');
const rLeanTsc = med('app', 'sf-lean', 'ms') / med('app', 'oapi', 'ms');
const rLeanTscMem = mem('app', 'sf-lean') / mem('app', 'oapi');
const rFolderTsc = med('folder', 'specforge', 'ms') / med('folder', 'redocly', 'ms');
const rFolderMem = mem('folder', 'specforge') / mem('folder', 'redocly');
const rGroupedGzip = gz('sf-grouped') / gz('redocly');
const rFeaturesGzip = gz('sf-features') / gz('oapi');
const rDatesGzip = gz('sf-dates') / gz('oapi');

// What each bundle holds: the operation's path, another operation's (a sign that the rest of the API came along),
// specforge's validator code (its check messages, as the minifier writes them: `must be `+what, "must have the
// property", "must be a valid <format>"), and the bare text "must be" (which other libraries' errors hold too:
// openapi-fetch's "Middleware must be an object…").
const VALIDATOR_CODE = /(["'`])must be \1|must have the property|must be a valid /;
const contents = apps.map((a) => {
  const { code, chunks, warnings } = bundles.get(a.id);
  const count = (s) => code.split(s).length - 1;
  const validators = VALIDATOR_CODE.test(code);
  const ops = count('"/repos/{owner}/') + count("'/repos/{owner}/") + count('`/repos/{owner}/');
  return {
    a,
    line: `- ${a.label}: ${chunks} chunk(s); \`/repos/{owner}/{repo}\` ${code.includes('/repos/{owner}/{repo}') ? 'present' : '**absent**'}; \`/repos/{owner}/{repo}/issues\` ${code.includes('/repos/{owner}/{repo}/issues') ? '**present**' : 'absent'}; ${ops} string(s) starting \`/repos/{owner}/\`; specforge validator code ${validators ? '**present**' : 'absent'}; the text "must be" ${count('must be')} time(s)${warnings.length ? `; ${warnings.length} rolldown log(s): ${[...new Set(warnings)].slice(0, 3).join(' | ')}` : ''}.`,
    otherOps: code.includes('/repos/{owner}/{repo}/issues'),
    validators,
    mustBe: count('must be'),
  };
});
const lean = contents.find((c) => c.a.id === 'sf-lean');
if (lean.otherOps || lean.validators) notes.push(`**App (a) bundles more than its one call**: ${lean.otherOps ? 'other operations (`/repos/{owner}/{repo}/issues`)' : ''}${lean.otherOps && lean.validators ? ' and ' : ''}${lean.validators ? 'validator code' : ''}.`);
if (lean.mustBe > 0 && !lean.validators) notes.push(`App (a)'s bundle holds the text "must be" ${lean.mustBe} time(s), though no validator code.`);
const validated = contents.find((c) => c.a.id === 'sf-validated');
if (!validated.validators) notes.push('App (b) bundles no validator code: are the response validators there?');

const detail = [...apps.map((a) => ({ kind: 'app', id: a.id, label: `app: ${a.label}` })), ...folderJobs.map((f) => ({ kind: 'folder', id: f.id, label: `folder: ${f.label}` }))];
const generated = [
  ['specforge (all targets)', folders.specforge],
  ['openapi-typescript', folders.oapi.filter((f) => !f.endsWith('app.ts'))],
  ['Redocly generate-client', folders.redocly],
];
const date = new Date().toISOString().slice(0, 10);
const table = [
  `Spec: GitHub REST API (@octokit/openapi ${pkgVersion('@octokit/openapi')}, generated/api.github.com.json, ${(statSync(spec).size / 1e6).toFixed(1)} MB). One app per tool that calls \`GET /repos/{owner}/{repo}\` once.`,
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, TypeScript ${pkgVersion('typescript')}, rolldown ${pkgVersion('rolldown')}; ${date}; ${runs} interleaved round(s), median.`,
  `Reproduce: \`npm run bench:output\` (\`node bench/output.mjs\`; \`--runs N\`, \`--quick\` for one round, \`--no-write\`).`,
  '',
  `Bundle: rolldown, platform browser, ESM, tree-shaken, minified; gzip level 9 (bytes). tsc: \`tsc --noEmit --strict --skipLibCheck\`, target es2022, module/moduleResolution nodenext, lib es2022,dom, types node; MB is ${memWord}. App tsc is the app alone (with what it imports); folder tsc is every .ts file the tool wrote.`,
  '',
  '| tool / app | bundle raw (B) | bundle gzip (B) | app tsc (ms) | app tsc (MB) | folder tsc (ms) | folder tsc (MB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
  '',
  `- specforge lean gzip / openapi-fetch gzip: **${x2(rLeanGzip)}** (target ≤ 1.5×: ${verdict(rLeanGzip, 1.5)}).`,
  `- specforge lean with middleware and result mode gzip / openapi-fetch gzip: **${x2(rFeaturesGzip)}** (target ≤ 1.5×: ${verdict(rFeaturesGzip, 1.5)}).`,
  `- specforge lean generated with \`--dates Date --int64 bigint\` gzip / openapi-fetch gzip: ${x2(rDatesGzip)} (opt-in: the codecs, the dates' format checks and the lossless JSON reader and writer; no target).`,
  `- specforge lean app tsc / openapi-fetch app tsc: **${x2(rLeanTsc)}** time (target ≤ 1.5×: ${verdict(rLeanTsc, 1.5)}; within each round: ${x2(paired('app', 'sf-lean', 'oapi', 'ms'))}), ${x2(rLeanTscMem)} memory.`,
  `- specforge whole folder tsc / Redocly whole output tsc: **${x2(rFolderTsc)}** time (target ≤ 1.0×: ${verdict(rFolderTsc, 1)}; within each round: ${x2(paired('folder', 'specforge', 'redocly', 'ms'))}), **${x2(rFolderMem)}** memory (target ≤ 1.0×: ${verdict(rFolderMem, 1)}).`,
  `- specforge grouped gzip / Redocly gzip: **${x2(rGroupedGzip)}** (target ≤ 1.0×: ${verdict(rGroupedGzip, 1)}).`,
  '',
  'Each type-check in detail (medians): files in the program, tsc\'s own check time and "Memory used", the peak RSS of the process, and every round\'s wall time.',
  '',
  '| tsc over | files | wall (ms) | check (ms) | Memory used (MB) | peak RSS (MB) | rounds (ms) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ...detail.map(({ kind, id, label }) => `| ${label} | ${int(med(kind, id, 'files'))} | ${int(med(kind, id, 'ms'))} | ${int(med(kind, id, 'check'))} | ${int(med(kind, id, 'heap'))} | ${int(med(kind, id, 'rss'))} | ${samples[kind].get(id).map((x) => Math.round(x.ms)).join(', ')} |`),
  '',
  `Generated: ${generated.map(([name, files]) => `${name} ${files.length} .ts file(s), ${(sizeOf(files) / 1e6).toFixed(1)} MB`).join('; ')}.`,
  '',
  'What each bundle holds:',
  '',
  ...contents.map((c) => c.line),
  ...(notes.length ? ['', ...notes.map((n) => `Note: ${n}`)] : []),
].join('\n');

console.log(table);
if (!flag('--no-write')) {
  writeResults('output', table, {
    heading: "The output in the user's program: one call, bundled and type-checked",
    reproduce: '`npm run bench:output` (`node bench/output.mjs`; `--runs N`, `--quick`, `--no-write`).',
  });
}
