import type { Diagnostic } from './diagnostic.js';

/** `file:line:col  CODE  message  (pointer)` */
export function formatHuman(d: Diagnostic): string {
  let where = d.file ?? '<input>';
  if (d.line !== undefined) where += `:${d.line}:${d.column ?? 1}`;
  const sev = d.severity === 'warning' ? 'warning ' : '';
  return `${where}  ${d.code}  ${sev}${d.message}  (${d.pointer === '' ? '#' : '#' + d.pointer})`;
}

/** One JSON object per line. */
export function formatJson(d: Diagnostic): string {
  return JSON.stringify(d);
}
