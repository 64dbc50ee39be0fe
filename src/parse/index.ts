import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/locate.js';
import { bundle, type Origin } from './bundle.js';
import { fetchSource } from './fetch.js';
import { loadAgain, validateAndKeep, type ParseCache } from './incremental.js';
import { isRemote, loadFileGraph, type RefPolicy } from './load.js';
import { readSource, type SourceFile } from './read.js';
import { isObject } from './schema-positions.js';
import { LIMITS } from './limits.js';
import { join as joinPointer } from '../diagnostics/pointer.js';
import { upgradeTo31 } from './upgrade.js';
import { upgradeSwagger2 } from './swagger2/index.js';
import { startValidation, startValidationWorker } from './validate.js';

export type { RefPolicy } from './load.js';
export type { SourceFile } from './read.js';
export type { Origin } from './bundle.js';
export { prepareForEdits, type ParseCache } from './incremental.js';

export interface LoadOptions {
  /** Where external `$ref`s may point (default: the root spec's folder only, no remote refs). */
  refs?: Partial<RefPolicy>;
  /** Largest file read (the root or a `$ref`'d one), in bytes; default `LIMITS.maxDocumentBytes` (64 MiB). */
  maxDocumentBytes?: number;
  /** Validate against the OpenAPI schema (in a worker thread). Default true. */
  validate?: boolean;
  /**
   * What the last load of the same spec left (`--watch`): a single JSON file that is unchanged is not read
   * again, and one that was edited is parsed and validated again only where it changed (parse/incremental.ts).
   */
  cache?: ParseCache;
}

/** A spec ready for the IR builder: one bundled document in the 3.1 shape, plus what is needed to report on it. */
export interface LoadedSpec {
  /** The bundled document, upgraded to the OpenAPI 3.1 shape. */
  document: Record<string, unknown>;
  /** The `openapi` version the document declared. */
  openapiVersion: string;
  rootPath: string;
  files: ReadonlyMap<string, SourceFile>;
  origins: readonly Origin[];
  /** Schema validation, running in a worker thread; resolves with its diagnostics. */
  validation: Promise<Diagnostic[]>;
  /** A Swagger 2.0 spec: the pointer into the 2.0 document of a pointer into `document` (see `withPosition`). */
  sourcePointer?: (pointer: string) => string;
}

/**
 * Reads a spec (a path, or an already-parsed document), loads every file its `$ref`s reach within the policy,
 * bundles them into one document (refs stay refs), starts schema validation in a worker thread, and upgrades
 * 3.0 to the 3.1 shape. Throws DiagnosticError (with positions) on input it cannot go on with.
 */
export async function loadSpec(input: string | URL | object, options: LoadOptions = {}): Promise<LoadedSpec> {
  const maxBytes = options.maxDocumentBytes ?? LIMITS.maxDocumentBytes;
  if (options.cache) {
    // The warm path (parse/incremental.ts): what the last load of this spec kept, when it can serve.
    const again = await loadAgain(input, options.cache, options, maxBytes);
    if (again) return positioned(again);
  }
  if (options.validate !== false) startValidationWorker();
  const root: SourceFile =
    typeof input === 'string' || input instanceof URL
      ? await readRoot(input, options.refs?.allowRemoteRefs ?? false, maxBytes)
      : fromObject(input);
  const files = new Map<string, SourceFile>([[root.path, root]]);
  try {
    const openapiVersion = checkRoot(root);
    const graph = await loadFileGraph(root, {
      allowedDirs: (options.refs?.allowedDirs ?? []).map((d) => resolvePath(d)),
      allowRemoteRefs: options.refs?.allowRemoteRefs ?? false,
      maxDocumentBytes: maxBytes,
    });
    for (const [k, v] of graph.files) files.set(k, v);
    const { document, origins } = bundle(graph);
    // One JSON file: the worker parses the bytes as read (handed over, not copied); else the bundled document.
    const single = graph.files.size === 1 && root.format === 'json';
    const swagger = openapiVersion === '2.0';
    let validation: Promise<Diagnostic[]> = Promise.resolve([]);
    if (options.validate !== false) {
      // With a cache, kept for the next load when it can build on it (parse/incremental.ts); a 2.0 spec is read
      // whole each time (its edits would be edits of the 2.0 text, not of the 3.1 form the IR reads).
      const kept = !swagger && options.cache ? validateAndKeep(options.cache, root, document, openapiVersion, single) : undefined;
      validation = kept ?? startValidation(single ? (root.bytes ?? root.text) : JSON.stringify(document));
    }
    for (const f of files.values()) f.bytes = undefined;
    if (swagger) {
      // The IR reads the 3.1 form; validation and the upgrade's warnings speak of the 2.0 document.
      const upgraded = upgradeSwagger2(document);
      const spec: LoadedSpec = { document: upgraded.document, openapiVersion, rootPath: root.path, files, origins, validation, sourcePointer: upgraded.original };
      spec.validation = validation.then((ds) => [...ds, ...upgraded.diagnostics].map((d) => withPosition(d, { ...spec, sourcePointer: undefined })));
      return spec;
    }
    upgradeTo31(document);
    return positioned({ document, openapiVersion, rootPath: root.path, files, origins, validation });
  } catch (e) {
    if (e instanceof DiagnosticError) {
      const spec = { rootPath: root.path, files, origins: [] };
      throw new DiagnosticError(e.diagnostics.map((d) => withPosition(d, spec)));
    }
    throw e;
  }
}

