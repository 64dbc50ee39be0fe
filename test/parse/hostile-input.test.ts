import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildIr, generate, type Diagnostic } from '../../dist/index.js';
import { parseSource } from '../../dist/parse/read.js';
import { CLI, tempDir } from '../helpers/cli.js';
import { component, docWith, irOf } from '../helpers/spec.js';

// Input made to make the generator slow, huge or unkillable (security review, issue 24, findings 8 and 9).
// Every case is generated here, small, and each one failed on the code before its fix. Timing assertions
// compare a size n with 4n (linear: about 4×; quadratic: about 16×), never absolute times.

const HEAD = 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths: {}\n';

/** The best of a few timings of `f` (ms): the least disturbed by other work on the machine. */
async function best(f: () => unknown, runs = 3): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

/** The CLI's diagnostics (`--reporter json`) from its stderr. */
function jsonDiagnostics(stderr: string): Diagnostic[] {
  return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Diagnostic);
}

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(handler: (req: import('node:http').IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('8a. YAML aliases: the expanded size is capped', () => {
  it('an anchor of 2,000 keys aliased 600 times (2.4 million nodes once expanded) is SF1007 at the alias that passes the cap', async () => {
    const dir = tempDir();
    const spec = join(dir, 'wide.yaml');
    const keys = Array.from({ length: 2000 }, (_, i) => `  k${i}: v\n`).join('');
    const firstAliasLine = HEAD.split('\n').length - 1 + 1 + 2000 + 1 + 1;
    writeFileSync(spec, `${HEAD}x-wide: &w\n${keys}x-use:\n${'  - *w\n'.repeat(600)}`);
    const started = performance.now();
    const r = await generate({ input: spec, write: false });
    const ms = performance.now() - started;
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SF1007']);
    const d = r.diagnostics[0]!;
    expect(d.message).toMatch(/expand/);
    // The pointer and line of the alias where the expansion passed the cap (one alias per line).
    const at = /^\/x-use\/(\d+)$/.exec(d.pointer);
    expect(at, d.pointer).not.toBeNull();
    expect(d.file).toBe(spec);
    expect(d.line).toBe(firstAliasLine + Number(at![1]));
    // Found before anything is expanded: no time for 2.4 million nodes (generous: it took seconds).
    expect(ms).toBeLessThan(3000);
  });

  it('an alias inside the node it names (an endless expansion) is SF1007, not an internal error', async () => {
    const dir = tempDir();
    const spec = join(dir, 'loop.yaml');
    writeFileSync(spec, `${HEAD}x-loop: &a\n  - 1\n  - *a\n`);
    const r = await generate({ input: spec, write: false });
    expect(r.diagnostics.map((d) => [d.code, d.pointer, d.line])).toEqual([['SF1007', '/x-loop/1', 6]]);
  });

  it('aliases within the cap are expanded as before (a shared response, a merge key)', async () => {
    const dir = tempDir();
    const spec = join(dir, 'ok.yaml');
    writeFileSync(
      spec,
      `${HEAD.replace('paths: {}\n', '')}paths:\n  /a:\n    get:\n      responses:\n        '200': &ok\n          description: fine\n  /b:\n    get:\n      responses:\n        '200': *ok\ncomponents:\n  schemas:\n    Base: &base\n      type: object\n      properties: {id: {type: string}}\n    More:\n      <<: *base\n      description: more\n`,
    );
    const r = await generate({ input: spec, write: false, targets: ['types'] });
    expect(r.diagnostics).toEqual([]);
    const { ir } = await buildIr(spec);
    expect(ir!.operations.map((op) => op.responses[0]!.description)).toEqual(['fine', 'fine']);
    expect(component(ir!, 'More')).toMatchObject({ kind: 'object', description: 'more', properties: [{ name: 'id' }] });
  });
});

describe('8b. duplicate keys are found in linear time', () => {
  const mapping = (n: number) => `${HEAD}x-many:\n${Array.from({ length: n }, (_, i) => `  k${i}: ${i}\n`).join('')}`;

  it('a YAML mapping of 40,000 keys parses in about 4× the time of 10,000 (it was about 16×: quadratic)', async () => {
    const small = mapping(10_000);
    const large = mapping(40_000);
    parseSource('warm.yaml', small); // the yaml package loaded and warmed up
    const t1 = await best(() => parseSource('a.yaml', small));
    const t4 = await best(() => parseSource('a.yaml', large));
    expect(t4 / t1, `10,000 keys: ${t1.toFixed(0)} ms; 40,000 keys: ${t4.toFixed(0)} ms`).toBeLessThan(8);
  });

  it('a duplicate key is still SF1002 at the second key, in block and flow mappings, and only real duplicates are', () => {
    const catchDiagnostics = (text: string): Diagnostic[] => {
      try {
        parseSource('dup.yaml', text);
        return [];
      } catch (e) {
        return (e as { diagnostics: Diagnostic[] }).diagnostics;
      }
    };
    const block = catchDiagnostics(`${HEAD}x-a:\n  one: 1\n  two: 2\n  one: 3\n`);
    expect(block.map((d) => [d.code, d.line, d.column])).toEqual([['SF1002', 7, 3]]);
    expect(block[0]!.message).toMatch(/unique/);
    const flow = catchDiagnostics(`${HEAD}x-b: {a: 1, b: 2, "a": 3}\n`);
    expect(flow.map((d) => [d.code, d.line, d.column])).toEqual([['SF1002', 4, 19]]);
    // Keys equal as YAML values are duplicates even when written differently; 1 and "1" are not.
    expect(catchDiagnostics(`${HEAD}x-c:\n  0x1: a\n  1: b\n`).map((d) => [d.code, d.line])).toEqual([['SF1002', 6]]);
    expect(catchDiagnostics(`${HEAD}x-d:\n  1: a\n  "1": b\n  .nan: c\n  .NaN: d\n`)).toEqual([]);
    // The same key in two mappings is no duplicate.
    expect(catchDiagnostics(`${HEAD}x-e: {a: 1}\nx-f: {a: 1}\n`)).toEqual([]);
  });
});

describe('8c. chains of schema aliases are linear in the IR', () => {
  /** A0 → A1 → … → A(n-1), each a bare $ref to the next; the last is readOnly; a property refers to A0. */
  const chain = (n: number) => {
    const schemas: Record<string, unknown> = {};
    for (let i = 0; i < n - 1; i++) schemas[`A${i}`] = { $ref: `#/components/schemas/A${i + 1}` };
    schemas[`A${n - 1}`] = { type: 'string', readOnly: true };
    schemas.Holder = { type: 'object', properties: { a: { $ref: '#/components/schemas/A0' } } };
    return docWith(schemas);
  };

  it('a chain of 20,000 aliases builds in about 4× the time of 5,000 (it was about 20×: quadratic)', async () => {
    const small = chain(5_000);
    const large = chain(20_000);
    await buildIr(small);
    const t1 = await best(() => buildIr(small));
    const t4 = await best(() => buildIr(large));
    expect(t4 / t1, `5,000 aliases: ${t1.toFixed(0)} ms; 20,000: ${t4.toFixed(0)} ms`).toBeLessThan(8);
  });

  it('the readOnly at the end of the chain still reaches the property (through every alias), and a cycle of aliases stays SF2007', async () => {
    const ir = await irOf(chain(3000));
    const holder = component(ir, 'Holder');
    expect(holder.kind === 'object' && holder.properties[0]!.schema).toMatchObject({ kind: 'ref', target: '/components/schemas/A0', readOnly: true });
    const loop = docWith({ L0: { $ref: '#/components/schemas/L1' }, L1: { $ref: '#/components/schemas/L0' }, H: { type: 'object', properties: { l: { $ref: '#/components/schemas/L0' } } } });
    expect((await buildIr(loop)).diagnostics.map((d) => d.code)).toContain('SF2007');
  });
});

describe('8d. only regular files are read', () => {
  /** Runs the CLI, killed (SIGKILL: before the fix it ignored SIGTERM) if it is not done in 20 s. */
  const run = (args: string[], cwd: string) => {
    const r = spawnSync(process.execPath, [CLI, 'generate', ...args, '--reporter', 'json'], { cwd, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    return { status: r.status, signal: r.signal, ds: jsonDiagnostics(r.stderr) };
  };

  it('a FIFO, a device or a socket as the root spec is SF1001, at once', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    const device = join(dir, 'zero.json');
    symlinkSync('/dev/zero', device);
    const socket = join(dir, 'socket.json');
    const server = createNetServer().listen(socket);
    await once(server, 'listening');
    try {
      for (const spec of [fifo, device, socket]) {
        const r = run([spec, '-o', join(dir, 'out')], dir);
        expect(r.signal, spec).toBeNull();
        expect(r.status, spec).toBe(2);
        expect(r.ds.map((d) => [d.code, d.pointer, d.file]), spec).toEqual([['SF1001', '', basename(spec)]]);
      }
      expect(run([fifo, '-o', join(dir, 'out')], dir).ds[0]!.message).toMatch(/not a regular file/);
    } finally {
      server.close();
    }
  });

  it('a $ref to a FIFO, or to a device in an allowed folder, is SF2002 at the $ref', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'part.yaml')]);
    const spec = join(dir, 'api.yaml');
    writeFileSync(spec, `${HEAD}components:\n  schemas:\n    A: {$ref: 'part.yaml#/A'}\n    B: {$ref: '/dev/zero#/B'}\n`);
    const r = run([spec, '-o', join(dir, 'out'), '--allow-ref-dir', '/dev'], dir);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.ds.map((d) => [d.code, d.pointer, d.line])).toEqual([
      ['SF2002', '/components/schemas/A/$ref', 6],
      ['SF2002', '/components/schemas/B/$ref', 7],
    ]);
  });
});

