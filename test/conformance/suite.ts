import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validatorsOf } from '../helpers/generated.js';

/** One test file of the JSON Schema Test Suite: groups of { description, schema, tests: [{ description, data, valid }] }. */
interface Group {
  description: string;
  schema: unknown;
  tests: Array<{ description: string; data: unknown; valid: boolean }>;
}

export type Draft = 'draft4' | 'draft2020-12';

export interface FileResult {
  file: string;
  passed: number;
  failed: Array<{ group: string; test: string; expected: boolean }>;
  skipped: Array<{ group: string; reason: string; tests: number }>;
}

/** Keywords the IR does not carry; a group using one is skipped, with this reason. */
export const UNSUPPORTED: Record<string, string> = {
  dependencies: 'not in the IR (rare in OpenAPI)',
  $id: 'scope changes by $id are not supported: refs are JSON pointers',
  id: 'scope changes by id are not supported: refs are JSON pointers',
  $anchor: '$anchor is not supported: refs are JSON pointers',
  $dynamicRef: '$dynamicRef is not supported',
  $dynamicAnchor: '$dynamicRef is not supported',
  $recursiveRef: '$recursiveRef is not supported',
  $vocabulary: 'meta-schema vocabularies are not supported',
};

/** Whole files left out, with the reason. */
export const SKIPPED_FILES: Record<Draft, Record<string, string>> = {
  draft4: {
    'refRemote.json': 'remote $refs are refused by policy (SF2004)',
    'definitions.json': 'validates against the draft-04 meta-schema by remote $ref',
    'optional/zeroTerminatedFloats.json': 'draft-04 only: 2020-12 (and OpenAPI 3.1) count 1.0 as an integer',
    'optional/bignum.json': 'integers beyond 2^53 are not exact in JavaScript numbers',
  },
  'draft2020-12': {
    'refRemote.json': 'remote $refs are refused by policy (SF2004)',
    'dynamicRef.json': '$dynamicRef is not supported',
    'format.json': 'format is asserted (the OpenAPI convention), not an annotation; optional/format/ holds the assertion tests',
    'vocabulary.json': 'meta-schema vocabularies are not supported',
    'defs.json': 'validates against the 2020-12 meta-schema by remote $ref',
    'optional/bignum.json': 'integers beyond 2^53 are not exact in JavaScript numbers',
    'optional/ecmascript-regex.json': 'covered in part; ECMAScript-vs-JSON-Schema regex edge cases',
    'optional/refOfUnknownKeyword.json': 'refs into unknown keywords are not supported',
    'optional/cross-draft.json': 'cross-draft meta-schemas are not supported',
    'optional/float-overflow.json': 'JavaScript numbers overflow to Infinity',
    'optional/dependencies-compatibility.json': 'dependencies is not in the IR',
    'optional/format-assertion.json': 'meta-schema vocabularies are not supported',
    'optional/unknownKeyword.json': '$id-scoped refs are not supported',
    'optional/anchor.json': '$anchor is not supported',
    'optional/id.json': '$id is not supported',
    'optional/no-schema.json': 'meta-schema handling is not supported',
  },
};

/** Groups whose meaning differs between the draft the test was written for and 2020-12. */
const SKIPPED_GROUPS: Record<string, string> = {
  'ref overrides any sibling keywords': 'draft-04 ignored keywords beside $ref; 2020-12 applies them',
  'remote ref, containing refs itself': 'remote $refs are refused by policy',
  'Recursive references between schemas': '$id-scoped refs are not supported',
  'Location-independent identifier': '$id/$anchor refs are not supported',
  'refs with relative uris and defs': '$id-scoped refs are not supported',
  'relative refs with absolute uris and defs': '$id-scoped refs are not supported',
  '$id must be resolved against nearest parent, not just immediate parent': '$id-scoped refs are not supported',
  'order of evaluation: $id and $ref': '$id-scoped refs are not supported',
  'order of evaluation: $id and $anchor and $ref': '$id-scoped refs are not supported',
  'simple URN base URI with $ref via the URN': 'URN refs are not supported',
  'URN base URI with NSS': 'URN refs are not supported',
  'ref with absolute-path-reference': '$id-scoped refs are not supported',
  '$id with file URI still resolves pointers - *nix': '$id-scoped refs are not supported',
  '$id with file URI still resolves pointers - windows': '$id-scoped refs are not supported',
  'empty tokens in $ref json-pointer': '$defs with an empty key is not a valid component name',
  'refs with quote': 'property names with quotes inside $defs keys are not valid component names',
  'naive replacement of $ref with its destination is not correct': '$ref-as-data edge case',
  '$ref prevents a sibling id from changing the base uri': '$id-scoped refs are not supported',
  'ref creates new scope when adjacent to keywords': '$id-scoped refs are not supported',
  'remote ref': 'remote $refs are refused by policy',
  'Reference an anchor with a non-relative URI': '$anchor is not supported',
  'refs to future drafts are processed as future drafts': 'remote $refs are refused by policy',
  'refs to historic drafts are processed as historic drafts': 'remote $refs are refused by policy',
  'validation of binary string-encoding': 'contentEncoding is an annotation',
  'validation of binary-encoded media type documents': 'contentMediaType is an annotation',
  'validation of string-encoded content based on media type': 'contentMediaType is an annotation',
};

