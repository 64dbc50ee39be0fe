import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_OPTIONS } from '../../dist/emit/engine/engine.js';
import { PRECOMPILED } from '../../dist/emit/engine/precompiled.js';
import { ROOT } from '../helpers/cli.js';

function templateFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templateFiles(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
  );
}

// The build compiles the built-in templates (scripts/precompile-templates.mjs), and the golden tests check
// what they render. Here: that the build covered every template as it is now, and that the specs are for
// this Handlebars (a spec of another compiler revision throws when it is run).
describe('precompiled built-in templates', () => {
  const files = templateFiles(join(ROOT, 'templates'));

  it('has every built-in template, keyed by its current text', () => {
    expect(files.length).toBeGreaterThan(10);
    const missing = files.filter((f) => !PRECOMPILED.has(readFileSync(f, 'utf8')));
    expect(missing, 'run `npm run build` after editing templates/').toEqual([]);
    expect(PRECOMPILED.size).toBe(new Set(files.map((f) => readFileSync(f, 'utf8'))).size);
  });

  it('gives templates this Handlebars runs', () => {
    const banner = readFileSync(join(ROOT, 'templates/_shared/partials/banner.hbs'), 'utf8');
    const t = Handlebars.template(PRECOMPILED.get(banner)!);
    expect(t({ lines: ['a', 'b'] })).toBe(Handlebars.compile(banner, COMPILE_OPTIONS)({ lines: ['a', 'b'] }));
  });
});