describe('8e. Ctrl-C and SIGTERM end any run', () => {
  // A step that never ends: JSON.parse of the spec (marked "x-spin") spins forever on the main thread, as a
  // pathological input in a synchronous step would. A preload module patches it into the real CLI.
  const SPIN = `const parse = JSON.parse;
JSON.parse = function (text, ...rest) {
  if (typeof text === 'string' && text.includes('"x-spin"')) {
    process.stderr.write('spinning\\n');
    for (;;) {}
  }
  return parse.call(this, text, ...rest);
};\n`;

  interface Started {
    child: ChildProcess;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    /** Resolves when stdout and stderr together have matched `re` `count` times. */
    until: (re: RegExp, count?: number) => Promise<void>;
  }

  /** Starts the CLI; resolves when its output matches `ready`. */
  async function start(args: string[], ready: RegExp, preload?: string): Promise<Started> {
    const child = spawn(process.execPath, [...(preload ? ['--import', pathToFileURL(preload).href] : []), CLI, 'generate', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    let seen = '';
    child.stderr!.on('data', (d: Buffer) => (seen += d.toString()));
    child.stdout!.on('data', (d: Buffer) => (seen += d.toString()));
    const until = async (re: RegExp, count = 1) => {
      const deadline = Date.now() + 20_000;
      while ((seen.match(new RegExp(re.source, 'g')) ?? []).length < count) {
        if (Date.now() > deadline) throw new Error(`no ${re} ×${count} in: ${seen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(ready);
    return { child, exited, until };
  }

  /** Whether the process ended within `ms` of the signal (false: it had to be killed). */
  async function endsAfter(p: Pick<Started, 'child' | 'exited'>, signal: NodeJS.Signals, ms = 5000) {
    await new Promise((r) => setTimeout(r, 100)); // well inside the step
    p.child.kill(signal);
    const outcome = await Promise.race([p.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), ms))]);
    return outcome;
  }

  const spinSpec = (dir: string) => {
    const spec = join(dir, 'api.json');
    writeFileSync(spec, JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, 'x-spin': true }));
    const preload = join(dir, 'spin.mjs');
    writeFileSync(preload, SPIN);
    return { spec, preload };
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: a run stuck in a synchronous step ends`, async () => {
      const dir = tempDir();
      const { spec, preload } = spinSpec(dir);
      const p = await start([spec, '-o', join(dir, 'out')], /spinning/, preload);
      expect(await endsAfter(p, signal)).toEqual({ code: null, signal });
    });
  }

  it('SIGTERM: a run blocked on a $ref whose server never answers ends', async () => {
    let asked!: () => void;
    const waiting = new Promise<void>((r) => (asked = r));
    const url = await listen(() => asked()); // never answers
    const dir = tempDir();
    const spec = join(dir, 'api.yaml');
    writeFileSync(spec, `${HEAD}components:\n  schemas:\n    A: {$ref: '${url}/part.yaml#/A'}\n`);
    const child = spawn(process.execPath, [CLI, 'generate', spec, '-o', join(dir, 'out'), '--allow-remote-refs'], { env: { ...process.env, NO_COLOR: '1' } });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    await waiting;
    expect(await endsAfter({ child, exited }, 'SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('--watch: SIGTERM during a stuck run ends it (the first run, and a run after an edit); while idle, it stops watching and exits 0', async () => {
    const dir = tempDir();
    const { spec, preload } = spinSpec(dir);
    const first = await start([spec, '-o', join(dir, 'out'), '--watch'], /spinning/, preload);
    expect(await endsAfter(first, 'SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });

    const ok = join(dir, 'ok.json');
    const valid = JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} });
    writeFileSync(ok, valid);
    const edited = await start([ok, '-o', join(dir, 'out2'), '-t', 'types', '--watch'], /watching/, preload);
    writeFileSync(ok, valid.replace('"paths"', '"x-spin":true,"paths"'));
    await edited.until(/spinning/);
    expect(await endsAfter(edited, 'SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });

    writeFileSync(ok, valid);
    const idle = await start([ok, '-o', join(dir, 'out3'), '-t', 'types', '--watch'], /watching/);
    expect(await endsAfter(idle, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });
});

describe('8f. remote refs (--allow-remote-refs): the size cap while reading, no redirect to another origin', () => {
  const spec = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas: { S: { type: 'string' } } } };

  it('a body larger than the cap stops being read at the cap: SF1008 after about 1 MiB of 64, with or without Content-Length', async () => {
    for (const declared of [false, true]) {
      let sent = 0;
      let done!: () => void;
      const finished = new Promise<void>((r) => (done = r));
      const total = 64 * 1024 * 1024;
      const url = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': String(total) } : {}) });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        res.on('close', done);
        const pump = () => {
          while (sent < total) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        pump();
      });
      const r = await generate({ input: `${url}/api.json`, refs: { allowRemoteRefs: true }, maxDocumentMiB: 1, write: false });
      expect(r.diagnostics.map((d) => d.code)).toEqual(['SF1008']);
      await finished;
      // What the server could write before the client hung up: the cap plus what the sockets buffer.
      expect(sent, `declared: ${declared}`).toBeLessThan(16 * 1024 * 1024);
    }
  });

  it('a redirect to another origin is SF2008 (for the root and for a $ref); a redirect within the origin is followed', async () => {
    const elsewhere: string[] = [];
    const other = await listen((req, res) => {
      elsewhere.push(req.url ?? '');
      res.end(JSON.stringify(spec));
    });
    const url = await listen((req, res) => {
      if (req.url === '/api.json') return void res.end(JSON.stringify(spec));
      if (req.url === '/moved.json') return void res.writeHead(301, { location: '/api.json' }).end();
      res.writeHead(302, { location: `${other}/api.json` }).end();
    });
    const ok = await generate({ input: `${url}/moved.json`, refs: { allowRemoteRefs: true }, write: false, targets: ['types'] });
    expect(ok.diagnostics).toEqual([]);
    expect(ok.files.find((f) => f.path === 'types.ts')!.content).toContain('export type S = string');

    const root = await generate({ input: `${url}/away.json`, refs: { allowRemoteRefs: true }, write: false });
    expect(root.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['SF2008', '']]);
    expect(root.diagnostics[0]!.message).toContain(`${other}/api.json`);

    const dir = tempDir();
    mkdirSync(join(dir, 'spec'));
    const local = join(dir, 'spec/api.yaml');
    writeFileSync(local, `${HEAD}components:\n  schemas:\n    A: {$ref: '${url}/away.json#/components/schemas/S'}\n    B: {$ref: '${url}/moved.json#/components/schemas/S'}\n`);
    const ref = await generate({ input: local, refs: { allowRemoteRefs: true }, write: false });
    expect(ref.diagnostics.map((d) => [d.code, d.pointer, d.line])).toEqual([['SF2008', '/components/schemas/A/$ref', 6]]);
    expect(elsewhere).toEqual([]);
  });
});

describe('9. OpenAPI 3.1: a server variable may have a description', () => {
  const doc = (variable: Record<string, unknown>) => ({
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    servers: [{ url: 'https://{region}.example.com', variables: { region: { default: 'eu', enum: ['eu', 'us'], ...variable } } }],
    paths: {},
  });

  it('`description` is valid (it was SF3001: the bundled 3.1 schema spells it `descriptions`), and `descriptions` is not', async () => {
    const good = await generate({ input: doc({ description: 'Where the data lives' }), write: false, targets: ['types'] });
    expect(good.diagnostics).toEqual([]);
    expect(good.ok).toBe(true);
    const typo = await generate({ input: doc({ descriptions: 'Where the data lives' }), write: false, targets: ['types'] });
    expect(typo.diagnostics.map((d) => [d.code, d.pointer])).toEqual([['SF3001', '/servers/0/variables/region']]);
  });
});
