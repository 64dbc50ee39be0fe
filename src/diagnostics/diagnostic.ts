import { CODES, type Code } from './codes.js';
import { compareStrings } from '../compare.js';

export type Severity = 'error' | 'warning';

/** One finding about the input. `pointer` is a JSON pointer into the root document ("" for the root). */
export interface Diagnostic {
  code: Code;
  severity: Severity;
  message: string;
  pointer: string;
  file?: string;
  line?: number;
  column?: number;
}

export function diagnostic(
  code: Code,
  message: string,
  pointer: string,
  where: { file?: string; line?: number; column?: number } = {},
): Diagnostic {
  const d: Diagnostic = { code, severity: CODES[code].severity, message, pointer };
  if (where.file !== undefined) d.file = where.file;
  if (where.line !== undefined) d.line = where.line;
  if (where.column !== undefined) d.column = where.column;
  return d;
}

/** Collects diagnostics across a stage; stages keep going after an error so that all are reported. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  report(code: Code, message: string, pointer: string): void {
    this.items.push(diagnostic(code, message, pointer));
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** Thrown to stop a stage that cannot go on; carries what was collected. */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    this.name = 'DiagnosticError';
    this.diagnostics = diagnostics;
  }
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Stable order: file, line, column, pointer, code, message (so that the order never depends on how they were found). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      compareStrings(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareStrings(a.pointer, b.pointer) ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.message, b.message),
  );
}
