// Generated files as ES modules in a temp folder (types stripped; `runtime/` beside them), for benches that run
// the generated code in this process.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/** Writes `files` ({ path, content }) as `.js` modules in a new folder (a `"type": "module"` package); returns it. */
export function transpiledFolder(files, prefix = 'specforge-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const f of files) {
    const out = join(dir, f.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, ts.transpileModule(f.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
  }
  return dir;
}
