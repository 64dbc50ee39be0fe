import type { IrDocument, Operation } from '../../ir/types.js';
import { jsdoc } from '../printers/jsdoc.js';
import { objectKey, PROTOTYPE_NAMES, stringLiteral, tableKey } from '../printers/literal.js';
import { isJsonMedia, mediaKind } from '../operation-shapes.js';
import { banner, namesNamespace, securitySchemeCode, type BannerView } from '../shared.js';
import { perOperation, type EmitMemo } from '../memo.js';
import { Codecs } from '../codecs.js';
import { DEFAULT_REPRESENTATION, type Representation } from '../representation.js';
import { namingTable, type OperationTargetNames } from '../names.js';

/** Data of `templates/server/server.hbs`. Public API: see docs/templates.md. */
export interface ServerFileView {
  banner: BannerView;
  typesModule: string;
  /** Whether the file names the types module's namespace `T` (an operation without typed parts does not): only then is it imported. */
  importsTypes: boolean;
  validatorsModule: string;
  /** Entries of the scheme table (code). */
  schemes: string[];
  /** Route descriptors (code), one per operation. */
  routes: string[];
  operations: ServerOperationView[];
  /**
   * The bodies (types, code) the spec declares for errors the server makes itself where they are not problem
   * documents, each once: `createHandler` then requires an `errorBody` that makes them. Empty: none.
   */
  errorBodies: string[];
  /** With the `dates`/`int64` options: the named schemas' codecs the routes use (code; see `ClientFileView.codecs`). */
  codecs: string[];
}

export interface ServerOperationView {
  /** The handler's name: the operation's identifier. */
  name: string;
  docComment: string;
  contextType: string;
  resultType: string;
  /** Types of the context members (code). */
  params: string;
  query: string;
  headers: string;
  cookies: string;
  body: string;
  /** Members of the result union (code), one per declared status. */
  results: string[];
  /** The declared bodies (types, code) of the errors the server makes itself for this operation (see `errorBodies`). */
  errorBodies: string[];
}

export function serverView(ir: IrDocument, memo?: EmitMemo, representation: Representation = DEFAULT_REPRESENTATION): ServerFileView {
  const schemes = ir.securitySchemes.filter((s) => s.kind !== 'mutualTLS');
  const codecs = new Codecs(ir, representation);
  // A route's codecs depend on the named schemas, not only on its operation: no per-operation reuse then.
  const routes = codecs.active ? undefined : memo?.byOperation<string>('routes');
  const ops = memo?.byOperation<ServerOperationView>('operations');
  const names = namingTable(ir, memo);
  const view: Omit<ServerFileView, 'importsTypes'> = {
    banner: banner(ir, 'A typed server (Web fetch handler)'),
    typesModule: stringLiteral('./types.js'),
    validatorsModule: stringLiteral('./validators.js'),
    schemes: schemes.map((s) => `${objectKey(s.key)}: ${securitySchemeCode(s)} as const`),
    routes: ir.operations.map((op) => perOperation(routes, op, (o) => routeCode(o, codecs))),
    operations: ir.operations.map((op) => perOperation(ops, op, (o) => operationView(o, names.get(o)!))),
    errorBodies: [],
    codecs: [],
  };
  view.codecs = codecs.declarations();
  view.errorBodies = [...new Set(view.operations.flatMap((o) => o.errorBodies))].sort();
  return { ...view, importsTypes: namesNamespace(view, 'T') };
}

/** Data of `templates/server/server-node.hbs`. */
export interface ServerNodeFileView {
  banner: BannerView;
}

/** Data of `templates/server/scaffold.hbs` (the `--scaffold` starter file, written once). */
export interface ScaffoldFileView {
  /** Comment-safe title and version of the API. */
  title: string;
  /** A string literal: the module specifier of the generated `server.js`, relative to the scaffold file. */
  serverModule: string;
  /** One `name: async () => notImplemented("name")` property per operation (code). */
  stubs: string[];
}

export function nodeAdapterView(ir: IrDocument): ServerNodeFileView {
  return { banner: banner(ir, 'A node:http adapter for the server') };
}

