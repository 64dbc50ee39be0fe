import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { generateCommand, type GenerateArgs } from './generate.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Exit codes: 0 success, 1 drift found by --check (reserved), 2 invalid input or usage. */
export const EXIT = { ok: 0, drift: 1, invalid: 2 } as const;

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Parses argv and runs the command; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  let usageError: string | undefined;
  const parser = yargs(argv)
    .scriptName('specforge')
    .usage('$0 <command> [options]')
    .command<GenerateArgs>(
      'generate <spec>',
      'Generate TypeScript from an OpenAPI 3.0/3.1 document',
      (y) =>
        y
          .positional('spec', { type: 'string', demandOption: true, describe: 'Path to the OpenAPI document (YAML or JSON)' })
          .option('output', { alias: 'o', type: 'string', describe: 'Output folder' })
          .option('target', { alias: 't', type: 'string', describe: 'Comma-separated targets (default: all that exist): types' })
          .option('dump-ir', { type: 'boolean', default: false, describe: 'Print the IR as JSON to stdout instead of generating' })
          .option('reporter', { choices: ['human', 'json'] as const, default: 'human' as const, describe: 'Diagnostic output format (stderr)' })
          .option('format', { type: 'boolean', default: false, describe: 'Run prettier over the output' })
          .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'Fetch http(s) $refs instead of refusing them' })
          .option('allow-ref-dir', { type: 'string', array: true, default: [], describe: 'Extra folder external $refs may reach' })
          .option('scaffold', { type: 'string', describe: 'Also write (once) a starter server implementation there; later runs add stubs for new operations' })
          .check((a) => {
            if (!a['dump-ir'] && !a.output) throw new Error('--output (-o) is required unless --dump-ir is given');
            return true;
          }) as never,
      async (args) => {
        code = await generateCommand(args, io);
      },
    )
    .demandCommand(1, 'Give a command: generate')
    .strict()
    .version(pkg.version)
    .help()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'invalid usage';
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    usageError ??= (e as Error).message;
  }
  if (usageError !== undefined) {
    io.stderr(`specforge: ${usageError}\nRun 'specforge --help' for usage.\n`);
    return EXIT.invalid;
  }
  return code;
}
