import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ROOT, tempDir } from './cli.js';

const require = createRequire(import.meta.url);

/** The small feature specs of specs/swagger2/, one per conversion rule (a multi-file one in its own folder). */
export const FEATURE_SPECS: Record<string, string> = Object.fromEntries([
  ...readdirSync(join(ROOT, 'specs/swagger2'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f.replace(/\.yaml$/, ''), join(ROOT, 'specs/swagger2', f)]),
  ['external', join(ROOT, 'specs/swagger2/external/swagger.yaml')],
]);

/** Kubernetes' API, as kubernetes-client@9 ships it (gzipped Swagger 2.0, 3.6 to 4.2 MB). */
export const KUBERNETES_VERSIONS = ['1.10', '1.11', '1.12', '1.13'] as const;

let kubeDir: string | undefined;

/** Kubernetes' spec of a version, gunzipped (at test time, into a temp folder) from its npm package. */
export function kubernetesSpec(version: (typeof KUBERNETES_VERSIONS)[number] = '1.13'): string {
  kubeDir ??= tempDir('specforge-kube-');
  const file = join(kubeDir, `kubernetes-${version}.json`);
  const gz = require.resolve(`kubernetes-client/lib/specs/swagger-${version}.json.gz`);
  writeFileSync(file, gunzipSync(readFileSync(gz)));
  return file;
}

/** The Swagger 2.0 examples of @readme/oas-examples (petstore variants, a circular schema), JSON and YAML. */
export function oasExamples(): Record<string, string> {
  const dir = dirname(require.resolve('@readme/oas-examples/2.0/json/petstore.json'));
  const out: Record<string, string> = {};
  for (const format of ['json', 'yaml']) {
    const d = join(dir, '..', format);
    for (const f of readdirSync(d).sort()) out[`oas-examples ${format}/${basename(f)}`] = join(d, f);
  }
  return out;
}

/** Every real and feature 2.0 spec of the test set, by name. */
export function swagger2Specs(): Record<string, string> {
  const specs: Record<string, string> = {};
  for (const [name, file] of Object.entries(FEATURE_SPECS)) specs[`specs/swagger2 ${name}`] = file;
  for (const v of KUBERNETES_VERSIONS) specs[`kubernetes ${v}`] = kubernetesSpec(v);
  Object.assign(specs, oasExamples());
  return specs;
}