/** Single tests whose expectation changed between drafts. */
const SKIPPED_TESTS: Record<string, string> = {
  'a valid protocol-relative URI': 'draft-04 expectation, reversed in later drafts (an RFC 3986 URI has a scheme)',
};

/** Keys a schema uses as keywords (not names inside properties/$defs maps, not data inside enum/const). */
function keywordsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object') return out;
  if (Array.isArray(schema)) {
    for (const s of schema) keywordsOf(s, out);
    return out;
  }
  for (const [k, v] of Object.entries(schema)) {
    out.add(k);
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') continue;
    if (['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'].includes(k) && v && typeof v === 'object') {
      for (const sub of Object.values(v)) keywordsOf(sub, out);
    } else keywordsOf(v, out);
  }
  return out;
}

/** A draft's schema in the 2020-12 / OpenAPI 3.1 shape, with refs re-rooted under the component. */
function convert(schema: unknown, base: string, draft: Draft): unknown {
  if (schema === null || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((s) => convert(s, base, draft));
  const out: Record<string, unknown> = {};
  const src = schema as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples') out[k] = v;
    else if (k === '$ref' && typeof v === 'string' && v.startsWith('#')) {
      // Draft-04 tuples became prefixItems.
      const rest = draft === 'draft4' ? v.slice(1).replace(/\/items\/(\d+)/g, '/prefixItems/$1') : v.slice(1);
      out[k] = base + rest;
    }
    else if (['properties', 'patternProperties', '$defs', 'definitions'].includes(k) && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([name, s]) => [name, convert(s, base, draft)]));
    } else out[k] = convert(v, base, draft);
  }
  if (draft === 'draft4') {
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof out[flag] === 'boolean') {
        if (out[flag] === true) out[flag] = out[bound];
        else delete out[flag];
        if (out[flag] !== undefined) delete out[bound];
      }
    }
    if (Array.isArray(out.items)) {
      out.prefixItems = out.items;
      delete out.items;
      if ('additionalItems' in out) out.items = out.additionalItems;
      delete out.additionalItems;
    } else delete out.additionalItems;
  }
  return out;
}

/** Runs one suite file: every group becomes a component schema of one OpenAPI 3.1 document. */
export async function runFile(root: string, relative: string, draft: Draft): Promise<FileResult> {
  const groups = JSON.parse(readFileSync(join(root, relative), 'utf8')) as Group[];
  const result: FileResult = { file: relative, passed: 0, failed: [], skipped: [] };
  const schemas: Record<string, unknown> = {};
  const runnable: Array<[string, Group]> = [];
  groups.forEach((g, i) => {
    const unsupported = [...keywordsOf(g.schema)].find((k) => k in UNSUPPORTED);
    const reason = SKIPPED_GROUPS[g.description] ?? (unsupported ? `${unsupported}: ${UNSUPPORTED[unsupported]}` : undefined);
    if (reason) {
      result.skipped.push({ group: g.description, reason, tests: g.tests.length });
      return;
    }
    const name = `S${i}`;
    schemas[name] = convert(g.schema, `#/components/schemas/${name}`, draft);
    runnable.push([name, g]);
  });
  if (runnable.length === 0) return result;
  const doc = { openapi: '3.1.0', info: { title: basename(relative), version: '1' }, paths: {}, components: { schemas } };
  const v = await validatorsOf(doc);
  for (const [name, g] of runnable) {
    const validator = v[name];
    for (const t of g.tests) {
      const skip = SKIPPED_TESTS[t.description];
      if (skip) {
        result.skipped.push({ group: `${g.description}: ${t.description}`, reason: skip, tests: 1 });
        continue;
      }
      const ok = validator.validate(t.data).ok === t.valid && validator.is(t.data) === t.valid;
      if (ok) result.passed++;
      else result.failed.push({ group: g.description, test: t.description, expected: t.valid });
    }
  }
  return result;
}

/** The suite's test files of a draft folder, relative (`optional/format.json` included). */
export function suiteFiles(root: string): string[] {
  const top = readdirSync(root).filter((f) => f.endsWith('.json')).sort();
  let optional: string[] = [];
  try {
    optional = readdirSync(join(root, 'optional')).filter((f) => f.endsWith('.json')).sort().map((f) => `optional/${f}`);
  } catch {
    // no optional folder
  }
  let formats: string[] = [];
  try {
    formats = readdirSync(join(root, 'optional/format')).filter((f) => f.endsWith('.json')).sort().map((f) => `optional/format/${f}`);
  } catch {
    // no format folder
  }
  return [...top, ...optional, ...formats];
}
