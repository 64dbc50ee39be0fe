import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFile, SKIPPED_FILES, suiteFiles, type Draft, type FileResult } from './suite.js';

const require = createRequire(import.meta.url);
const DRAFT4 = join(dirname(require.resolve('json-schema-test-suite/package.json')), 'tests/draft4');

/**
 * The official JSON Schema Test Suite through the generated validators: 100% of the runnable tests of each
 * keyword file must pass; what is skipped is listed with its reason in SKIPPED_FILES / UNSUPPORTED / the group
 * table. Files under optional/format/ of the 2020-12 suite test format edge cases (IDN, quoted e-mail local
 * parts…) beyond our pragmatic format checks: their pass rate is recorded, not required.
 * The npm package carries draft-04; the 2020-12 tests run too when JSON_SCHEMA_SUITE_2020_12 names their
 * folder (`npm run conformance` does: ../shared/data/json-schema-test-suite/tests/draft2020-12).
 * CONFORMANCE_REPORT=<file> writes the per-file figures as JSON (from which that script makes docs/conformance.md).
 */
function suite(draft: Draft, root: string): void {
  describe(`JSON Schema Test Suite, ${draft}`, () => {
    const results: FileResult[] = [];
    for (const file of suiteFiles(root)) {
      const skip = SKIPPED_FILES[draft][file];
      if (skip) continue;
      const recordedOnly = file.startsWith('optional/format/');
      it(file, async () => {
        const r = await runFile(root, file, draft);
        results.push(r);
        if (!recordedOnly) expect(r.failed).toEqual([]);
        expect(r.passed + r.failed.length + r.skipped.length).toBeGreaterThan(0);
      });
    }
    afterAll(() => {
      const report = process.env.CONFORMANCE_REPORT;
      if (report) writeFileSync(`${report}.${draft}.json`, JSON.stringify({ draft, skippedFiles: SKIPPED_FILES[draft], results }, null, 2));
    });
  });
}

suite('draft4', DRAFT4);
const dir2020 = process.env.JSON_SCHEMA_SUITE_2020_12;
if (dir2020) suite('draft2020-12', dir2020);
