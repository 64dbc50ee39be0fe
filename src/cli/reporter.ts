import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatHuman, formatJson } from '../diagnostics/format.js';
import type { Io } from './io.js';
import { Progress, style, type Style } from './style.js';

/** The console side of one run: diagnostics, progress, summary lines. */
export class Reporter {
  readonly style: Style;
  readonly progress: Progress;
  private readonly cwd: string;

  constructor(
    private readonly io: Io,
    private readonly args: { reporter: 'human' | 'json'; quiet: boolean },
  ) {
    this.cwd = io.cwd ?? process.cwd();
    const tty = io.isTTY === true && args.reporter === 'human';
    this.style = style(tty, io.env ?? {});
    this.progress = new Progress(io.stderr, tty && !args.quiet);
  }

  /** A path as the user would type it: relative to the working folder when inside it, else absolute. */
  rel(path: string): string {
    const r = relative(this.cwd, path);
    return r === '' ? '.' : r.startsWith('..') || isAbsolute(r) ? path : r;
  }

  diagnostics(ds: readonly Diagnostic[]): void {
    this.progress.clear();
    for (const d of ds) {
      const shown = d.file && !d.file.startsWith('<') && !/^https?:/.test(d.file) ? { ...d, file: this.rel(d.file) } : d;
      if (this.args.reporter === 'json') this.io.stderr(formatJson(shown) + '\n');
      else {
        const paint = d.severity === 'error' ? this.style.red : this.style.yellow;
        this.io.stderr(formatHuman(shown).replace(`  ${d.code}  `, `  ${paint(d.code)}  `) + '\n');
      }
    }
  }

  /** A line on stdout unless --quiet. */
  say(line: string): void {
    this.progress.clear();
    if (!this.args.quiet) this.io.stdout(line + '\n');
  }

  /** An error summary on stderr (always). */
  fail(line: string): void {
    this.progress.clear();
    this.io.stderr(this.style.red(line) + '\n');
  }
}
