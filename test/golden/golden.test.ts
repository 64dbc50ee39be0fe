import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_TARGETS, generate } from '../../dist/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { GOLDEN_SPECS } from '../helpers/golden-specs.js';
import { typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

/**
 * Every spec × target has committed expected output under test/golden/<spec>/. UPDATE_GOLDEN=1 rewrites it. The
 * runtime modules every output folder gets (`runtime/*.ts`) are src/runtime's files as they are: they are held
 * to those, not kept once per spec.
 */
const update = process.env.UPDATE_GOLDEN === '1';
const RUNTIME = join(ROOT, 'src/runtime');
// runtime/mocks.ts is the opt-in mocks target's (test/mocks/), not one of ALL_TARGETS'.
const runtimeFiles = () =>
  readdirSync(RUNTIME)
    .filter((f) => f.endsWith('.ts') && f !== 'mocks.ts')
    .map((f) => ({ path: `runtime/${f}`, content: readFileSync(join(RUNTIME, f), 'utf8') }));

describe('golden files', () => {
  for (const [name, spec] of Object.entries(GOLDEN_SPECS)) {
    describe(name, () => {
      const dir = join(ROOT, 'test/golden', name);
      let files: Array<{ path: string; content: string }> = [];

      it(`generates every target from ${spec}`, async () => {
        const r = await generate({ input: join(ROOT, spec), targets: [...ALL_TARGETS], write: false });
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const runtime = r.files.filter((f) => f.path.startsWith('runtime/'));
        files = r.files.filter((f) => !f.path.startsWith('runtime/'));
        expect(runtime).toEqual(runtimeFiles());
        if (update) {
          mkdirSync(dir, { recursive: true });
          for (const f of files) writeFileSync(join(dir, f.path), f.content);
        }
        const expected = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
        expect(files.map((f) => f.path)).toEqual(expected);
        for (const f of files) expect(f.content, `${name}/${f.path}`).toBe(readFileSync(join(dir, f.path), 'utf8'));
      });

      it.each(['bundler', 'strictest'] as Resolution[])('golden output type-checks under strict (%s)', (resolution) => {
        const golden = readdirSync(dir).filter((f) => f.endsWith('.ts'));
        expect(golden.length).toBeGreaterThan(0);
        const out = tempDir();
        const paths = writeFiles(out, [...golden.map((f) => ({ path: f, content: readFileSync(join(dir, f), 'utf8') })), ...runtimeFiles()]);
        expect(typecheck(paths, resolution)).toEqual([]);
      });

      // The types target prints prettier-formatted code; the validators' compiled checks are not held to it.
      it('prettier leaves golden types output unchanged', async () => {
        const prettier = await import('prettier');
        for (const f of readdirSync(dir).filter((x) => x === 'types.ts')) {
          const text = readFileSync(join(dir, f), 'utf8');
          expect(await prettier.format(text, { parser: 'typescript' }), `${name}/${f}`).toBe(text);
        }
      });
    });
  }

  it('every golden folder belongs to a spec', () => {
    const folders = readdirSync(join(ROOT, 'test/golden'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual(Object.keys(GOLDEN_SPECS).sort());
    expect(existsSync(join(ROOT, 'test/golden/golden.test.ts'))).toBe(true);
  });
});
