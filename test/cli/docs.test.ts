import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';

describe('docs/diagnostics.md', () => {
  const doc = readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8');
  const documented = [...doc.matchAll(/^\| (SF\d{4}) \| ([^|]+) \|/gm)].map((m) => [m[1]!, m[2]!.trim()] as const);

  it('documents every code once, with its title, and nothing else', () => {
    expect(documented.map(([c]) => c).sort()).toEqual(Object.keys(CODES).sort());
    for (const [code, title] of documented) {
      expect(title.replace(/ \(warning\)$/, ''), code).toBe(CODES[code as keyof typeof CODES].title);
    }
  });
});
