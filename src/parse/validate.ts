import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../paths.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeToken } from '../diagnostics/pointer.js';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

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
const pending = new Map<number, (ds: Diagnostic[]) => void>();

function validationWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(join(PACKAGE_ROOT, 'dist/parse/validate-worker.js'), { execArgv: [] });
  w.unref();
  w.on('message', ({ id, errors }: { id: number; errors: AjvError[] }) => {
    const done = pending.get(id);
    pending.delete(id);
    done?.(toDiagnostics(errors));
  });
  const fail = (message: string) => {
    worker = undefined;
    for (const [id, done] of pending) {
      pending.delete(id);
      done([diagnostic('SF9002', `validation worker failed: ${message}`, '')]);
    }
  };
  w.on('error', (e) => fail(e.message));
  w.on('exit', (code) => fail(`exited with code ${code}`));
  worker = w;
  return w;
}

/**
 * Starts validating the document (JSON text, or its UTF-8 bytes, which are handed over to the worker rather
 * than copied: the caller must not use them again) in the worker thread; resolves with diagnostics (SF3001).
 * The caller builds the IR meanwhile and commits output only when both have succeeded.
 */
export function startValidation(json: string | Uint8Array): Promise<Diagnostic[]> {
  return new Promise((resolve) => {
    const id = nextId++;
    const w = validationWorker();
    pending.set(id, resolve);
    // While a validation is pending the worker must keep the process alive; afterwards it must not.
    w.ref();
    if (typeof json === 'string') w.postMessage({ id, text: json });
    else if (json.byteOffset === 0 && json.byteLength === json.buffer.byteLength && json.buffer instanceof ArrayBuffer) {
      w.postMessage({ id, bytes: json }, [json.buffer]);
    } else w.postMessage({ id, bytes: json });
  }).finally(() => {
    if (pending.size > 0) return;
    if (releaseWhenIdle && worker) {
      const w = worker;
      worker = undefined;
      w.removeAllListeners('exit');
      void w.terminate();
    } else worker?.unref();
  }) as Promise<Diagnostic[]>;
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
