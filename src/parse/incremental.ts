/**
 * The warm path of `loadSpec` (`--watch`, or a library caller that passes a `ParseCache`): what a load keeps for
 * the next load of the same spec, and that next load. The cold path (parse/index.ts) calls in here twice: first
 * `loadAgain`, which answers when the kept version can serve; then, after a whole load, `validateAndKeep`.
 * Only a single JSON file without external refs is kept: the same bytes reuse the last document and validation;
 * an edit is spliced into the kept document (json-splice.ts), upgraded where it landed (`upgradeAt`), and
 * validated in the worker as an edit (validate.ts). Everything else loads whole.
 */
import { isAbsolute, resolve as resolvePath } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { LoadedSpec, LoadOptions } from './index.js';
import { prepareIndex, spliceJson, type JsonState, type Splice } from './json-splice.js';
import { isRemote, mayHaveExternalRefs } from './load.js';
import { readBytes, withoutBom, type SourceFile } from './read.js';
import { isObject } from './schema-positions.js';
import { upgradeAt } from './upgrade.js';
import { prepareKept, validateKept, type KeptValidation } from './validate.js';

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

/**
 * A load of the spec the cache has a version of, when it can be done from that version: the same bytes (the
 * kept document and validation), or an edit that `spliceJson` can put into the kept document. Undefined when it
 * cannot (another file, YAML, a URL, no validation, an edit of the root object, a new external `$ref`):
 * then the spec is loaded whole. The validation's diagnostics come without positions (the caller adds them).
 */
export async function loadAgain(input: string | URL | object, cache: ParseCache, options: LoadOptions, maxBytes: number): Promise<LoadedSpec | undefined> {
  if (typeof input !== 'string' || isRemote(input) || input.startsWith('file:') || options.validate === false) return undefined;
  const path = resolvePath(input);
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
  return { document, openapiVersion: prev.openapiVersion, rootPath: path, files, origins: [], validation: validation.then((k) => k.diagnostics) };
}

/**
 * Starts validating a spec just loaded whole so that the next load can build on it: when it is one JSON file
 * (`single`) at an absolute path without external refs, its bytes and document are kept in the cache and the
 * worker keeps its document too (sent as text: the bytes stay here). Undefined for any other spec: validate it
 * as usual.
 */
export function validateAndKeep(cache: ParseCache, root: SourceFile, document: Record<string, unknown>, openapiVersion: string, single: boolean): Promise<Diagnostic[]> | undefined {
  if (!single || !isAbsolute(root.path) || mayHaveExternalRefs(root.text) || !root.bytes) return undefined;
  const kept = validateKept(root.path, () => root.text);
  cache.root = { path: root.path, json: { bytes: root.bytes, value: document }, openapiVersion, validation: kept };
  return kept.then((k) => k.diagnostics);
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

/** The text of a file's bytes, decoded on first use. */
function lazyText(bytes: Buffer): () => string {
  let text: string | undefined;
  return () => (text ??= withoutBom(bytes.toString('utf8')));
}
