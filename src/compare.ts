/**
 * The one string order of every sort whose result lands in output or diagnostics: JavaScript's `<` (UTF-16 code
 * units), the same on every machine and locale (never `localeCompare`).
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
