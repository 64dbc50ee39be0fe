import { Worker } from 'node:worker_threads';
import { VALIDATION_WORKER } from '../paths.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeToken } from '../diagnostics/pointer.js';
import type { AjvError } from './openapi-schemas.js';

const MAX_SCHEMA_ERRORS = 50;

/** The validation worker: one per process, started on first use, unref'd so that it never keeps a process alive. */
let worker: Worker | undefined;
let nextId = 0;
/** Stop the worker when it has nothing to do (a one-shot CLI run: its memory is freed before output is built). */
let releaseWhenIdle = false;

/**
 * Whether the validation worker stops as soon as it has no validation pending (its memory is then released;
 * the next validation starts a new one). Off by default: a library caller, `--watch` and a test suite keep one
 * worker, which has its validators loaded. The CLI turns it on for a single run.
 */
export function releaseValidationWorkerWhenIdle(on: boolean): void {
  releaseWhenIdle = on;
}

/** Whether a validation worker is running (for tests). */
export function validationWorkerRunning(): boolean {
  return worker !== undefined;
}
/** A reply of the worker: the errors, or (for an edit) that it does not hold the version the edit is of. */
type Reply = { errors: AjvError[]; stale?: undefined } | { stale: true; errors?: undefined };
const pending = new Map<number, (reply: Reply) => void>();

function validationWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(VALIDATION_WORKER, { execArgv: [] });
  w.unref();
  w.on('message', ({ id, ...reply }: { id: number } & Reply) => {
    const done = pending.get(id);
    pending.delete(id);
    done?.(reply as Reply);
  });
  const fail = (message: string) => {
    worker = undefined;
    for (const [id, done] of pending) {
      pending.delete(id);
      done({ errors: [{ instancePath: '', keyword: 'internal', message: `validation worker failed: ${message}` }] });
    }
  };
  w.on('error', (e) => fail(e.message));
  w.on('exit', (code) => fail(`exited with code ${code}`));
  worker = w;
  return w;
}

/** Sends one request (its id added); resolves with the reply. */
function ask(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): { id: number; reply: Promise<Reply> } {
  const id = nextId++;
  const reply = new Promise<Reply>((resolve) => {
    const w = validationWorker();
    pending.set(id, resolve);
    // While a validation is pending the worker must keep the process alive; afterwards it must not.
    w.ref();
    w.postMessage({ id, ...message }, transfer);
  }).finally(() => {
    if (pending.size > 0) return;
    if (releaseWhenIdle && worker) {
      const w = worker;
      worker = undefined;
      w.removeAllListeners('exit');
      void w.terminate();
    } else worker?.unref();
  });
  return { id, reply };
}

/**
 * Starts the validation worker now, if none is running, so that its start-up (a thread with its own Node
 * runtime: tens of milliseconds) overlaps reading and parsing the spec instead of following it.
 */
export function startValidationWorker(): void {
  validationWorker();
}

/** The whole document as a message: text, or bytes handed over (transferred) when they own their buffer. */
function documentMessage(json: string | Uint8Array): { message: Record<string, unknown>; transfer: ArrayBuffer[] } {
  if (typeof json === 'string') return { message: { text: json }, transfer: [] };
  const own = json.byteOffset === 0 && json.byteLength === json.buffer.byteLength && json.buffer instanceof ArrayBuffer;
  return { message: { bytes: json }, transfer: own ? [json.buffer as ArrayBuffer] : [] };
}

function diagnosticsOf(reply: Reply): Diagnostic[] {
  const errors = reply.errors ?? [];
  const internal = errors.find((e) => e.keyword === 'internal' && e.instancePath === '' && /^validation worker failed/.test(e.message ?? ''));
  if (internal) return [diagnostic('SF9002', internal.message!, '')];
  return toDiagnostics(errors);
}

/**
 * Starts validating the document (JSON text, or its UTF-8 bytes, which are handed over to the worker rather
 * than copied: the caller must not use them again) in the worker thread; resolves with diagnostics (SF3001).
 * The caller builds the IR meanwhile and commits output only when both have succeeded.
 */
export function startValidation(json: string | Uint8Array): Promise<Diagnostic[]> {
  const { message, transfer } = documentMessage(json);
  return ask(message, transfer).reply.then(diagnosticsOf);
}

/** Has the worker compile ahead what checking an edit of the document kept under `key` needs (while idle). */
export function prepareKept(key: string): void {
  if (worker) void ask({ prepare: key }).reply;
}

/** A validation of a document the worker keeps for later edits: its diagnostics and the version it now holds. */
export interface KeptValidation {
  diagnostics: Diagnostic[];
  /** The version of the document the worker holds (undefined when it holds none). */
  version: number | undefined;
}

/**
 * Validates a document the worker keeps under `key` (`--watch`): as an edit of the version `edit.base` it holds
 * (only the changed value is sent), or, when there is no such version (the worker restarted), the whole
 * document from `whole()`.
 */
export async function validateKept(
  key: string,
  whole: () => string | Uint8Array,
  edit?: { base: number; path: Array<string | number>; text: string },
): Promise<KeptValidation> {
  if (edit) {
    const { id, reply } = ask({ splice: { key, ...edit } });
    const r = await reply;
    if (!r.stale) return { diagnostics: diagnosticsOf(r), version: id };
  }
  const { message, transfer } = documentMessage(whole());
  const { id, reply } = ask({ ...message, keep: key }, transfer);
  const r = await reply;
  return { diagnostics: diagnosticsOf(r), version: r.errors?.some((e) => e.keyword === 'internal') ? undefined : id };
}

/**
 * ajv reports every failed branch of every `oneOf` in the meta-schema; keep the most specific errors: those
 * whose path is not a proper prefix of another error's path, one per path and keyword.
 */
export function toDiagnostics(errors: AjvError[]): Diagnostic[] {
  const paths = errors.map((e) => e.instancePath);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of errors) {
    if (paths.some((p) => p !== e.instancePath && p.startsWith(e.instancePath + '/'))) continue;
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    // A parameter is a oneOf by its `in` (Swagger 2.0: body, formData, header, path, query): the branches it is not
    // in each say "must be one of …" of `in`; when the branch it is in found a problem, that is the one to report.
    if (e.keyword === 'enum' && e.instancePath.endsWith('/in') && paths.some((p) => p.startsWith(e.instancePath.slice(0, -2)) && p !== e.instancePath)) continue;
    const k = e.instancePath + ' ' + e.keyword + ' ' + JSON.stringify(e.params ?? {});
    if (seen.has(k)) continue;
    seen.add(k);
    const name = e.params?.propertyName;
    out.push(diagnostic('SF3001', describe(e), typeof name === 'string' ? `${e.instancePath}/${escapeToken(name)}` : e.instancePath));
    if (out.length >= MAX_SCHEMA_ERRORS) break;
  }
  if (out.length === 0 && errors.length > 0) {
    const e = errors[0]!;
    out.push(diagnostic('SF3001', describe(e), e.instancePath));
  }
  return out;
}

function describe(e: AjvError): string {
  const p = e.params ?? {};
  if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
    return `unexpected property '${p.additionalProperty}'`;
  }
  if (e.keyword === 'required' && typeof p.missingProperty === 'string') {
    return `missing required property '${p.missingProperty}'`;
  }
  if (typeof p.propertyName === 'string') return `the name '${p.propertyName}' is not allowed here: ${e.message ?? e.keyword}`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) {
    return `must be one of ${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return e.message ?? e.keyword;
}
