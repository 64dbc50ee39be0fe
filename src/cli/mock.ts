import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { checkTemplateOverrides } from '../emit/engine/overrides.js';
import { loadMock } from '../emit/mocks/load.js';
import { buildIr } from '../generate.js';
import { releaseValidationWorkerWhenIdle } from '../parse/validate.js';
import { EXIT, type Io } from './io.js';
import { Reporter } from './reporter.js';

export interface MockArgs {
  spec: string;
  port: number;
  host: string;
  seed: number;
  delay: number;
  templates?: string[];
  quiet: boolean;
  reporter: 'human' | 'json';
}

/**
 * `specforge mock <spec>`: the generated mock (server pipeline + example data) over HTTP, as Prism serves a spec:
 * paths as the spec writes them (no server prefix), requests validated, `Prefer: code=…, example=…` honoured,
 * `--delay` milliseconds before each answer. Ctrl-C / SIGTERM close it and exit 0.
 */
export async function mockCommand(args: MockArgs, io: Io): Promise<number> {
  const out = new Reporter(io, args);
  const overrides = checkTemplateOverrides(args.templates ?? []);
  if (overrides.length > 0) {
    out.diagnostics(overrides);
    return EXIT.invalid;
  }
  releaseValidationWorkerWhenIdle(true);
  const { ir, diagnostics } = await buildIr(resolve(io.cwd ?? process.cwd(), args.spec));
  out.diagnostics(diagnostics);
  if (!ir) return EXIT.invalid;
  const found: Diagnostic[] = [];
  const mock = await loadMock(ir, args.seed, (d) => found.push(d), args.templates ?? []);
  out.diagnostics(found);
  const listener = mock.createNodeListener(mock.createMockHandler({}, { basePath: '' }));
  const server: Server = createServer((req, res) => {
    // The path is the client's: control characters are escaped before they reach a terminal.
    if (!args.quiet) res.on('finish', () => io.stdout(`${req.method ?? ''} ${printable(req.url ?? '')} → ${res.statusCode}\n`));
    const answer = () => void listener(req, res);
    if (args.delay > 0) setTimeout(answer, args.delay);
    else answer();
  });
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(args.port, args.host, () => done());
    });
  } catch (e) {
    mock.dispose();
    out.fail(`specforge: cannot listen on ${args.host}:${args.port}: ${(e as Error).message}`);
    return EXIT.invalid;
  }
  const { port } = server.address() as AddressInfo;
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  out.say(`specforge mock: ${ir.info.title} (${ir.operations.length} operations) on http://${host}:${port}`);
  // Until Ctrl-C or SIGTERM: then the server closes (open connections too) and the command returns.
  io.trapSignals?.(true);
  await new Promise<void>((done) => {
    if (io.signal === undefined) return;
    if (io.signal.aborted) return done();
    io.signal.addEventListener('abort', () => done(), { once: true });
  });
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
  mock.dispose();
  out.say('specforge mock: stopped');
  return EXIT.ok;
}

/** A request target as a log line may show it: control characters (and DEL, C1) as \u escapes. */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
