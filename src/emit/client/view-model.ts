import type { IrDocument, Operation, Pagination, SchemaNode, SecurityScheme, Server } from '../../ir/types.js';
import { jsdoc } from '../printers/jsdoc.js';
import { objectKey, propertyKey, stringLiteral, tableKey } from '../printers/literal.js';
import { formStyles, formStylesCode, type FormStyle } from '../form-encoding.js';
import { isJsonMedia, LOCATIONS, mediaKind } from '../operation-shapes.js';
import { banner, namesNamespace, securitySchemeCode, type BannerView } from '../shared.js';
import { perOperation, type EmitMemo } from '../memo.js';
import { namingTable, type OperationTargetNames } from '../names.js';
import { Codecs } from '../codecs.js';
import { DEFAULT_REPRESENTATION, type Representation } from '../representation.js';
import { compareStrings } from '../../compare.js';

/** Data of `templates/client/client.hbs`. Public API: see docs/templates.md. */
export interface ClientFileView {
  banner: BannerView;
  typesModule: string;
  /** Whether the file names the types module's namespace `T` (a spec without operations does not): only then is it imported. */
  importsTypes: boolean;
  /** A string literal: the first server URL with its variables at their defaults ("" when there is none). */
  defaultBaseUrl: string;
  /** Members of the `Auth` interface, one per security scheme. */
  auth: Array<{ key: string; tsType: string; docComment: string }>;
  /** `name: { type: … }` entries of the scheme table (code). */
  schemes: string[];
  operations: ClientOperationView[];
  resources: Array<{ name: string; methods: ClientMethodView[] }>;
  /**
   * With the `dates`/`int64` options: the named schemas' codecs the descriptors use (`const $k_Message: $.Codec =
   * …;`, code), where their bodies hold dates or int64s; none otherwise.
   */
  codecs: string[];
}

export interface ClientOperationView {
  /** The operation's identifier: its function's name, and its descriptor's after `$`. */
  name: string;
  /** The descriptor object literal (code). */
  descriptor: string;
  /** The operation function's doc block (JSDoc, ready-made). */
  docComment: string;
  /** The operation function's type parameters (code): the core's and the options' types, which decide what it returns. */
  typeParams: string;
  /** The operation function's parameter list with types (code): `core: C`, path parameters, input, `options?: O`. */
  params: string;
  /** What it returns (code). */
  returnType: string;
  /** Its body's expression, the call of the core (code). */
  call: string;
  inputType: string;
  /** Members of the input type (`body: T.XBody;`, `query?: T.XQuery;`…). */
  inputMembers: string[];
  errorType: string;
  /** The error union (`ApiError<400, T.ErrorModel> | …`). */
  errorUnion: string;
  /** The type guard that narrows `unknown` to the error union (`isUpdateDmMemberError`). */
  errorGuard: string;
  /** A string literal: the operation's method and path, as its errors carry them in `operation`. */
  route: string;
  /** The declared error statuses, as string literals joined by `, ` (`"404", "4XX", "default"`). */
  errorStatuses: string;
  /** A paged operation's standalone iterators (`reposListForOrgAll`, `reposListForOrgPages`) and page function (`reposListForOrgPage`); none for another. */
  iterators: ClientFunctionView[];
}

/** An exported function of the lean entry beside an operation's own: `export function name(params): returnType { return call; }`. */
export interface ClientFunctionView {
  name: string;
  docComment: string;
  /** The parameter list with types, `core: $.Core` first (code). */
  params: string;
  returnType: string;
  /** Its body's expression (code). */
  call: string;
}

export interface ClientMethodView {
  name: string;
  docComment: string;
  /** Type parameters of the method (code; `''` for none): the options' type, which decides what it returns. */
  typeParams: string;
  /** Parameter list with types, for the `Client` interface (code). */
  params: string;
  /** The parameters' names, for the implementation in `createClient`, typed by the interface (code). */
  args: string;
  /** The call the method makes: of the operation function, or of its iterator function (code). */
  call: string;
  returnType: string;
}

