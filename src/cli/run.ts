import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs from 'yargs';
import { ALL_TARGETS } from '../config/options.js';
import { LIMITS } from '../parse/limits.js';
import { PACKAGE_ROOT } from '../paths.js';
import { ejectCommand, type EjectArgs } from './eject.js';
import { generateCommand, type GenerateArgs } from './generate.js';
import { mockCommand, type MockArgs } from './mock.js';
import { EXIT, type Io } from './io.js';

export { EXIT, type Io } from './io.js';

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

/** Flags whose command-line value overrides the config file only when given (so they have no yargs default). */
const OVERRIDABLE = ['output', 'target', 'templates', 'format', 'scaffold', 'allow-remote-refs', 'allow-ref-dir', 'max-document-mib', 'dates', 'int64'] as const;

/** Parses argv and runs the command; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  let usageError: string | undefined;
  const targets = `${ALL_TARGETS.join(', ')}; also: mocks`;
  const wantsHelp = argv.includes('--help') || argv.includes('-h');
  const parser = yargs(argv)
    .scriptName('specforge')
    .usage('$0 <command> [options]')
    .command<GenerateArgs>(
      'generate [spec]',
      'Generate TypeScript from an OpenAPI 3.0/3.1 document (or from specforge.config.*)',
      (y) =>
        y
          .positional('spec', { type: 'string', describe: 'Path to the OpenAPI document (YAML or JSON); default: the config file\'s entries' })
          .option('output', { alias: 'o', type: 'string', describe: 'Output folder' })
          .option('target', { alias: 't', type: 'string', describe: `Comma-separated targets (default: types, validators, client, server): ${targets}` })
          .option('templates', { type: 'string', array: true, describe: 'Folder of template overrides mirroring templates/ (repeatable; later wins)' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: specforge.config.{ts,mts,js,mjs,json} here or in a parent folder)' })
          .option('check', { type: 'boolean', default: false, describe: 'Compare with the output folder instead of writing; exit 1 on drift' })
          .option('watch', { alias: 'w', type: 'boolean', default: false, describe: 'Regenerate when the spec, a $ref\'d file, the config or a template changes' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print diagnostics and errors only' })
          .option('timings', { type: 'boolean', default: false, describe: 'Also print the milliseconds each stage took (parse, ir, emit per target, validate, write)' })
          .option('dump-ir', { type: 'boolean', default: false, describe: 'Print the IR as JSON to stdout instead of generating' })
          .option('reporter', { choices: ['human', 'json'] as const, default: 'human' as const, describe: 'Diagnostic output format (stderr)' })
          .option('format', { type: 'boolean', describe: 'Run prettier over the output' })
          .option('allow-remote-refs', { type: 'boolean', describe: 'Fetch http(s) $refs (and an http(s) spec) instead of refusing them' })
          .option('allow-ref-dir', { type: 'string', array: true, describe: 'Extra folder external $refs may reach (repeatable)' })
          .option('max-document-mib', { type: 'number', describe: 'Largest spec file read, in MiB (default 64, at most 500)' })
          .option('dates', { choices: ['string', 'Date'] as const, describe: 'date and date-time strings as Date objects in the output (default: string)' })
          .option('int64', { choices: ['number', 'bigint'] as const, describe: 'int64 integers as bigint in the output, without losing precision (default: number)' })
          .option('scaffold', { type: 'string', describe: 'Also write (once) a starter server implementation there; later runs add stubs for new operations' })
          .check((a) => {
            if (a.check && a.watch) throw new Error('--check and --watch cannot be used together');
            if (a['dump-ir'] && (a.check || a.watch)) throw new Error('--dump-ir cannot be used with --check or --watch');
            const mib = a['max-document-mib'];
            if (mib !== undefined && !(mib > 0 && mib <= LIMITS.maxDocumentMiBCeiling)) throw new Error(`--max-document-mib must be a number above 0 and at most ${LIMITS.maxDocumentMiBCeiling}`);
            return true;
          }) as never,
      async (args) => {
        const explicit = new Set<string>(OVERRIDABLE.filter((k) => (args as unknown as Record<string, unknown>)[k] !== undefined));
        code = await generateCommand(args, io, explicit);
      },
    )
    .command<EjectArgs>(
      'eject',
      'Copy the built-in templates into a folder, to start overriding them (--templates <folder>)',
      (y) =>
        y
          .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder to copy the templates into' })
          .option('target', { alias: 't', type: 'string', describe: `Comma-separated targets (default: all): ${targets}` })
          .option('force', { type: 'boolean', default: false, describe: 'Replace files there that differ' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print errors only' })
          .option('reporter', { choices: ['human', 'json'] as const, default: 'human' as const, describe: 'Diagnostic output format (stderr)' }) as never,
      (args) => {
        code = ejectCommand(args, io);
      },
    )
    .command<MockArgs>(
      'mock <spec>',
      'Serve a mock of the API over HTTP: requests validated, answers made of examples (Prefer: code=404, example=name)',
      (y) =>
        y
          .positional('spec', { type: 'string', demandOption: true, describe: 'Path to the OpenAPI document (YAML or JSON)' })
          .option('port', { alias: 'p', type: 'number', default: 4010, describe: 'Port (0: any free one)' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
          .option('seed', { type: 'number', default: 0, describe: 'Seed of the example generator (same seed, same answers)' })
          .option('delay', { type: 'number', default: 0, describe: 'Milliseconds to wait before each answer' })
          .option('templates', { type: 'string', array: true, describe: 'Folder of template overrides mirroring templates/' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print diagnostics and errors only (no request log)' })
          .option('reporter', { choices: ['human', 'json'] as const, default: 'human' as const, describe: 'Diagnostic output format (stderr)' })
          .check((a) => {
            if (!(Number.isInteger(a.port) && a.port >= 0 && a.port <= 65535)) throw new Error('--port must be an integer from 0 to 65535');
            if (!(Number.isInteger(a.seed) && a.seed >= 0)) throw new Error('--seed must be a non-negative integer');
            if (!(a.delay >= 0 && a.delay <= 600_000)) throw new Error('--delay must be a number of milliseconds from 0 to 600000');
            return true;
          }) as never,
      async (args) => {
        code = await mockCommand(args, io);
      },
    )
    .demandCommand(1, 'Give a command: generate, eject or mock')
    .strict()
    .version(pkg.version)
    .help()
    // Help text is laid out (column widths, wrapping) only when it is shown: yargs builds it on every run otherwise.
    .wrap(wantsHelp ? Math.min(100, process.stdout.columns ?? 100) : null)
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'invalid usage';
    });
  if (!wantsHelp) skipHelpCache(parser);
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

/**
 * yargs lays out a command's whole help text as soon as its handler has started (about 20 ms, on the run's
 * critical path: the handler's first read waits behind it), to print it should the handler fail; specforge's
 * `fail` callback prints a one-line usage error instead, so that text is never shown. Turned off through
 * yargs' internal usage instance when present; without it (another yargs), nothing changes.
 */
function skipHelpCache(parser: unknown): void {
  const internal = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
