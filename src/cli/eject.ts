import { relative } from 'node:path';
import { formatHuman, formatJson } from '../diagnostics/format.js';
import type { TargetName } from '../emit/target.js';
import { eject } from '../eject.js';
import { EXIT, type Io } from './io.js';

export interface EjectArgs {
  output: string;
  target?: string;
  force: boolean;
  quiet: boolean;
  reporter: 'human' | 'json';
}

/** `specforge eject`: copies the built-in templates out as the starting point of a `--templates` folder. */
export function ejectCommand(args: EjectArgs, io: Io): number {
  const cwd = io.cwd ?? process.cwd();
  const targets = args.target ? (args.target.split(',').map((s) => s.trim()).filter(Boolean) as TargetName[]) : undefined;
  const r = eject({ output: args.output, ...(targets ? { targets } : {}), force: args.force });
  for (const d of r.diagnostics) io.stderr((args.reporter === 'json' ? formatJson(d) : formatHuman(d)) + '\n');
  if (!r.ok) return EXIT.invalid;
  if (!args.quiet) {
    io.stdout(`specforge: ${r.copied.length} templates copied to ${relative(cwd, args.output) || '.'}; use them with --templates ${relative(cwd, args.output) || '.'}\n`);
  }
  return EXIT.ok;
}
