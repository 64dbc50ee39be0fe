import { describe, expect, it } from 'vitest';
import { generate } from '../../dist/index.js';
import { tempDir } from '../helpers/cli.js';
import { FEATURE_SPECS, kubernetesSpec, oasExamples } from '../helpers/swagger2.js';
import { typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

// Issue 25: Swagger 2.0 specs generate every target (types, validators, client, server), and the output
// type-checks under strict (bundler) and the strictest flags (nodenext), as the 3.x specs' does.
async function allTargets(file: string) {
  const r = await generate({ input: file, write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const f of ['types.ts', 'validators.ts', 'client.ts', 'server.ts', 'server-node.ts']) expect(r.files.map((x) => x.path)).toContain(f);
  return writeFiles(tempDir(), r.files);
}

describe('Swagger 2.0 specs: every target type-checks', () => {
  // The newest (and largest, 4.2 MB) of the four: the older ones differ in the resources they have, not in kind.
  it("Kubernetes 1.13: strict and strictest", async () => {
    const paths = await allTargets(kubernetesSpec('1.13'));
    for (const resolution of ['bundler', 'strictest'] as Resolution[]) expect(typecheck(paths, resolution), resolution).toEqual([]);
  }, 300_000); // 77 s in a whole `npm test` on the shared 2-core machine: two full type-checks of 4 MB of output

  it('the @readme/oas-examples 2.0 specs and specs/swagger2: strict and strictest', async () => {
    const paths: string[] = [];
    for (const file of [...Object.values(oasExamples()).filter((f) => f.endsWith('.json')), ...Object.values(FEATURE_SPECS)]) {
      const files = await allTargets(file);
      paths.push(...files.filter((f) => f.endsWith('.ts')));
    }
    for (const resolution of ['bundler', 'strictest'] as Resolution[]) expect(typecheck(paths, resolution), resolution).toEqual([]);
  }, 300_000);
});
