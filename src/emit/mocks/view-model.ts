import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { IrDocument, JsonValue, Operation, Pagination, Response, Server } from '../../ir/types.js';
import { objectKey, stringLiteral, tableKey } from '../printers/literal.js';
import { isJsonMedia, mediaKind } from '../operation-shapes.js';
import { banner, type BannerView } from '../shared.js';
import { Codecs } from '../codecs.js';
import { DEFAULT_REPRESENTATION, type Representation } from '../representation.js';
import { ExampleGenerator } from './examples.js';

/** Data of `templates/mocks/mocks.hbs`. Public API: see docs/templates.md. */
export interface MocksFileView {
  banner: BannerView;
  /** A string literal: the path of the default server URL (`"/api/v1"`, `""`), stripped before routing. */
  basePath: string;
  /** Example values used more than once, one declaration each (`const $v0: unknown = {…};`, code). */
  constants: string[];
  /** One entry of the mock table per operation (`name: { status: 200, responses: {…} }`, code). */
  operations: string[];
  /**
   * With the `dates`/`int64` options: the named schemas' codecs the table uses (code; see `ClientFileView.codecs`):
   * the examples are JSON, made `Date`s and `bigint`s as the handlers' types say before they are checked and sent.
   */
  codecs: string[];
}

/** Data of `templates/mocks/mocks-msw.hbs`. */
export interface MocksMswFileView {
  banner: BannerView;
  /** One MSW handler per operation: the `http` function (`get`, `post`…, `all`) and the URL pattern (a string literal of a regular expression). */
  routes: Array<{ method: string; pattern: string }>;
}

export interface MocksViewOptions {
  /** Seed of the example generator (default 0). */
  seed?: number;
  /** The `dates`/`int64` options (default: strings and numbers). */
  representation?: Representation | undefined;
}

/** The examples of every operation's responses: the spec's named ones, then one made from the schema. */
export function mocksView(ir: IrDocument, report: (d: Diagnostic) => void, options: MocksViewOptions = {}): MocksFileView {
  const seed = options.seed ?? 0;
  const withSpec = new ExampleGenerator(ir, { seed, report });
  // Made again without the spec's examples where it used any: a wrong example in the spec must not leave a
  // response without a valid one (the mocks' runtime sends the first example its validator accepts).
  const synthetic = new ExampleGenerator(ir, { seed, specExamples: false });
  const printer = new ValuePrinter();
  const representation = options.representation ?? DEFAULT_REPRESENTATION;
  const codecs = new Codecs(ir, representation);
  const entries = ir.operations.map((op) => {
    const responses = op.responses.map((r) => {
      const media = r.content.find((c) => isJsonMedia(c.mediaType)) ?? r.content[0];
      if (!media) return [r.status, '', []] as const;
      const examples: Array<[string, JsonValue]> = (media.examples ?? []).map((e) => [e.name, e.value]);
      const kind = mediaKind(media.mediaType);
      if (kind === 'binary') examples.push(['', 'example']);
      else {
        const made = [withSpec.value(media.schema, 'response'), synthetic.value(media.schema, 'response')];
        // A paged list's examples are its last page (no next URL, no more), so that a client's iterator ends
        // there; each as it was after it, in case the schema does not allow that.
        const last = /^2/.test(r.status) && op.pagination ? made.map((v) => lastPage(v, op.pagination!)) : made;
        const seen = new Set<string>();
        for (const v of [last[0]!, made[0]!, last[1]!, made[1]!]) {
          const text = JSON.stringify(v);
          if (seen.has(text)) continue;
          seen.add(text);
          examples.push(['', v]);
        }
      }
      return [r.status, media.mediaType, examples] as const;
    });
    return { op, responses };
  });
  for (const e of entries) for (const [, , examples] of e.responses) for (const [, v] of examples) printer.count(v);
  const operations = entries.map(({ op, responses }) => {
    let usesCodecs = false;
    const table = responses.map(([status, media, examples]) => {
      const content = op.responses.find((r) => r.status === status)?.content.find((c) => c.mediaType === media);
      const codec = content && isJsonMedia(media) ? codecs.of(content.schema) : undefined;
      if (codec !== undefined) usesCodecs = true;
      return `${tableKey(status)}: [${stringLiteral(media)}, [${examples.map(([n, v]) => `[${stringLiteral(n)}, ${printer.print(v)}]`).join(', ')}]${codec === undefined ? '' : `, ${codec}`}]`;
    });
    return `${objectKey(op.name)}: { status: ${defaultStatus(op.responses)}, responses: { ${table.join(', ')} }${usesCodecs ? `, codecs: ${codecs.runtime}` : ''} }`;
  });
  return {
    banner: banner(ir, 'Mocks (example responses, a mock fetch handler and fetch)'),
    basePath: stringLiteral(basePath(ir.servers)),
    constants: printer.constants,
    operations,
    codecs: codecs.declarations(),
  };
}