/** The spec, with positions added to its validation's diagnostics as they come. */
function positioned(spec: LoadedSpec): LoadedSpec {
  const validation = spec.validation;
  spec.validation = validation.then((ds) => ds.map((d) => withPosition(d, spec)));
  return spec;
}

/**
 * An already-parsed document as the root "file". It must be JSON data within the nesting limit: a document
 * nested deeper would overflow the recursion of serialisation (SF1009 at the pointer where it passes the
 * limit, found without recursion), and one with a cycle or a BigInt is not JSON (SF1004).
 */
function fromObject(input: object): SourceFile {
  const stack: Array<[unknown, string[]]> = [[input, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (path.length > LIMITS.maxDepth) {
      throw new DiagnosticError([diagnostic('SF1009', `nesting is deeper than ${LIMITS.maxDepth} levels`, joinPointer('', ...path))]);
    }
    for (const k of Object.keys(v)) stack.push([(v as Record<string, unknown>)[k], [...path, k]]);
  }
  let text: string;
  try {
    text = JSON.stringify(input);
  } catch (e) {
    throw new DiagnosticError([diagnostic('SF1004', `the document object is not JSON data: ${(e as Error).message}`, '')]);
  }
  return { path: '<memory>', text, format: 'json', value: JSON.parse(text) as unknown };
}

/** The root file: a path or `file:` URL is read; an `http(s)` URL is fetched only when remote refs are allowed. */
async function readRoot(input: string | URL, allowRemote: boolean, maxBytes: number): Promise<SourceFile> {
  const href = input instanceof URL ? input.href : input;
  if (href.startsWith('file:')) return readSource(fileURLToPath(href), '', maxBytes);
  if (!isRemote(href)) return readSource(resolvePath(href), '', maxBytes);
  if (!allowRemote) {
    throw new DiagnosticError([diagnostic('SF2004', `remote input ${href} refused: allow it with allowRemoteRefs (--allow-remote-refs)`, '')]);
  }
  return fetchSource(href, 'SF1001', maxBytes);
}

function checkRoot(root: SourceFile): string {
  const doc = root.value;
  if (!isObject(doc)) throw new DiagnosticError([diagnostic('SF1004', 'the document root must be an object', '')]);
  if ('swagger' in doc) {
    if (doc.swagger === '2.0') return '2.0';
    if (doc.swagger === 2) throw new DiagnosticError([diagnostic('SF1006', "'swagger' must be the string \"2.0\" (in YAML, quote it: swagger: '2.0')", '/swagger')]);
    throw new DiagnosticError([diagnostic('SF1006', `Swagger version ${JSON.stringify(doc.swagger)} is not supported (2.0 is, and OpenAPI 3.0.x and 3.1.x)`, '/swagger')]);
  }
  if ('swaggerVersion' in doc) throw new DiagnosticError([diagnostic('SF1006', `Swagger ${JSON.stringify(doc.swaggerVersion)} is not supported (Swagger 2.0 is, and OpenAPI 3.0.x and 3.1.x)`, '/swaggerVersion')]);
  if (!('openapi' in doc)) throw new DiagnosticError([diagnostic('SF1005', "the document has no 'openapi' field", '')]);
  const v = doc.openapi;
  if (typeof v !== 'string' || !/^3\.[01]\.\d+/.test(v)) {
    throw new DiagnosticError([diagnostic('SF1006', `OpenAPI version ${JSON.stringify(v)} is not supported (3.0.x and 3.1.x are)`, '/openapi')]);
  }
  return v;
}

/**
 * Fills in file, line and column for a diagnostic whose pointer is into the bundled document: the part that came
 * from another file is located in that file.
 */
export function withPosition(
  d: Diagnostic,
  spec: { rootPath: string; files: ReadonlyMap<string, SourceFile>; origins: readonly Origin[]; sourcePointer?: ((pointer: string) => string) | undefined },
): Diagnostic {
  if (d.line !== undefined) return d.file === undefined ? { ...d, file: spec.rootPath } : d;
  // A Swagger 2.0 spec: the pointer is said in the 2.0 document, as written.
  if (spec.sourcePointer) d = { ...d, pointer: spec.sourcePointer(d.pointer) };
  let file = d.file ?? spec.rootPath;
  let pointer = d.pointer;
  if (d.file === undefined) {
    const origin = spec.origins.find((o) => d.pointer === o.pointer || d.pointer.startsWith(o.pointer + '/'));
    if (origin) {
      file = origin.file;
      pointer = origin.filePointer + d.pointer.slice(origin.pointer.length);
    }
  }
  const source = spec.files.get(file);
  const out: Diagnostic = { ...d, file };
  if (source && source.text !== '') {
    const pos = locate(source.text, source.format, pointer);
    if (pos) {
      out.line = pos.line;
      out.column = pos.column;
    }
  }
  return out;
}
