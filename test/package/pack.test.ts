import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/**
 * What we publish: `npm pack` the repo (dist/ is built by pretest, hence --ignore-scripts), check the tarball's
 * file list, then install the tarball into a throwaway project, without the network, and use it there as a
 * consumer would: the `specforge` bin through npx, and the library through its `exports`.
 */

interface PackResult {
  filename: string;
  integrity: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

interface LockEntry {
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

const SPEC = join(ROOT, 'specs/whop-dm-members.yaml');
const dirs: string[] = [];

function run(cmd: string, args: string[], cwd: string, timeout = 60_000): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error; // not found, or killed by the timeout
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  expect(r.status, `${what} failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('npm package', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('ships dist/, templates/, README and LICENSE only, and works when installed from the tarball', () => {
    const work = tempDir('specforge-pack-');
    dirs.push(work);

    // 1. Pack, and check the file list.
    expect(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/ is not built (run `npx tsc -p .`)').toBe(true);
    const packOut = ok(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT), 'npm pack');
    const packed = (JSON.parse(packOut) as PackResult[])[0]!;
    const files = packed.files.map((f) => f.path);
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'templates/types/types.hbs',
      'templates/server/scaffold.hbs',
      'src/runtime/client.ts',
      'src/runtime/validation.ts',
    ]) {
      expect(files, f).toContain(f);
    }
    const unwanted = files.filter(
      // src/runtime's modules are shipped as TypeScript: generation copies them into every output folder.
      (f) => (/^(test|specs|bench|src|scripts|\.ci|node_modules)\//.test(f) && !/^src\/runtime\/[a-z0-9-]+\.ts$/.test(f)) || /\.test\./.test(f) || f.endsWith('.map'),
    );
    expect(unwanted).toEqual([]);
    const tarball = join(work, packed.filename);
    expect(existsSync(tarball)).toBe(true);

    // 2. A consumer project. A plain `npm install --offline <tarball>` cannot work from the cache `npm ci` leaves:
    // npm (11.x) resolves the tarball's dependency *ranges* from full packuments, and `npm ci` never fetches those
    // (ENOTCACHED on @apidevtools/swagger-parser). So the consumer gets a lockfile made of the repo's own
    // production entries: npm then needs exactly what `npm ci` already put in the cache, and no network at all.
    const consumer = join(work, 'consumer');
    mkdirSync(consumer);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const dep = `file:../${packed.filename}`;
    const packages: Record<string, unknown> = {
      '': { name: 'consumer', dependencies: { specforge: dep } },
      'node_modules/specforge': {
        version: pkg.version,
        resolved: dep,
        integrity: packed.integrity,
        license: pkg.license,
        dependencies: pkg.dependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
    };
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path !== '' && !entry.dev && !entry.devOptional) packages[path] = entry;
    }
    writeFileSync(join(consumer, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
    ok(run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], consumer, 120_000), 'npm install --offline');
    expect(existsSync(join(consumer, 'node_modules/specforge/dist/cli/main.js'))).toBe(true);

    // 3. The bin.
    expect(ok(run('npx', ['--no-install', 'specforge', '--help'], consumer), 'specforge --help')).toContain('generate');
    ok(run('npx', ['--no-install', 'specforge', 'generate', SPEC, '-o', 'out'], consumer), 'specforge generate');
    for (const f of ['types.ts', 'client.ts', 'validators.ts', 'server.ts']) expect(existsSync(join(consumer, 'out', f)), f).toBe(true);
    expect(readFileSync(join(consumer, 'out/types.ts'), 'utf8')).toContain('export interface DmMember');

    // 4. The library, imported by name from a module of the consumer. (A module file rather than
    // `node --input-type=module -e`: the schema-validation worker inherits process.execArgv, and a worker rejects
    // --input-type, so generate() fails with SF9002 in such a process, installed or not.)
    writeFileSync(
      join(consumer, 'check.mjs'),
      [
        "import { generate } from 'specforge';",
        'const r = await generate({ input: process.argv[2], write: false });',
        'if (!r.ok) { console.error(JSON.stringify(r.diagnostics)); process.exit(1); }',
        'console.log(JSON.stringify(r.files.map((f) => f.path)));',
      ].join('\n'),
    );
    const paths = JSON.parse(ok(run(process.execPath, ['check.mjs', SPEC], consumer), 'import specforge')) as string[];
    expect(paths).toContain('types.ts');
  }, 180_000);
});