function routeCode(op: Operation, codecs: Codecs): string {
  const security = op.security.map(
    (req) => `[${req.schemes.map((s) => `[${stringLiteral(s.scheme)}, [${s.scopes.map(stringLiteral).join(', ')}]]`).join(', ')}]`,
  );
  // A requestBody without content declares no body anyone could send or type: it is treated as none. A media type
  // named like an Object.prototype member gets `as const`: TypeScript types that entry from Object's member (TS2322).
  // A JSON body's codec (`dates`/`int64` options): a form's dates and int64s are read by its shape (validators.ts).
  const json = op.requestBody?.content.find((c) => isJsonMedia(c.mediaType));
  const bodyCodec = json ? codecs.of(json.schema) : undefined;
  const body = op.requestBody && op.requestBody.content.length > 0
    ? `body: { required: ${op.requestBody.required}, media: { ${op.requestBody.content.map((c) => `${tableKey(c.mediaType)}: ${JSON.stringify(mediaKind(c.mediaType))}${PROTOTYPE_NAMES.has(c.mediaType) ? ' as const' : ''}`).join(', ')} }${bodyCodec === undefined ? '' : `, codec: ${bodyCodec}`} }, `
    : '';
  let usesCodecs = bodyCodec !== undefined;
  const responses = op.responses.map((r) => {
    const c = r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0];
    const kind = c ? mediaKind(c.mediaType) : 'empty';
    const codec = c && (kind === 'json' || kind === 'sse') ? codecs.of(c.schema) : undefined;
    if (codec !== undefined) usesCodecs = true;
    return `${tableKey(r.status)}: [${stringLiteral(c?.mediaType ?? '')}, ${JSON.stringify(kind)}${codec === undefined ? '' : `, ${codec}`}]`;
  });
  const codecsCode = usesCodecs ? `, codecs: ${codecs.runtime}` : '';
  return `{ op: ${stringLiteral(op.name)}, method: ${JSON.stringify(op.method.toUpperCase())}, path: ${stringLiteral(op.path)}, security: [${security.join(', ')}], ${body}responses: { ${responses.join(', ')} }${codecsCode} }`;
}

/**
 * The statuses of the errors the server makes itself for an operation: invalid or malformed input (400, or 422
 * where only 422 is declared), and 401 with security, 413 and 415 with a body. Each declared (exactly, by range, by
 * `default`) with a body that is not a problem document needs `errorBody` to make it.
 */
function errorBodies(op: Operation): string[] {
  const statuses = ['400', '422', ...(op.security.length > 0 ? ['401'] : []), ...(op.requestBody ? ['413', '415'] : [])];
  const out: string[] = [];
  for (const status of statuses) {
    const r = op.responses.find((x) => x.status === status) ?? op.responses.find((x) => x.status === `${status[0]}XX`) ?? op.responses.find((x) => x.status === 'default');
    if (!r || r.content.length === 0) continue;
    const c = r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0]!;
    if (/problem\+json/i.test(c.mediaType)) continue;
    out.push(`T.${op.typeNames.responses}[${stringLiteral(r.status)}]`);
  }
  return [...new Set(out)];
}

function operationView(op: Operation, t: OperationTargetNames): ServerOperationView {
  const n = op.typeNames;
  const has = (loc: string) => op.parameters.some((p) => p.in === loc);
  const results = op.responses.map((r) => {
    const status = /^\d+$/.test(r.status) ? r.status : 'number';
    const contentTypes = r.content.length > 1 ? `; contentType?: ${r.content.map((c) => stringLiteral(c.mediaType)).join(' | ')}` : '';
    // An event stream is answered with the events, as an async iterable: their data is what the schema describes.
    const c = r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0];
    const type = `T.${n.responses}[${stringLiteral(r.status)}]`;
    const body = !c ? 'body?: undefined' : mediaKind(c.mediaType) === 'sse' ? `body: AsyncIterable<$.ServerSentEventInit<${type}>>` : `body: ${type}`;
    return `{ status: ${status}; ${body}; headers?: Record<string, string>${contentTypes} }`;
  });
  const description = [op.summary, op.description].filter((x): x is string => !!x && x.trim() !== '').join('\n\n');
  return {
    name: op.name,
    docComment: jsdoc({ description: `${description}${description ? '\n\n' : ''}\`${op.method.toUpperCase()} ${op.path}\``, deprecated: op.deprecated }, '  '),
    contextType: t.context,
    resultType: t.result,
    params: has('path') ? `T.${n.pathParams}` : 'Record<string, never>',
    query: has('query') ? `T.${n.query}` : 'Record<string, never>',
    headers: has('header') ? `T.${n.headers}` : 'Record<string, never>',
    cookies: has('cookie') ? `T.${n.cookies}` : 'Record<string, never>',
    body: op.requestBody && op.requestBody.content.length > 0 ? `T.${n.body}${op.requestBody.required ? '' : ' | undefined'}` : 'undefined',
    results: results.length > 0 ? results : ['{ status: number; body?: unknown; headers?: Record<string, string> }'],
    errorBodies: errorBodies(op),
  };
}