export function clientView(ir: IrDocument, memo?: EmitMemo, representation: Representation = DEFAULT_REPRESENTATION): ClientFileView {
  const codecs = new Codecs(ir, representation);
  // A descriptor's codecs depend on the named schemas, not only on its operation: no per-operation reuse then.
  const ops = codecs.active ? undefined : memo?.byOperation<ClientOperationView>('operations');
  const methodsOf = memo?.byOperation<ClientMethodView[]>('methods');
  const names = namingTable(ir, memo);
  const operations = ir.operations.map((op) => perOperation(ops, op, (o) => operationView(o, names.get(o)!, codecs, representation)));
  const byResource = new Map<string, ClientMethodView[]>();
  for (const op of ir.operations) {
    const t = names.get(op)!;
    const methods = byResource.get(t.resource) ?? [];
    methods.push(...perOperation(methodsOf, op, (o) => methodViews(o, t)));
    byResource.set(t.resource, methods);
  }
  const view: Omit<ClientFileView, 'importsTypes'> = {
    banner: banner(ir, 'A typed fetch client'),
    typesModule: stringLiteral('./types.js'),
    defaultBaseUrl: stringLiteral(defaultBaseUrl(ir.servers)),
    auth: ir.securitySchemes.filter((s) => s.kind !== 'mutualTLS').map(authMember),
    schemes: ir.securitySchemes.filter((s) => s.kind !== 'mutualTLS').map((s) => `${objectKey(s.key)}: ${clientSchemeCode(s)} as const`),
    operations,
    resources: [...byResource].sort(([a], [b]) => compareStrings(a, b)).map(([name, methods]) => ({ name: objectKey(name), methods })),
    codecs: codecs.declarations(),
  };
  return { ...view, importsTypes: namesNamespace(view, 'T') };
}

function defaultBaseUrl(servers: Server[]): string {
  const s = servers[0];
  if (!s) return '';
  let url = s.url;
  for (const v of s.variables) url = url.split(`{${v.name}}`).join(v.default);
  return url;
}

function authMember(s: SecurityScheme): { key: string; tsType: string; docComment: string } {
  const what =
    s.kind === 'http' && s.scheme === 'basic'
      ? 'HTTP basic: username and password.'
      : s.kind === 'apiKey'
        ? `API key, sent in the ${s.in} \`${s.name}\`.`
        : s.kind === 'oauth2' && s.clientCredentialsTokenUrl
          ? `A token, sent as \`Authorization: Bearer <token>\`; or \`clientCredentials({ clientId, clientSecret, scopes })\`, which fetches one from ${s.clientCredentialsTokenUrl} (and again when it expires or is refused).`
          : 'A token, sent as `Authorization: Bearer <token>`.';
  const type = s.kind === 'http' && s.scheme === 'basic' ? '$.Credential<{ username: string; password: string }>' : '$.Credential<string>';
  return { key: propertyKey(s.key) + '?', tsType: type, docComment: jsdoc({ description: `${what}${s.description ? '\n\n' + s.description : ''}` }, '  ') };
}

/** A scheme as the client's runtime takes it: the shared form, and an OAuth2 client-credentials flow's token URL. */
function clientSchemeCode(s: SecurityScheme): string {
  if (s.kind === 'oauth2' && s.clientCredentialsTokenUrl) return `{ type: "bearer", tokenUrl: ${stringLiteral(s.clientCredentialsTokenUrl)} }`;
  return securitySchemeCode(s);
}

/** How the runtime sends a body of a kind: as JSON, by an encoder function (only the operations that need one bundle it), or as it is. */
const BODY_ENCODERS: Record<string, string> = { json: '"json"', form: '$.formBody', multipart: '$.multipartBody' };

/** How the runtime reads a response of a media kind: a form or multipart answer as text. */
function responseKind(kind: string): string {
  return kind === 'form' || kind === 'multipart' ? 'text' : kind;
}

/**
 * An operation's event stream, when its first 2xx response is `text/event-stream`: the status, and whether its
 * events' data is JSON (a schema that is not a string's).
 */
function eventStream(op: Operation): { status: string; json: boolean } | undefined {
  const r = op.responses.find((x) => x.status.startsWith('2'));
  const c = r && (r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0]);
  if (!r || !c || mediaKind(c.mediaType) !== 'sse') return undefined;
  return { status: r.status, json: c.schema.kind !== 'string' && c.schema.kind !== 'unknown' };
}