/** A page of a paged operation as the last one: the next URL null, has-more false (a copy where it changes). */
function lastPage(value: JsonValue, pagination: Pagination): JsonValue {
  if (pagination.kind === 'next') return setAt(value, pagination.next, null);
  if (pagination.kind === 'cursor') return setAt(value, pagination.hasMore, false);
  return value;
}

function setAt(value: JsonValue, path: readonly string[], to: JsonValue): JsonValue {
  if (path.length === 0) return to;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, path[0]!)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: k === path[0] ? setAt(v, path.slice(1), to) : v, enumerable: true, writable: true, configurable: true });
  return out;
}

export function mswView(ir: IrDocument): MocksMswFileView {
  return { banner: banner(ir, 'MSW (msw 2) handlers that answer from the mocks'), routes: ir.operations.map(mswRoute) };
}

const MSW_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch']);

function mswRoute(op: Operation): { method: string; pattern: string } {
  // The end of the URL's path (MSW tests the URL without its query): literal segments as they are, a parameter
  // as one segment. Which operation answers is the mock handler's routing; this only sends the request there.
  const segments = op.path.split('/').slice(1).map((s) => (/\{[^}]*\}/.test(s) ? '[^/]+' : escapeRegExp(encodeURI(s))));
  return { method: MSW_METHODS.has(op.method) ? op.method : 'all', pattern: stringLiteral(`/${segments.join('/')}/?$`) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The status a mock answers by default: the first declared 2xx, then 2XX or default as 200, else the first declared. */
function defaultStatus(responses: readonly Response[]): number {
  const exact = responses.find((r) => /^2\d\d$/.test(r.status));
  if (exact) return Number(exact.status);
  if (responses.some((r) => r.status === '2XX' || r.status === 'default')) return 200;
  const first = responses[0];
  if (!first) return 200;
  return /^\d+$/.test(first.status) ? Number(first.status) : Number(`${first.status[0]}00`);
}

/** The path of the first server's URL (variables at their defaults), without a trailing slash. */
function basePath(servers: readonly Server[]): string {
  const s = servers[0];
  if (!s) return '';
  let url = s.url;
  for (const v of s.variables) url = url.split(`{${v.name}}`).join(v.default);
  let path: string;
  try {
    path = new URL(url, 'http://localhost').pathname;
  } catch {
    return '';
  }
  return path.replace(/\/+$/, '');
}

/**
 * Prints JSON values as code. A value (an object or array) met more than once, a named schema's shared value
 * most often, is declared once as a constant (`$v0`) and referred to; constants come before their first use.
 */
class ValuePrinter {
  readonly constants: string[] = [];
  private readonly seen = new Map<object, number>();
  private readonly names = new Map<object, string>();

  count(v: JsonValue): void {
    if (v === null || typeof v !== 'object') return;
    const n = this.seen.get(v) ?? 0;
    this.seen.set(v, n + 1);
    if (n > 0) return;
    for (const x of Array.isArray(v) ? v : Object.values(v)) this.count(x);
  }

  print(v: JsonValue): string {
    if (v === null) return 'null';
    if (typeof v === 'string') return stringLiteral(v);
    if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? '0' : String(v)) : 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    const named = this.names.get(v);
    if (named !== undefined) return named;
    const code = Array.isArray(v)
      ? `[${v.map((x) => this.print(x)).join(', ')}]`
      : Object.keys(v).length === 0
        ? '{}'
        : `{ ${Object.entries(v)
            .map(([k, x]) => `${objectKey(k)}: ${this.print(x)}`)
            .join(', ')} }`;
    if ((this.seen.get(v) ?? 0) < 2 || code.length <= 2) return code;
    const name = `$v${this.names.size}`;
    this.names.set(v, name);
    this.constants.push(`const ${name}: unknown = ${code};`);
    return name;
  }
}
