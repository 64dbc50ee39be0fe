import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from '../helpers/cli.js';

// What the bin loads, and from where: scripts/bundle.mjs puts specforge, yargs and Handlebars' runtime in
// dist/cli/main.js and the `yaml` package in dist/vendor/yaml.cjs; Handlebars' compiler is loaded only for a
// template that was not compiled at build time. Each costs start-up time when it is loaded as many modules.

/** The CommonJS modules a run of the bin loaded (from Node's module cache, printed as the process exits). */
function modulesLoaded(args: string[]): string[] {
  const hook = `import { createRequire } from 'node:module'; const r = createRequire(${JSON.stringify(CLI)}); process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(r.cache)) + '\\n'));`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  expect(line).toBeDefined();
  // Relative to the checkout; node_modules by its real path too (a git worktree may link it from elsewhere).
  const modules = realpathSync(join(ROOT, 'node_modules')) + sep;
  return (JSON.parse(line!.slice('LOADED '.length)) as string[]).map((p) => (p.startsWith(modules) ? 'node_modules/' + p.slice(modules.length) : p.slice(ROOT.length)));
}

describe('the bin', () => {
  it('is executable as built (npm pack keeps the mode): run directly, not through node', () => {
    // scripts/bundle.mjs replaces tsc's file; npm installs a bin from a tarball with its mode fixed, but a
    // checkout, a `file:` install or a pack of the built folder runs dist/cli/main.js as it is.
    expect((statSync(CLI).mode & 0o777).toString(8)).toBe('755');
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('bundles Handlebars without its compiler', () => {
    const code = readFileSync(CLI, 'utf8');
    expect(code).toContain('function template(templateSpec, env)');
    expect(code).not.toContain('JavaScriptCompiler');
  });

  it('ships the licences of the packages it bundles, and both bundled files point to them', () => {
    const notices = readFileSync(join(ROOT, 'dist/THIRD-PARTY-NOTICES.md'), 'utf8');
    for (const [name, file] of [['handlebars', 'dist/cli/main.js'], ['yargs', 'dist/cli/main.js'], ['yaml', 'dist/vendor/yaml.cjs']]) {
      const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
      expect(notices).toContain(`## ${name} ${version} (`);
      expect(notices.split(`## ${name} ${version} (`)[1]!.split('\n')[0]).toContain(file);
    }
    expect(notices).toContain('Permission is hereby granted');
    for (const f of ['dist/cli/main.js', 'dist/vendor/yaml.cjs']) {
      expect(readFileSync(join(ROOT, f), 'utf8').split('\n').slice(0, 2).join('\n')).toContain('../THIRD-PARTY-NOTICES.md');
    }
  });

  it('loads YAML from the one vendored file and no Handlebars module, for the built-in templates', () => {
    const loaded = modulesLoaded(['generate', join(ROOT, 'specs/whop-dm-members.yaml'), '-o', tempDir(), '-q']);
    expect(loaded).toContain('dist/vendor/yaml.cjs');
    expect(loaded.filter((p) => p.startsWith('node_modules/yaml/') || p.startsWith('node_modules/handlebars/'))).toEqual([]);
  });

  it('makes an Intl.Segmenter (ICU data, ~10 ms) only to lay out help text', () => {
    // The hook counts segmenters made; cliui's string-width copies made one each as their modules loaded.
    const hook = `const S = Intl.Segmenter; let n = 0; Intl.Segmenter = class extends S { constructor(...a) { super(...a); n++; } }; process.on('exit', () => process.stderr.write('\\nSEGMENTERS ' + n + '\\n'));`;
    const made = (args: string[]) => {
      const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(hook)}`, CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status, r.stderr).toBe(0);
      return { count: Number(/SEGMENTERS (\d+)/.exec(r.stderr)?.[1]), stdout: r.stdout };
    };
    expect(made(['generate', join(ROOT, 'specs/whop-dm-members.yaml'), '-o', tempDir(), '-q']).count).toBe(0);
    expect(made(['--version']).count).toBe(0);
    const help = made(['generate', '--help']);
    expect(help.count).toBeGreaterThan(0);
    expect(help.stdout).toMatch(/--output +Output folder +\[string\]/);
  });

  it('loads Handlebars (with its compiler) for an override', () => {
    const templates = tempDir();
    const out = tempDir();
    mkdirSync(join(templates, 'types/partials'), { recursive: true });
    writeFileSync(join(templates, 'types/partials/banner.hbs'), '// mine\n');
    const loaded = modulesLoaded(['generate', join(ROOT, 'specs/whop-dm-members.yaml'), '-o', out, '-q', '--templates', templates, '-t', 'types']);
    expect(loaded.some((p) => p.startsWith('node_modules/handlebars/dist/cjs/handlebars/compiler/'))).toBe(true);
    expect(readFileSync(join(out, 'types.ts'), 'utf8').startsWith('// mine\n')).toBe(true);
  });
});
