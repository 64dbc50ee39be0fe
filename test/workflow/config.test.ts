import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers/cli.js';

const spec = (name: string) => join(ROOT, 'specs', name);
const json = (r: { stderr: string }) => r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));

describe('config file', () => {
  it('specforge.config.json found upward; defaults plus several entries; one summary line per output', () => {
    const project = tempDir();
    writeFileSync(
      join(project, 'specforge.config.json'),
      JSON.stringify({
        targets: ['types'],
        generate: [
          { input: spec('whop-dm-members.yaml'), output: 'gen/whop', targets: ['client'] },
          { input: spec('alo-dm-channel-users.yaml'), output: 'gen/alo' },
        ],
      }),
    );
    const sub = join(project, 'src/deep');
    mkdirSync(sub, { recursive: true });
    const r = cli(['generate'], sub);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^specforge: 13 written, 0 unchanged, 0 removed in .*gen\/whop /);
    expect(lines[1]).toMatch(/^specforge: 1 written, 0 unchanged, 0 removed in .*gen\/alo /);
    expect(existsSync(join(project, 'gen/whop/client.ts'))).toBe(true);
    expect(existsSync(join(project, 'gen/alo/client.ts'))).toBe(false);
    // Flags override the config: every entry gets -t types; --check sees the others as extra → exit 1.
    const check = cli(['generate', '--check', '-t', 'types'], sub);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain('gen/whop is out of date (0 drifted, 0 missing, 12 extra)');
    expect(check.stdout).toContain('gen/alo is up to date');
    // One -o for several entries would mix their outputs: refused.
    const mixed = cli(['generate', '-o', 'one', '--reporter', 'json'], sub);
    expect(mixed.status).toBe(2);
    expect(JSON.parse(mixed.stderr.split('\n')[0]!)).toMatchObject({ code: 'SF9001' });
  });

  it('specforge.config.ts with defineConfig from the package; a spec on the command line uses its defaults', () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(ROOT, join(project, 'node_modules/specforge'), 'dir');
    mkdirSync(join(project, 'tpl/types'), { recursive: true });
    writeFileSync(join(project, 'tpl/types/types.hbs'), '// from the config\'s templates: {{#each declarations}}{{name}} {{/each}}\n');
    writeFileSync(
      join(project, 'specforge.config.ts'),
      `import { defineConfig } from 'specforge';\nconst targets: Array<'types'> = ['types'];\nexport default defineConfig({ input: ${JSON.stringify(spec('twilio-chat-user-channels.yaml'))}, output: 'out', targets, templates: 'tpl' });\n`,
    );
    const r = cli(['generate'], project);
    expect(r.status).toBe(0);
    expect(readFileSync(join(project, 'out/types.ts'), 'utf8')).toMatch(/^\/\/ from the config's templates: /);
    // The command line names the spec and the output; the config's templates and targets still apply.
    const cmd = cli(['generate', spec('whop-dm-members.yaml'), '-o', 'whop'], project);
    expect(cmd.status).toBe(0);
    expect(readFileSync(join(project, 'whop/types.ts'), 'utf8')).toContain('DmMember');
    expect(existsSync(join(project, 'whop/client.ts'))).toBe(false);
    // No temporary module is left beside the config.
    expect(readFileSync(join(project, 'specforge.config.ts'), 'utf8')).toContain('defineConfig');
    expect(cli(['generate'], project).status).toBe(0);
  });

  it('specforge.config.mjs with helpers, given by --config', () => {
    const project = tempDir();
    mkdirSync(join(project, 'tpl/types'), { recursive: true });
    writeFileSync(join(project, 'tpl/types/types.hbs'), '{{#each declarations}}{{shout name}}\n{{/each}}');
    writeFileSync(
      join(project, 'my.config.mjs'),
      `export default { input: ${JSON.stringify(spec('whop-dm-members.yaml'))}, output: 'out', targets: ['types'], templates: ['tpl'], helpers: { shout: (s) => String(s).toUpperCase() } };\n`,
    );
    const r = cli(['generate', '--config', 'my.config.mjs'], project);
    expect(r.status).toBe(0);
    expect(readFileSync(join(project, 'out/types.ts'), 'utf8')).toContain('DMMEMBER\n');
  });

  it('dates and int64 come from the config (per entry) and from the flags, which win; a wrong value is SF9003 / a usage error', () => {
    const project = tempDir();
    const input = spec('twilio-chat-user-channels.yaml');
    writeFileSync(join(project, 'specforge.config.json'), JSON.stringify({ dates: 'Date', generate: [{ input, output: 'a', targets: ['types'] }, { input, output: 'b', targets: ['types'], dates: 'string' }] }));
    expect(cli(['generate'], project).status).toBe(0);
    // Twilio's LastConsumptionTimestamp is a date-time: a Date in the entry that takes the top-level default, a string in the other.
    expect(readFileSync(join(project, 'a/types.ts'), 'utf8')).toMatch(/LastConsumptionTimestamp\?: Date;/);
    expect(readFileSync(join(project, 'b/types.ts'), 'utf8')).toMatch(/LastConsumptionTimestamp\?: string;/);
    expect(cli(['generate', input, '-o', 'c', '-t', 'types', '--dates', 'string'], project).status).toBe(0);
    expect(readFileSync(join(project, 'c/types.ts'), 'utf8')).toMatch(/LastConsumptionTimestamp\?: string;/);
    writeFileSync(join(project, 'specforge.config.json'), JSON.stringify({ dates: 'date', int64: true, input, output: 'd' }));
    const r = cli(['generate', '--reporter', 'json'], project);
    expect(r.status).toBe(2);
    expect(json(r).map((d) => [d.code, d.pointer, d.message])).toEqual([
      ['SF9003', '/dates', `'dates' must be "string" or "Date"`],
      ['SF9003', '/int64', `'int64' must be "number" or "bigint"`],
    ]);
    const usage = cli(['generate', input, '-o', 'e', '--int64', 'long'], project);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('int64');
  });

  it('unknown and mistyped options are SF9003 with a pointer into the config; exit 2', () => {
    const project = tempDir();
    writeFileSync(join(project, 'specforge.config.json'), JSON.stringify({ targets: 'types', generate: [{ input: 'a.yaml', outptu: 'x' }] }));
    const r = cli(['generate', '--reporter', 'json'], project);
    expect(r.status).toBe(2);
    expect(json(r).map((d) => [d.code, d.pointer])).toEqual([['SF9003', '/targets']]);
    writeFileSync(join(project, 'specforge.config.json'), JSON.stringify({ generate: [{ input: 'a.yaml', outptu: 'x' }, { input: 1 }] }));
    const r2 = cli(['generate', '--reporter', 'json'], project);
    expect(r2.status).toBe(2);
    expect(json(r2).map((d) => [d.code, d.pointer])).toEqual([
      ['SF9003', '/generate/0/outptu'],
      ['SF9003', '/generate/1/input'],
    ]);
    expect(json(r2)[0].message).toContain("unknown option 'outptu'");
    writeFileSync(join(project, 'specforge.config.json'), '{ nope');
    expect(json(cli(['generate', '--reporter', 'json'], project)).map((d) => d.code)).toEqual(['SF9003']);
    expect(cli(['generate', '--config', 'missing.json'], project).status).toBe(2);
  });
});