/** Whether a schema is a string of format `date` or `date-time`, which the client takes as a `Date` too. */
function dateFormat(schema: SchemaNode): 'date' | 'date-time' | undefined {
  return schema.kind === 'string' && (schema.format === 'date' || schema.format === 'date-time') ? schema.format : undefined;
}

/** A type whose properties `keys` take a `Date` too (`$.Dated<T.X, "since">`), or the type itself when there are none. */
function dated(type: string, keys: string[]): string {
  return keys.length === 0 ? type : `$.Dated<${type}, ${keys.map(stringLiteral).join(' | ')}>`;
}

/** How a body is sent (code): JSON with days needs its encoder (only such operations bundle it). */
function bodyEncoder(body: { kind: string; dates: Array<{ format: string }> }): string {
  if (body.kind === 'json' && body.dates.some((d) => d.format === 'date')) return '$.jsonBody';
  return BODY_ENCODERS[body.kind] ?? '"raw"';
}

/**
 * The descriptor's list of a body's top-level properties of format `date`, then a form's properties its Encoding
 * Object styles otherwise (code; '' when neither).
 */
function bodyExtras(body: { dates: Array<{ name: string; format: string }>; styles: FormStyle[] }): string {
  const days = body.dates.filter((d) => d.format === 'date');
  const daysCode = `[${days.map((d) => stringLiteral(d.name)).join(', ')}]`;
  if (body.styles.length > 0) return `, ${daysCode}, ${formStylesCode(body.styles)}`;
  return days.length === 0 ? '' : `, ${daysCode}`;
}

/**
 * The media type the client sends a body in, how, and the top-level properties of format date or date-time of
 * an inline JSON or form object (a `$ref`'d body's are not looked into: an operation's view depends on itself only).
 */
function requestMedia(op: Operation): { mediaType: string; kind: string; dates: Array<{ name: string; format: string }>; styles: FormStyle[] } | undefined {
  const content = op.requestBody?.content ?? [];
  const order = ['json', 'form', 'multipart', 'text', 'binary', 'sse'];
  const sorted = [...content].sort((a, b) => order.indexOf(mediaKind(a.mediaType)) - order.indexOf(mediaKind(b.mediaType)));
  const first = sorted[0];
  if (!first) return undefined;
  const kind = mediaKind(first.mediaType);
  const dates: Array<{ name: string; format: string }> = [];
  // The body type is the JSON media types' schema (bodySchema): only then are its properties the type's.
  if ((kind === 'json' && content.filter((c) => isJsonMedia(c.mediaType)).length === 1) || (kind === 'form' && content.length === 1)) {
    if (first.schema.kind === 'object') {
      for (const p of first.schema.properties) {
        const format = dateFormat(p.schema);
        if (format) dates.push({ name: p.name, format });
      }
    }
  }
  return { mediaType: first.mediaType, kind, dates, styles: kind === 'form' ? formStyles(first) : [] };
}

