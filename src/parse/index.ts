import { isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { locate } from '../diagnostics/locate.js';
import { bundle, type Origin } from './bundle.js';
import { fetchSource } from './fetch.js';
import { isRemote, loadFileGraph, mayHaveExternalRefs, type RefPolicy } from './load.js';
import { readBytes, readSource, withoutBom, type SourceFile } from './read.js';
import { prepareIndex, spliceJson, type JsonState, type Splice } from './json-splice.js';
import { isObject } from './schema-positions.js';
import { LIMITS } from './limits.js';
import { join as joinPointer } from '../diagnostics/pointer.js';
import { upgradeAt, upgradeTo31 } from './upgrade.js';
import { upgradeSwagger2 } from './swagger2/index.js';
import { prepareKept, startValidation, startValidationWorker, validateKept, type KeptValidation } from './validate.js';

export type { RefPolicy } from './load.js';
export type { SourceFile } from './read.js';
export type { Origin } from './bundle.js';

export interface LoadOptions {
  /** Where external `$ref`s may point (default: the root spec's folder only, no remote refs). */
  refs?: Partial<RefPolicy>;
  /** Largest file read (the root or a `$ref`'d one), in bytes; default `LIMITS.maxDocumentBytes` (64 MiB). */
  maxDocumentBytes?: number;
  /** Validate against the OpenAPI schema (in a worker thread). Default true. */
  validate?: boolean;
  /**
   * What the last load of the same spec left (`--watch`): a single JSON file that is unchanged is not read
   * again, and one that was edited is parsed and validated again only where it changed (see json-splice.ts).
   */
  cache?: ParseCache;
}

/** State kept between loads of one spec (create it as `{}`; it is filled and used by `loadSpec`). */
export interface ParseCache {
  root?: {
    path: string;
    /** The file's bytes and the upgraded document (with the bytes' index for the next splice). */
    json: JsonState;
    openapiVersion: string;
    /** The validation of this version: the worker's version of it, and its diagnostics (without positions). */
    validation: Promise<KeptValidation>;
  };
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
  if (options.cache && typeof input === 'string' && !isRemote(input) && !input.startsWith('file:') && options.validate !== false) {
    const again = await loadAgain(resolvePath(input), options.cache, maxBytes);
    if (again) return again;
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
    const validationInput = single ? (root.bytes ?? root.text) : JSON.stringify(document);
    const swagger = openapiVersion === '2.0';
    const cacheable = !swagger && options.cache !== undefined && single && isAbsolute(root.path) && !mayHaveExternalRefs(root.text) && options.validate !== false;
    let validation: Promise<Diagnostic[]>;
    if (cacheable && root.bytes) {
      // Kept for the next load: the worker keeps its document too (sent as text: the bytes stay here).
      const kept = validateKept(root.path, () => root.text);
      options.cache!.root = { path: root.path, json: { bytes: root.bytes, value: document }, openapiVersion, validation: kept };
      validation = kept.then((k) => k.diagnostics);
    } else {
      validation = options.validate === false ? Promise.resolve([]) : startValidation(validationInput);
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
    const spec: LoadedSpec = { document, openapiVersion, rootPath: root.path, files, origins, validation };
    spec.validation = validation.then((ds) => ds.map((d) => withPosition(d, spec)));
    return spec;
  } catch (e) {
    if (e instanceof DiagnosticError) {
      const spec = { rootPath: root.path, files, origins: [] };
      throw new DiagnosticError(e.diagnostics.map((d) => withPosition(d, spec)));
    }
    throw e;
  }
}

/**
 * A load of the spec the cache has a version of, when it can be done from that version: the same bytes (the
 * kept document and validation), or an edit that `spliceJson` can put into the kept document. Undefined when it
 * cannot (another file, YAML, an edit of the root object, a new external `$ref`): then the spec is loaded whole.
 */
async function loadAgain(path: string, cache: ParseCache, maxBytes: number): Promise<LoadedSpec | undefined> {
  const prev = cache.root;
  if (!prev || prev.path !== path) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readBytes(path, '', maxBytes);
  } catch {
    return undefined; // the whole load reports it
  }
  let json = prev.json;
  let validation = prev.validation;
  let splice: SpliceableEdit | undefined;
  if (!bytes.equals(prev.json.bytes)) {
    const read = await readSpliceable(path, prev.json, bytes, maxBytes);
    if (!read) return undefined;
    ({ bytes, splice } = read);
  }
  const decoded = lazyText(bytes);
  if (splice) {
    upgradeAt(splice.value, splice.path);
    json = splice.state;
    const base = (await prev.validation).version;
    validation = validateKept(path, decoded, base === undefined ? undefined : { base, path: [...splice.path], text: splice.valueText });
    cache.root = { path, json, openapiVersion: prev.openapiVersion, validation };
  }
  const document = json.value as Record<string, unknown>;
  // The text is decoded only if something needs it (a diagnostic's line and column).
  const root = { path, format: 'json', value: document } as SourceFile;
  Object.defineProperty(root, 'text', { get: decoded, enumerable: true });
  const files = new Map<string, SourceFile>([[path, root]]);
  const spec: LoadedSpec = { document, openapiVersion: prev.openapiVersion, rootPath: path, files, origins: [], validation: Promise.resolve([]) };
  spec.validation = validation.then((k) => k.diagnostics.map((d) => withPosition(d, spec)));
  return spec;
}

/** How often, and how far apart, a spec that reads as an edit that cannot be spliced is read again (see `loadAgain`). */
const REREADS = 5;
const REREAD_MS = 25;

type SpliceableEdit = Splice & { value: Record<string, unknown> };

/** The splice of an edit into the kept document, when it is one `loadAgain` can use. */
function spliceable(previous: JsonState, bytes: Buffer): SpliceableEdit | undefined {
  const splice = spliceJson(previous, bytes);
  if (!splice || splice.path.length === 0 || !isObject(splice.value) || mayHaveExternalRefs(splice.valueText)) return undefined;
  return splice as SpliceableEdit;
}

/**
 * The bytes of an edited spec and their splice, or undefined when the edit cannot be spliced. A file that an
 * editor is still writing in place (truncated, then written in pieces) reads short, and a short read cannot be
 * spliced: it is read again while it keeps changing, so that a save of a 13 MB spec that takes longer than the
 * watcher's debounce is not loaded whole (about 0.5 s instead of 0.05 s).
 */
async function readSpliceable(path: string, previous: JsonState, bytes: Buffer, maxBytes: number): Promise<{ bytes: Buffer; splice: SpliceableEdit } | undefined> {
  let splice = spliceable(previous, bytes);
  for (let tries = 0; !splice && tries < REREADS; tries++) {
    await new Promise((r) => setTimeout(r, REREAD_MS));
    let again: Buffer;
    try {
      again = await readBytes(path, '', maxBytes);
    } catch {
      return undefined;
    }
    if (again.equals(bytes)) return undefined; // it has stopped changing: the edit itself cannot be spliced
    bytes = again;
    splice = spliceable(previous, bytes);
  }
  return splice && { bytes, splice };
}

/**
 * Work for the next load done ahead, while nothing else runs (`--watch` calls it after a run): the index of the
 * kept JSON text that an edit's splice needs (about 0.1 s for a 13 MB spec), and, in the worker, the validators
 * of the OpenAPI schema's parts that an edit's check needs.
 */
export function prepareForEdits(cache: ParseCache): void {
  const root = cache.root;
  if (!root) return;
  prepareIndex(root.json);
  prepareKept(root.path);
}

/** The text of a file's bytes, decoded on first use. */
function lazyText(bytes: Buffer): () => string {
  let text: string | undefined;
  return () => (text ??= withoutBom(bytes.toString('utf8')));
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
