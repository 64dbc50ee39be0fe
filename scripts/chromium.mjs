#!/usr/bin/env node
// The Chromium that the browser tests drive (through playwright-core, which brings no browser of its own).
// As a module: findChromium(), the path of the first browser found (SPECFORGE_CHROMIUM, then Debian's
// /usr/bin/chromium, its usual aliases, and Chromium or Chrome on macOS), or undefined.
// As a script (`npm run chromium`: .ci/run runs it before the tests, and the browser tests' setup when they find
// none): makes sure one is there. Missing on a machine where this runs as root with
// apt-get (this project's machines and CI), it installs Debian's `chromium` package; elsewhere it stops with
// what to do, so that the browser tests are never silently left out.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium() {
  const fromEnv = process.env.SPECFORGE_CHROMIUM;
  if (fromEnv) return executable(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find(executable);
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function ensure() {
  if (findChromium()) return 0;
  if (process.env.SPECFORGE_CHROMIUM) {
    console.error(`specforge tests: SPECFORGE_CHROMIUM=${process.env.SPECFORGE_CHROMIUM} is not an executable file.`);
    return 1;
  }
  const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (process.getuid?.() === 0 && apt) {
    console.error("specforge tests: no Chromium for the browser tests; installing Debian's chromium package (apt-get).");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
    // The package lists may be missing on a fresh machine: refresh them if the first attempt fails.
    const installed = run(['install', '-y', '--no-install-recommends', 'chromium']) || (run(['update']) && run(['install', '-y', '--no-install-recommends', 'chromium']));
    if (installed && findChromium()) return 0;
    console.error('specforge tests: installing chromium failed.');
    return 1;
  }
  console.error(
    'specforge tests: the browser tests need Chromium. Install it (Debian: apt-get install chromium) or point ' +
      'SPECFORGE_CHROMIUM at a Chromium or Chrome executable, then run the tests again.',
  );
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = ensure();
