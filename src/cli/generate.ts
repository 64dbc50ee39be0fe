import { relative } from 'node:path';
import type { TargetName } from '../emit/target.js';
import { formatHuman, formatJson } from '../diagnostics/format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { buildIr, generate } from '../generate.js';
import { EXIT, type Io } from './run.js';

export interface GenerateArgs {
  spec: string;
  output?: string;
  target?: string;
  'dump-ir': boolean;
  reporter: 'human' | 'json';
  format: boolean;
  'allow-remote-refs': boolean;
  'allow-ref-dir': string[];
  scaffold?: string;
}

/** Turns flags into library options, calls the library, prints diagnostics and the summary. */
export async function generateCommand(args: GenerateArgs, io: Io): Promise<number> {
  const started = performance.now();
  const refs = { allowRemoteRefs: args['allow-remote-refs'], allowedDirs: args['allow-ref-dir'] };
  const report = (ds: Diagnostic[]) => {
    for (const d of ds) {
      const shown = d.file && !d.file.startsWith('<') && !/^https?:/.test(d.file) ? { ...d, file: relative(process.cwd(), d.file) } : d;
      io.stderr((args.reporter === 'json' ? formatJson(shown) : formatHuman(shown)) + '\n');
    }
  };
  if (args['dump-ir']) {
    const { ir, diagnostics } = await buildIr(args.spec, { refs });
    report(diagnostics);
    if (!ir) return EXIT.invalid;
    io.stdout(JSON.stringify(ir, null, 2) + '\n');
    return EXIT.ok;
  }
  const targets = args.target ? (args.target.split(',').map((s) => s.trim()).filter(Boolean) as TargetName[]) : undefined;
  const result = await generate({
    input: args.spec,
    output: args.output!,
    ...(targets ? { targets } : {}),
    format: args.format,
    refs,
    ...(args.scaffold ? { scaffold: args.scaffold } : {}),
  });
  report(result.diagnostics);
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    io.stderr(`specforge: ${errors} error${errors === 1 ? '' : 's'}; nothing written.\n`);
    return EXIT.invalid;
  }
  const ms = Math.round(performance.now() - started);
  const s = result.scaffold;
  const scaffolded = s ? `; scaffold ${s.file}: ${s.created ? 'created' : `${s.added.length} handler${s.added.length === 1 ? '' : 's'} added`}` : '';
  io.stdout(`specforge: ${result.written.length} written, ${result.unchanged.length} unchanged in ${args.output}${scaffolded} (${ms} ms)\n`);
  return EXIT.ok;
}
