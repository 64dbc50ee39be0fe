import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';

/** A running `specforge … --watch`, with a way to wait for what it prints. */
class Watcher {
  private out = '';
  private err = '';
  private waiters: Array<() => void> = [];
  readonly exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d) => this.push(d, 'out'));
    child.stderr!.on('data', (d) => this.push(d, 'err'));
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)));
  }
  private push(d: Buffer, which: 'out' | 'err'): void {
    if (which === 'out') this.out += d.toString();
    else this.err += d.toString();
    for (const w of this.waiters.splice(0)) w();
  }
  /** Waits until stdout (or stderr) has matched `re` `count` times in all. */
  async until(re: RegExp, count: number, stream: 'out' | 'err' = 'out', timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    while (((stream === 'out' ? this.out : this.err).match(g) ?? []).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${re} ×${count}\nstdout:\n${this.out}\nstderr:\n${this.err}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
}

let running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running) c.kill('SIGKILL');
  running = [];
});

function watch(args: string[], cwd: string): Watcher {
  const child = spawn(process.execPath, [CLI, 'generate', ...args, '--watch'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  running.push(child);
  return new Watcher(child);
}

const SUMMARY = /^specforge: \d+ written, \d+ unchanged, \d+ removed in /m;

describe('--watch', () => {
  it('regenerates on a spec edit and on a $ref\'d file edit; a bad edit keeps the last output; Ctrl-C exits 0', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'specs/multi-file'), join(dir, 'spec'), { recursive: true });
    const root = join(dir, 'spec/openapi.yaml');
    const out = join(dir, 'out');
    const w = watch([root, '-o', out, '-t', 'types'], dir);
    await w.until(SUMMARY, 1);
    await w.until(/watching \d+ files/, 1);
    const types = () => readFileSync(join(out, 'types.ts'), 'utf8');
    const first = types();

    // 1. The root spec changes.
    writeFileSync(root, readFileSync(root, 'utf8').replace(/title: .*/, 'title: Renamed API'));
    await w.until(SUMMARY, 2);
    expect(types()).toContain('Renamed API');

    // 2. A file reached through $ref changes.
    const schemaDir = join(dir, 'spec/schemas');
    const schemaFile = join(schemaDir, readdirSync(schemaDir).sort()[0]!);
    writeFileSync(schemaFile, readFileSync(schemaFile, 'utf8').replace(/description: .*/, 'description: Changed through a ref'));
    await w.until(SUMMARY, 3);
    expect(types()).toContain('Changed through a ref');
    const good = types();

    // 3. A broken edit: diagnostics, the last output stays; 4. the fix regenerates.
    const text = readFileSync(root, 'utf8');
    writeFileSync(root, text + '\n  : : broken: [\n');
    await w.until(/SF1002/, 1, 'err');
    await w.until(/nothing written/, 1, 'err');
    expect(types()).toBe(good);
    writeFileSync(root, text.replace('title: Renamed API', 'title: Fixed API'));
    await w.until(SUMMARY, 4);
    expect(types()).toContain('Fixed API');
    expect(types()).not.toBe(first);

    w.child.kill('SIGINT');
    expect(await w.exited).toBe(0);
  }, 60_000);

  it('regenerates when a template or the config changes', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'tpl/types'), { recursive: true });
    writeFileSync(join(dir, 'tpl/types/types.hbs'), '// one\n');
    writeFileSync(join(dir, 'specforge.config.json'), JSON.stringify({ input: join(ROOT, 'specs/whop-dm-members.yaml'), output: 'out', targets: ['types'], templates: 'tpl' }));
    const w = watch([], dir);
    await w.until(SUMMARY, 1);
    expect(readFileSync(join(dir, 'out/types.ts'), 'utf8')).toBe('// one\n');
    writeFileSync(join(dir, 'tpl/types/types.hbs'), '// two\n');
    await w.until(SUMMARY, 2);
    expect(readFileSync(join(dir, 'out/types.ts'), 'utf8')).toBe('// two\n');
    writeFileSync(join(dir, 'specforge.config.json'), JSON.stringify({ input: join(ROOT, 'specs/whop-dm-members.yaml'), output: 'out2', targets: ['types'], templates: 'tpl' }));
    await w.until(SUMMARY, 3);
    expect(readFileSync(join(dir, 'out2/types.ts'), 'utf8')).toBe('// two\n');
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 60_000);
});
