import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain ES module, also `npm run chromium` (which installs Chromium when it is missing)
import { findChromium } from '../../scripts/chromium.mjs';

const CHROMIUM_SCRIPT = new URL('../../scripts/chromium.mjs', import.meta.url).pathname;

/**
 * Headless Chromium (Debian's, or SPECFORGE_CHROMIUM). When none is found, this runs `npm run chromium`'s script
 * first (CI runs it before the tests), which installs Debian's package where it can (as root with apt-get) or says
 * what to install. Still missing, it is an error: the browser tests never skip.
 */
export async function launchChromium(): Promise<Browser> {
  let executablePath: string | undefined = findChromium();
  if (!executablePath) {
    const stderr = await new Promise<string>((resolve) => execFile(process.execPath, [CHROMIUM_SCRIPT], (_error, _stdout, err) => resolve(err)));
    executablePath = findChromium();
    if (!executablePath) throw new Error(`no Chromium for the browser tests (\`npm run chromium\` or SPECFORGE_CHROMIUM): ${stderr.trim()}`);
  }
  // --no-sandbox: these machines run the tests as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

export interface App {
  /** The origin, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

/**
 * One origin on 127.0.0.1 for a page: `/_app/index.html` (a blank page) and `/_app/<file>.js` and
 * `/_app/runtime/<file>.js` (the transpiled generated modules in `dir`) are static; every other request goes to
 * `api` (the generated server's node listener), so that the page's client calls the generated server
 * same-origin, over real HTTP.
 */
export async function serveApp(dir: string, api: (req: IncomingMessage, res: ServerResponse) => void): Promise<App> {
  const server = createServer((req, res) => {
    const m = /^\/_app\/((?:runtime\/)?[\w-]+\.js|index\.html)$/.exec(req.url ?? '');
    if (!m) return api(req, res);
    if (m[1] === 'index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><meta charset="utf-8"><title>specforge browser test</title>');
    }
    try {
      const body = readFileSync(join(dir, m[1]!));
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A new page on the app's blank page, recording uncaught errors and console errors. */
export async function openPage(browser: Browser, app: App): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The browser logs every 4xx/5xx answer as "Failed to load resource": the tests expect some of those.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console.error: ${m.text()}`);
  });
  await page.goto(`${app.url}/_app/index.html`);
  return { page, errors };
}

/**
 * Runs `body` (JavaScript: the statements of an async function, which may `await import('/_app/client.js')`)
 * in the page and returns what it returns (JSON-serialisable). A string, not a function, so that the test
 * runner's own module transform never rewrites the `import()` the page has to do itself.
 */
export async function inPage<T>(page: Page, body: string): Promise<T> {
  return page.evaluate(`(async () => {\n${body}\n})()`) as Promise<T>;
}
