import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// write/ only puts bytes on disk: what it writes is planned by emit/ (ARCHITECTURE.md). Its imports of emit/ are
// types only, which TypeScript erases.
describe('layers', () => {
  it('src/write/ imports nothing from src/emit/ but types', () => {
    const dir = join(ROOT, 'src/write');
    const offending: string[] = [];
    let emitImports = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts')).sort()) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/^(import|export)\b([^;]*?)from '(\.\.\/emit\/[^']+)';/gms)) {
        emitImports++;
        if (!/^\s+type\b/.test(m[2]!)) offending.push(`${f}: ${m[0].replace(/\s+/g, ' ')}`);
      }
      expect(text, `${f}: a dynamic import of emit/`).not.toMatch(/import\(\s*'\.\.\/emit\//);
    }
    expect(offending).toEqual([]);
    // The pattern does find them (the files import GeneratedFile's type).
    expect(emitImports).toBeGreaterThan(0);
  });
});
