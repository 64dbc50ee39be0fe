import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';
import { parseSource, tooLarge, type SourceFile } from './read.js';

/** Redirects followed within the origin before giving up (fetch's own default is 20). */
const MAX_REDIRECTS = 5;

/**
 * Fetches a remote spec file (only ever called when the policy allows remote refs). The size limit holds while
 * the body arrives: reading stops, and the connection is dropped, at the first byte past it (the whole body used
 * to be read, then measured). Redirects are followed only within the URL's origin: what the user allowed is the
 * URL in the spec (or on the command line), and a redirect to another host, port or scheme is SF2008.
 */
export async function fetchSource(url: string, code: 'SF1001' | 'SF2002' = 'SF2002', maxBytes: number = LIMITS.maxDocumentBytes): Promise<SourceFile> {
  const bytes = await fetchBytes(url, code, maxBytes);
  return parseSource(url, bytes.toString('utf8'));
}

async function fetchBytes(url: string, code: 'SF1001' | 'SF2002', maxBytes: number): Promise<Buffer> {
  const fail = (message: string) => new DiagnosticError([diagnostic(code, message, '')]);
  const origin = new URL(url).origin;
  let at = url;
  for (let redirects = 0; ; redirects++) {
    const controller = new AbortController();
    let res: Response;
    try {
      res = await fetch(at, { redirect: 'manual', signal: controller.signal });
    } catch (e) {
      throw fail(`GET ${at}: ${(e as Error).message}`);
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
    if (location !== null) {
      controller.abort(); // the redirect's own body is not wanted
      const next = new URL(location, at).href;
      if (new URL(next).origin !== origin) {
        throw new DiagnosticError([
          diagnostic('SF2008', `GET ${at} redirects to ${next}, another origin than ${origin}: refused (download the file and refer to it locally, or refer to the final URL)`, ''),
        ]);
      }
      if (redirects >= MAX_REDIRECTS) throw fail(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
      at = next;
      continue;
    }
    if (!res.ok) {
      controller.abort();
      throw fail(`GET ${at}: answered ${res.status}`);
    }
    const overLimit = () => new DiagnosticError([diagnostic('SF1008', tooLarge(url, `more than ${maxBytes}`, maxBytes), '')]);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      controller.abort();
      throw overLimit();
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for await (const chunk of res.body ?? []) {
        total += chunk.byteLength;
        if (total > maxBytes) {
          controller.abort();
          throw overLimit();
        }
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof DiagnosticError) throw e;
      throw fail(`GET ${at}: ${(e as Error).message}`);
    }
    return Buffer.concat(chunks, total);
  }
}
