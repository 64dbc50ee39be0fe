/** What a doc comment says. */
export interface DocInput {
  description?: string | undefined;
  deprecated?: boolean | undefined;
  defaultValue?: unknown;
  format?: string | undefined;
}

const WIDTH = 80;

/**
 * A JSDoc block (with a trailing newline) for the given indentation, or '' when there is nothing to say. Spec
 * text can never end the comment early or break the file: `*\/` is split, control characters, U+2028/U+2029 and
 * the bidirectional controls (Trojan Source) are written as escapes, a line cannot start a TypeScript directive
 * (`@ts-ignore`, `@ts-expect-error`: its `@` is escaped), line endings are normalised, trailing spaces dropped.
 */
export function jsdoc(input: DocInput, indent: string): string {
  const lines: string[] = [];
  if (input.description !== undefined && input.description.trim() !== '') {
    lines.push(...sanitize(input.description).split('\n'));
  }
  if (input.format !== undefined && input.format !== '') lines.push(`@format ${sanitize(input.format).replace(/\n/g, ' ')}`);
  if (input.defaultValue !== undefined && isPrimitive(input.defaultValue)) {
    lines.push(`@default ${sanitize(JSON.stringify(input.defaultValue)).replace(/\n/g, ' ')}`);
  }
  if (input.deprecated) lines.push('@deprecated');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  if (lines.length === 0) return '';
  if (lines.length === 1 && indent.length + 7 + lines[0]!.length <= WIDTH) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)).join('\n')}\n${indent} */\n`;
}

function isPrimitive(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Comment-safe text. */
export function sanitize(text: string): string {
  // The common case, plain text on one line: only trailing white space to drop.
  if (!UNSAFE.test(text)) return TRAILING_SPACE.test(text) ? text.replace(/\s+$/u, '') : text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .split('\n')
    .map((l) => l.replace(/\s+$/u, '').replace(DIRECTIVE, '$1\\@'))
    .join('\n');
}

/** A line TypeScript would read as a directive in a comment (`@ts-ignore`, `@ts-expect-error`, `@ts-nocheck`…). */
const DIRECTIVE = /^([\s*/]*)@(?=ts-)/;

/** What `sanitize` has to do more than trim: line breaks, `*\/`, controls, U+2028/9, bidi controls, surrogates, `@ts-`. */
const UNSAFE = /[\r\n\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\*\/|@ts-/;
const TRAILING_SPACE = /\s$/u;
