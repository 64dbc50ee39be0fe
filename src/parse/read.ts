import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { yaml } from './yaml.js';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { LIMITS } from './limits.js';
import { aliasOverrun } from './yaml-aliases.js';
import { duplicateKeyOffsets } from './yaml-keys.js';

export type SourceFormat = 'json' | 'yaml';

/** One file of the spec as read from disk: its text, and the plain value parsed from it. */
export interface SourceFile {
  /** Absolute path, or a label such as `<memory>` for in-memory input. */
  path: string;
  text: string;
  format: SourceFormat;
  value: unknown;
  /** The file's bytes as read (a file on disk only), until they are handed to the validation worker. */
  bytes?: Uint8Array | undefined;
}

export async function readSource(path: string, pointerOfRef = '', maxBytes: number = LIMITS.maxDocumentBytes): Promise<SourceFile> {
  const bytes = await readBytes(path, pointerOfRef, maxBytes);
  return { ...parseSource(path, bytes.toString('utf8')), bytes };
}

/**
 * A file's bytes, within the size limit (SF1008); SF1001 (the root) or SF2002 (a `$ref`'d file) when unreadable
 * or not a regular file. A FIFO made reading hang for ever (in a thread of libuv's pool, where nothing could
 * stop it), a device such as /dev/zero read without end: only regular files are read. The file is opened
 * without blocking (a FIFO's open waits for a writer otherwise) and its type taken from the open handle, so that
 * what is checked is what is read.
 */
export async function readBytes(path: string, pointerOfRef = '', maxBytes: number = LIMITS.maxDocumentBytes): Promise<Buffer> {
  // The root's SF1001 names the file; a `$ref`'d file's SF2002 is reported again at the `$ref` (load.ts).
  const unreadable = (why: string) =>
    new DiagnosticError([
      pointerOfRef === '' ? diagnostic('SF1001', `cannot read ${path}: ${why}`, '', { file: path }) : diagnostic('SF2002', `cannot read ${path}: ${why}`, pointerOfRef),
    ]);
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const s = await handle.stat();
    if (!s.isFile()) throw unreadable(`not a regular file (${kindOf(s)})`);
    if (s.size > maxBytes) throw new DiagnosticError([diagnostic('SF1008', tooLarge(path, s.size, maxBytes), pointerOfRef, { file: path })]);
    return await readAll(handle, path, s.size, pointerOfRef, maxBytes);
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw unreadable((e as NodeJS.ErrnoException).code ?? (e as Error).message);
  } finally {
    await handle?.close();
  }
}

function kindOf(s: Stats): string {
  if (s.isFIFO()) return 'a FIFO';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  if (s.isDirectory()) return 'a folder';
  return 'not a file';
}

/**
 * The bytes of an open regular file of `size` bytes (its size when opened), in a buffer of their own (the
 * validation worker takes such a buffer over without a copy); a file that grows while it is read is read on, up
 * to the limit.
 */
async function readAll(handle: FileHandle, path: string, size: number, pointerOfRef: string, maxBytes: number): Promise<Buffer> {
  const first = Buffer.allocUnsafeSlow(size);
  let total = 0;
  while (total < size) {
    const { bytesRead } = await handle.read(first, total, size - total, null);
    if (bytesRead === 0) return first.subarray(0, total);
    total += bytesRead;
  }
  const chunks = [first];
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    total += bytesRead;
    if (total > maxBytes) throw new DiagnosticError([diagnostic('SF1008', tooLarge(path, `more than ${maxBytes}`, maxBytes), pointerOfRef, { file: path })]);
    chunks.push(chunk.subarray(0, bytesRead));
  }
  return chunks.length === 1 ? first : Buffer.concat(chunks, total);
}

/** SF1008's message for a file over the size limit, with how to raise it. */
export function tooLarge(what: string, size: number | string, maxBytes: number): string {
  const mib = maxBytes / (1024 * 1024);
  return `${what} has ${size} bytes; the limit is ${maxBytes} (${Number.isInteger(mib) ? mib : Number(mib.toPrecision(3))} MiB: raise it with --max-document-mib or maxDocumentMiB)`;
}

export function parseSource(path: string, text: string): SourceFile {
  text = withoutBom(text);
  const format = detectFormat(path, text);
  const value = format === 'json' ? parseJson(path, text) : parseYaml(path, text);
  return { path, text, format, value };
}

export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function detectFormat(path: string, text: string): SourceFormat {
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const where = jsonErrorPosition(text, msg);
    throw new DiagnosticError([diagnostic('SF1003', msg, '', { file: path, ...where })]);
  }
}

function jsonErrorPosition(text: string, msg: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(msg);
  if (!m) return {};
  const offset = Number(m[1]);
  const lc = new (yaml().LineCounter)();
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl === -1 || nl >= offset) break;
    lc.addNewLine(nl + 1);
    start = nl + 1;
  }
  const pos = lc.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function parseYaml(path: string, text: string): unknown {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // Duplicate keys are found by `duplicateKeyOffsets` in one pass: the package's own check is quadratic.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const found: Array<{ offset: number; message: string }> = [
    ...doc.errors.map((err) => ({ offset: err.pos[0], message: firstLine(err.message) })),
    ...duplicateKeyOffsets(doc).map((offset) => ({ offset, message: 'Map keys must be unique' })),
  ].sort((a, b) => a.offset - b.offset);
  const errors: Diagnostic[] = found.map(({ offset, message }) => {
    const pos = lineCounter.linePos(offset);
    return diagnostic('SF1002', message, '', { file: path, line: pos.line, column: pos.col });
  });
  if (errors.length > 0) throw new DiagnosticError(errors);
  // Only a text with a `*` can hold an alias: a big spec without one is not walked again.
  const overrun = text.includes('*') ? aliasOverrun(doc, LIMITS.maxAliasExpansion) : undefined;
  if (overrun) {
    const pos = lineCounter.linePos(overrun.offset);
    const message =
      overrun.reason === 'cycle'
        ? 'YAML alias inside the node it names: its expansion never ends'
        : `YAML aliases expand to more than ${LIMITS.maxAliasExpansion} nodes; this one passes the limit`;
    throw new DiagnosticError([diagnostic('SF1007', message, overrun.pointer, { file: path, line: pos.line, column: pos.col })]);
  }
  try {
    return doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      throw new DiagnosticError([
        diagnostic('SF1007', `YAML alias expansion exceeds ${LIMITS.maxAliasCount} nodes: ${firstLine(msg)}`, '', { file: path }),
      ]);
    }
    throw new DiagnosticError([diagnostic('SF1002', firstLine(msg), '', { file: path })]);
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