function operationView(op: Operation, t: OperationTargetNames, codecs: Codecs, representation: Representation): ClientOperationView {
  // With `dates: "Date"` the types already say Date; the input types need no `Dated`, nor a body its days (its codec says them).
  const datesAsText = representation.dates === 'string';
  // Path parameters first, in path order: the runtime fills them from the positional arguments in this order.
  const ordered = [...inPathOrder(op), ...op.parameters.filter((p) => p.in !== 'path')];
  // A `date` parameter's Date goes as its day (with `dates: "Date"` also through refs and in arrays: codecs.parameterDate).
  const params = ordered.map((p) => {
    const day = dateFormat(p.schema) === 'date' || codecs.parameterDate(p.schema) === 'date';
    return `[${stringLiteral(p.name)}, ${JSON.stringify(p.in)}, ${JSON.stringify(p.style)}, ${p.explode}, ${p.allowReserved}${day ? ', "date"' : ''}]`;
  });
  const found = requestMedia(op);
  const body = found && !datesAsText ? { ...found, dates: [] } : found;
  let usesCodecs = false;
  const responses = op.responses.map((r) => {
    const c = r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0];
    const kind = c ? responseKind(mediaKind(c.mediaType)) : 'empty';
    const codec = c && (kind === 'json' || kind === 'sse') ? codecs.of(c.schema) : undefined;
    if (codec !== undefined) usesCodecs = true;
    return `${tableKey(r.status)}: [${stringLiteral(c?.mediaType ?? '')}, ${JSON.stringify(kind)}${codec === undefined ? '' : `, ${codec}`}]`;
  });
  const bodyContent = found && op.requestBody?.content.find((c) => c.mediaType === found.mediaType);
  const bodyCodec = bodyContent ? codecs.of(bodyContent.schema) : undefined;
  if (bodyCodec !== undefined) usesCodecs = true;
  const security = op.security.map((req) => `[${req.schemes.map((s) => stringLiteral(s.scheme)).join(', ')}]`);
  const descriptor = [
    '{',
    `  method: ${JSON.stringify(op.method.toUpperCase())},`,
    `  path: ${stringLiteral(op.path)},`,
    `  params: [${params.join(', ')}],`,
    // Only an operation with query parameters names the query encoder: an app whose calls have none bundles none of it.
    ...(op.parameters.some((p) => p.in === 'query') ? ['  query: $.queryPairs,'] : []),
    ...(body ? [`  body: [${stringLiteral(body.mediaType)}, ${bodyEncoder(body)}${bodyExtras(body)}],`] : []),
    `  security: [${security.join(', ')}],`,
    `  responses: { ${responses.join(', ')} },`,
    // Only an operation whose bodies hold dates or int64s (`dates`/`int64` options) names the codecs.
    ...(usesCodecs ? [`  codecs: ${codecs.runtime},`] : []),
    ...(bodyCodec !== undefined ? [`  bodyCodec: ${bodyCodec},`] : []),
    '}',
  ].join('\n');
  const n = op.typeNames;
  const members: string[] = [];
  for (const loc of LOCATIONS) {
    if (loc.key === 'path') continue;
    const params = op.parameters.filter((p) => p.in === loc.in);
    if (params.length === 0) continue;
    const typeName = loc.key === 'query' ? n.query : loc.key === 'headers' ? n.headers : n.cookies;
    members.push(`${loc.key}${params.some((p) => p.required) ? '' : '?'}: ${dated(`T.${typeName}`, datesAsText ? params.filter((p) => dateFormat(p.schema)).map((p) => p.name) : [])};`);
  }
  if (body) {
    const extra = body.kind === 'multipart' ? ' | FormData' : body.kind === 'binary' ? ' | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>' : '';
    members.push(`body${op.requestBody?.required ? '' : '?'}: ${dated(`T.${n.body}`, body.dates.map((d) => d.name))}${extra};`);
  }
  const errors = op.responses.filter((r) => !r.status.startsWith('2'));
  const errorUnion =
    errors.length === 0
      ? '$.ApiError<number, unknown>'
      : errors
          .map((r) => {
            const status = /^\d+$/.test(r.status) ? r.status : 'number';
            return `$.ApiError<${status}, T.${n.responses}[${stringLiteral(r.status)}]>`;
          })
          .join(' | ');
  const sig = signature(op, t);
  const stream = eventStream(op);
  return {
    name: op.name,
    descriptor,
    docComment: operationDoc(op, t, '', ''),
    typeParams: '<C extends $.Core<boolean>, O extends RequestOptions = {}>',
    params: ['core: C', ...sig.params, 'options?: O'].join(', '),
    returnType: `$.Returns<C, O, ${sig.data}, ${t.error}>`,
    // The result's type is the signature's (`Returns` of the core's and the options' types): the runtime's is unknown.
    call: stream
      ? `$.stream(core, $${op.name}, ${sig.pathArgs}, ${sig.inputArg}, options, ${stream.json}) as never`
      : `core.call($${op.name}, ${sig.pathArgs}, ${sig.inputArg}, options) as never`,
    inputType: t.input,
    inputMembers: members,
    errorType: t.error,
    errorUnion,
    errorGuard: t.errorGuard,
    route: stringLiteral(`${op.method.toUpperCase()} ${op.path}`),
    // No error declared: the union is `ApiError<number, unknown>`, which any status of this operation's is.
    errorStatuses: errors.length === 0 ? '"default"' : errors.map((r) => stringLiteral(r.status)).join(', '),
    iterators: iteratorViews(op, t, sig),
  };
}

