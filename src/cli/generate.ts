import { isAbsolute, relative } from 'node:path';
import type { GenerateOptions } from '../config/options.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatHuman, formatJson } from '../diagnostics/format.js';
import { buildIr, generate, type GenerateResult } from '../generate.js';
import { hasDrift } from '../write/output.js';
import { resolveEntries, type EntryFlags } from './entries.js';
import { EXIT, type Io } from './io.js';
import { Progress, style, type Style } from './style.js';
import { watchEntries } from './watch.js';

export interface GenerateArgs extends EntryFlags {
  'dump-ir': boolean;
  reporter: 'human' | 'json';
  check: boolean;
  watch: boolean;
  quiet: boolean;
}

/** The console side of one run: diagnostics, progress, summary lines. */
export class Reporter {
  readonly style: Style;
  readonly progress: Progress;
  private readonly cwd: string;

  constructor(
    private readonly io: Io,
    private readonly args: Pick<GenerateArgs, 'reporter' | 'quiet'>,
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

/** One output of the run: generate (or check) it, report, and return its exit code. */
export async function runEntry(options: GenerateOptions, args: GenerateArgs, out: Reporter): Promise<{ code: number; result: GenerateResult }> {
  const started = performance.now();
  const dir = out.rel(options.output!);
  const result = await generate({ ...options, check: args.check, onStage: (stage) => out.progress.show(`specforge: ${dir}: ${stage}…`) });
  out.diagnostics(result.diagnostics);
  const ms = Math.round(performance.now() - started);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    out.fail(`specforge: ${dir}: ${errors} error${errors === 1 ? '' : 's'}; nothing written.`);
    return { code: EXIT.invalid, result };
  }
  if (args.check) {
    const drift = result.drift!;
    if (!hasDrift(drift)) {
      out.say(`specforge: ${dir} is up to date (${result.files.length} files, ${ms} ms)`);
      return { code: EXIT.ok, result };
    }
    const lines = [
      ...drift.drifted.map((p) => `  drifted  ${p}`),
      ...drift.missing.map((p) => `  missing  ${p}`),
      ...drift.extra.map((p) => `  extra    ${p}`),
    ];
    out.progress.clear();
    out.fail(`specforge: ${dir} is out of date (${drift.drifted.length} drifted, ${drift.missing.length} missing, ${drift.extra.length} extra); run specforge generate to update it`);
    for (const l of lines) out.fail(l);
    return { code: EXIT.drift, result };
  }
  const s = result.scaffold;
  const scaffolded = s ? `; scaffold ${out.rel(s.file)}: ${s.created ? 'created' : `${s.added.length} handler${s.added.length === 1 ? '' : 's'} added`}` : '';
  out.say(
    `specforge: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed in ${dir}${scaffolded} ${out.style.dim(`(${ms} ms)`)}`,
  );
  return { code: EXIT.ok, result };
}

/** `specforge generate`: flags and config → entries; each generated (or checked) in turn; then maybe watch. */
export async function generateCommand(args: GenerateArgs, io: Io, explicit: ReadonlySet<string>): Promise<number> {
  const out = new Reporter(io, args);
  const cwd = io.cwd ?? process.cwd();
  const resolved = await resolveEntries(args, cwd, explicit);
  out.diagnostics(resolved.diagnostics);
  if (resolved.diagnostics.length > 0) return EXIT.invalid;
  if (args['dump-ir']) {
    const entry = resolved.entries[0]!;
    const { ir, diagnostics } = await buildIr(entry.input, { ...(entry.refs ? { refs: entry.refs } : {}) });
    out.diagnostics(diagnostics);
    if (!ir) return EXIT.invalid;
    io.stdout(JSON.stringify(ir, null, 2) + '\n');
    return EXIT.ok;
  }
  const missing = resolved.entries.findIndex((e) => !e.output);
  if (missing !== -1) {
    out.fail(`specforge: --output (-o) is required${resolved.configFile ? ` (or 'output' in ${out.rel(resolved.configFile)})` : ''}`);
    return EXIT.invalid;
  }
  if (args.watch) return watchEntries(args, io, explicit, out, resolved);
  let code: number = EXIT.ok;
  for (const entry of resolved.entries) code = Math.max(code, (await runEntry(entry, args, out)).code);
  return code;
}
