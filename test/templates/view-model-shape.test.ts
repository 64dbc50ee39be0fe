import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// The view-models are public API: user templates are written against them. Their declared shape (as the
// compiler emits it into dist/*.d.ts) is pinned here, so that any change to a field shows up in review as a
// diff of test/templates/view-models.d.ts.txt. UPDATE_GOLDEN=1 rewrites it after an intended change.
const FILES = ['emit/shared.d.ts', 'emit/types/view-model.d.ts', 'emit/validators/view-model.d.ts', 'emit/client/view-model.d.ts', 'emit/server/view-model.d.ts', 'emit/query/view-model.d.ts', 'emit/mocks/view-model.d.ts'];
const GOLDEN = join(ROOT, 'test/templates/view-models.d.ts.txt');

describe('view-model types (public API)', () => {
  it('match the pinned shape', () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const parts: string[] = [];
    for (const f of FILES) {
      const source = project.createSourceFile(f, readFileSync(join(ROOT, 'dist', f), 'utf8'));
      const views = source.getInterfaces().filter((i) => i.isExported() && i.getName().endsWith('View'));
      parts.push(`// ${f}`, ...views.map((i) => i.getText()));
    }
    const shape = parts.join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, shape);
    expect(shape).toBe(readFileSync(GOLDEN, 'utf8'));
    // Every pinned view-model is exported from the package.
    const index = readFileSync(join(ROOT, 'dist/index.d.ts'), 'utf8');
    for (const name of shape.matchAll(/export interface (\w+View)\b/g)) expect(index).toContain(name[1]);
  });
});