/** What a paged operation's iterators yield: its items (`All`) and its pages (`Pages`); the query target's pages hold the items too. */
export function pagedTypes(op: Operation, p: Pagination): { item: string; page: string } {
  const response = `T.${op.typeNames.response}`;
  // The response may include `undefined` (a 204 beside the 200): each step down is of the non-nullable part.
  const items = p.items.reduce((t, key) => `NonNullable<${t}>[${stringLiteral(key)}]`, response);
  const item = `NonNullable<${items}>[number]`;
  return { item, page: `$.Page<${item}, ${response}>` };
}

/** The runtime's pagination descriptor of an operation (code). */
function paginationCode(p: Pagination): string {
  const path = (keys: readonly string[]) => `[${keys.map(stringLiteral).join(', ')}]`;
  const fields = [`kind: ${JSON.stringify(p.kind)}`, `items: ${path(p.items)}`];
  if (p.kind === 'page') fields.push(`pageParam: ${stringLiteral(p.pageParam)}`, `totalPages: ${path(p.totalPages)}`);
  else if (p.kind === 'cursor') fields.push(`cursorParam: ${stringLiteral(p.cursorParam)}`, `hasMore: ${path(p.hasMore)}`, `idField: ${stringLiteral(p.idField)}`);
  else if (p.kind === 'next') fields.push(`next: ${path(p.next)}`);
  else if (p.kind === 'offset') {
    fields.push(`offsetParam: ${stringLiteral(p.offsetParam)}`, `limitParam: ${stringLiteral(p.limitParam)}`);
    if (p.total) fields.push(`total: ${path(p.total)}`);
  }
  return `{ ${fields.join(', ')} }`;
}

/**
 * A paged operation's `<op>All` and `<op>Pages` functions (the grouped client's `listAll`, `listPages` call them),
 * and `<op>Page`, one page: the call's, or the one a page's `next` says (the query target's infinite queries).
 */
function iteratorViews(op: Operation, t: OperationTargetNames, sig: ReturnType<typeof signature>): ClientFunctionView[] {
  const p = op.pagination;
  if (!p || !t.iteratorFunction || !t.pagesFunction || !t.pageFunction) return [];
  const { item, page } = pagedTypes(op, p);
  const args = `$${op.name}, ${sig.pathArgs}, ${sig.inputArg === 'input' ? 'input ?? {}' : '{}'}, options, ${paginationCode(p)}`;
  const params = ['core: $.Core<boolean>', ...sig.params, 'options?: RequestOptions'].join(', ');
  return [
    {
      name: t.iteratorFunction,
      docComment: operationDoc(op, t, `, every item of every page (${p.kind} pagination)`, ''),
      params,
      returnType: `AsyncGenerator<${item}, void, undefined>`,
      call: `$.paginate(core, ${args}) as AsyncGenerator<${item}, void, undefined>`,
    },
    {
      name: t.pagesFunction,
      docComment: operationDoc(op, t, `, page by page (${p.kind} pagination): each page's items, body and response, \`hasNextPage()\` and \`nextPage()\``, ''),
      params,
      returnType: `AsyncGenerator<${page}, void, undefined>`,
      call: `$.pages(core, ${args}) as AsyncGenerator<${page}, void, undefined>`,
    },
    {
      name: t.pageFunction,
      docComment: operationDoc(
        op,
        t,
        `, one page (${p.kind} pagination): the one the call asks for, or the one \`from\` says, a page's \`next\` (plain data: keep it in a URL, a form, TanStack Query's \`pageParam\`)`,
        '',
      ),
      params: `${params}, from?: $.PageRef | null`,
      returnType: `Promise<${page}>`,
      call: `$.firstPage(core, ${args}, from) as Promise<${page}>`,
    },
  ];
}

/**
 * An operation's parameters but the options (path parameters in path order, input), their names with the options',
 * and what its call resolves to (`data`: the 2xx response body, or the events of a stream).
 */
