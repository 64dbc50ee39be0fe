#!/usr/bin/env node
// Build step after tsc: the `specforge` bin as one ES module (dist/cli/main.js, replacing tsc's), with yargs,
// Handlebars and the rest of specforge's own code inside it. Loading one file instead of about a hundred
// modules is what makes `npx specforge` start about 130 ms sooner. The library (dist/index.js) stays as tsc
// wrote it. Left outside: Node's modules; what is loaded on demand (ts-morph, prettier, yaml, Handlebars'
// compiler, the validation worker's swagger-parser schemas and ajv). Of Handlebars, only its runtime is inside:
// the built-in templates come compiled (precompiled.js), so the compiler is needed for overrides alone.
import { rolldown } from 'rolldown';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const bundle = await rolldown({
  input: entry,
  platform: 'node',
  external: [/^node:/, 'ts-morph', 'prettier', 'yaml'],
  logLevel: 'warn',
});
const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
await bundle.close();
if (output.length !== 1) throw new Error(`expected one bundle file, got ${output.map((o) => o.fileName).join(', ')}`);
// tsc's shebang is kept by the bundler at the top of the file.
const code = output[0].code;
writeFileSync(entry, code.startsWith('#!') ? code : `#!/usr/bin/env node\n${code}`);
process.stdout.write(`bundled dist/cli/main.js (${(Buffer.byteLength(code) / 1024).toFixed(0)} KiB)\n`);

// The `yaml` package as one CommonJS file (dist/vendor/yaml.cjs), which src/parse/yaml.ts loads on first use in
// place of the package's forty-odd modules (about 20 ms sooner, for every YAML spec).
const yamlBundle = await rolldown({ input: 'yaml', platform: 'node', logLevel: 'warn' });
const yamlOut = (await yamlBundle.generate({ format: 'cjs', codeSplitting: false })).output;
await yamlBundle.close();
if (yamlOut.length !== 1) throw new Error(`expected one yaml bundle file, got ${yamlOut.map((o) => o.fileName).join(', ')}`);
const vendor = fileURLToPath(new URL('../dist/vendor/', import.meta.url));
mkdirSync(vendor, { recursive: true });
writeFileSync(vendor + 'yaml.cjs', yamlOut[0].code);
process.stdout.write(`bundled dist/vendor/yaml.cjs (${(Buffer.byteLength(yamlOut[0].code) / 1024).toFixed(0)} KiB)\n`);
