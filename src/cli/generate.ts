import { buildIr } from '../generate.js';
import { releaseValidationWorkerWhenIdle } from '../parse/validate.js';
import { resolveEntries, type GenerateArgs } from './entries.js';
import { EXIT, type Io } from './io.js';
import { Reporter } from './reporter.js';
import { runEntry } from './run-entry.js';
import { watchEntries } from './watch.js';

export type { GenerateArgs } from './entries.js';

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
  // One run of one output: the validation worker is not needed again once it has answered.
  if (resolved.entries.length === 1) releaseValidationWorkerWhenIdle(true);
  let code: number = EXIT.ok;
  for (const entry of resolved.entries) code = Math.max(code, (await runEntry(entry, args, out)).code);
  return code;
}
