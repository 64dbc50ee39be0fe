import { readFile, stat } from 'node:fs/promises';
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

/** A file's bytes, within the size limit (SF1008); SF1001 (the root) or SF2002 (a `$ref`'d file) when unreadable. */
export async function readBytes(path: string, pointerOfRef = '', maxBytes: number = LIMITS.maxDocumentBytes): Promise<Buffer> {
  try {
    const s = await stat(path);
    if (s.size > maxBytes) throw new DiagnosticError([diagnostic('SF1008', tooLarge(path, s.size, maxBytes), pointerOfRef, { file: path })]);
    return await readFile(path);
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    const code = pointerOfRef === '' ? 'SF1001' : 'SF2002';
    throw new DiagnosticError([
      diagnostic(code, `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, pointerOfRef),
    ]);
  }
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