function signature(op: Operation, t: OperationTargetNames): { params: string[]; names: string[]; pathArgs: string; inputArg: string; data: string } {
  const n = op.typeNames;
  const pathParams = inPathOrder(op);
  const inputRequired = !!op.requestBody?.required || op.parameters.some((p) => p.in !== 'path' && p.required);
  const hasInput = op.parameters.some((p) => p.in !== 'path') || op.requestBody !== undefined;
  const params = pathParams.map((p) => `${p.argName}: T.${n.pathParams}[${stringLiteral(p.name)}]${dateFormat(p.schema) ? ' | Date' : ''}`);
  if (hasInput) params.push(`input${inputRequired ? '' : '?'}: ${t.input}`);
  const success = op.responses.some((r) => r.status.startsWith('2'));
  const stream = eventStream(op);
  return {
    params,
    names: [...pathParams.map((p) => p.argName!), ...(hasInput ? ['input'] : []), 'options'],
    pathArgs: `[${pathParams.map((p) => p.argName).join(', ')}]`,
    inputArg: hasInput ? 'input' : 'undefined',
    // A HEAD answer has no content whatever the spec declares (the runtime reads none): undefined.
    data: op.method === 'head' ? 'undefined' : stream ? `$.EventStream<T.${n.responses}[${stringLiteral(stream.status)}]>` : success ? `T.${n.response}` : 'unknown',
  };
}

/**
 * An operation's path parameters in the order the path names them (the calling convention: positional, in path
 * order), whatever order the spec declares them in (`/transfers/{transfer}/reversals/{id}` declared id first).
 */
export function inPathOrder(op: Operation): Operation['parameters'] {
  const at = (name: string) => op.path.indexOf(`{${name}}`);
  return op.parameters.filter((p) => p.in === 'path').sort((a, b) => at(a.name) - at(b.name));
}

/** The doc block of an operation's function or method: summary, description, method and path, what it throws. */
function operationDoc(op: Operation, t: OperationTargetNames, extra: string, indent: string): string {
  const description = [op.summary, op.description].filter((x): x is string => !!x && x.trim() !== '').join('\n\n');
  return jsdoc(
    { description: `${description}${description ? '\n\n' : ''}\`${op.method.toUpperCase()} ${op.path}\`${extra}\n@throws {${t.error}} on a non-2xx response`, deprecated: op.deprecated },
    indent,
  );
}

function methodViews(op: Operation, t: OperationTargetNames): ClientMethodView[] {
  const sig = signature(op, t);
  const names = sig.names.join(', ');
  const methods: ClientMethodView[] = [
    {
      name: objectKey(t.clientMethod),
      docComment: operationDoc(op, t, '', '    '),
      typeParams: '<O extends RequestOptions = {}>',
      params: [...sig.params, 'options?: O'].join(', '),
      args: names,
      call: `${op.name}(core, ${names})`,
      returnType: `$.Returns<$.Core<Throws>, O, ${sig.data}, ${t.error}>`,
    },
  ];
  if (op.pagination && t.iteratorMethod && t.pagesMethod && t.iteratorFunction && t.pagesFunction) {
    const p = op.pagination;
    const { item, page } = pagedTypes(op, p);
    const params = [...sig.params, 'options?: RequestOptions'].join(', ');
    methods.push(
      {
        name: objectKey(t.iteratorMethod),
        docComment: operationDoc(op, t, `, every item of every page (${p.kind} pagination)`, '    '),
        typeParams: '',
        params,
        args: names,
        call: `${t.iteratorFunction}(core, ${names})`,
        returnType: `AsyncGenerator<${item}, void, undefined>`,
      },
      {
        name: objectKey(t.pagesMethod),
        docComment: operationDoc(op, t, `, page by page (${p.kind} pagination): each page's items, body and response, \`hasNextPage()\` and \`nextPage()\``, '    '),
        typeParams: '',
        params,
        args: names,
        call: `${t.pagesFunction}(core, ${names})`,
        returnType: `AsyncGenerator<${page}, void, undefined>`,
      },
    );
  }
  return methods;
}
