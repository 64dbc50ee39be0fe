import type { IrDocument, Operation, Pagination, SecurityScheme, Server } from '../../ir/types.js';
import { jsdoc } from '../printers/jsdoc.js';
import { objectKey, propertyKey, stringLiteral, tableKey } from '../printers/literal.js';
import { isJsonMedia, LOCATIONS, mediaKind } from '../operation-shapes.js';
import { banner, namesNamespace, securitySchemeCode, type BannerView } from '../shared.js';
import { perOperation, type EmitMemo } from '../memo.js';
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
}

export interface ClientOperationView {
  /** The operation's identifier: its function's name, and its descriptor's after `$`. */
  name: string;
  /** The descriptor object literal (code). */
  descriptor: string;
  /** The operation function's doc block (JSDoc, ready-made). */
  docComment: string;
  /** The operation function's parameter list with types (code): `core: $.Core`, path parameters, input, options. */
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
  /** A paged operation's standalone iterators (`reposListForOrgAll`, `reposListForOrgPages`); none for another. */
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
  /** Parameter list with types, for the `Client` interface (code). */
  params: string;
  /** The parameters' names, for the implementation in `createClient`, typed by the interface (code). */
  args: string;
  /** The call the method makes: of the operation function, or of its iterator function (code). */
  call: string;
  returnType: string;
}

export function clientView(ir: IrDocument, memo?: EmitMemo): ClientFileView {
  const ops = memo?.byOperation<ClientOperationView>('operations');
  const methodsOf = memo?.byOperation<ClientMethodView[]>('methods');
  const operations = ir.operations.map((op) => perOperation(ops, op, operationView));
  const byResource = new Map<string, ClientMethodView[]>();
  for (const op of ir.operations) {
    const methods = byResource.get(op.resource) ?? [];
    methods.push(...perOperation(methodsOf, op, methodViews));
    byResource.set(op.resource, methods);
  }
  const view: Omit<ClientFileView, 'importsTypes'> = {
    banner: banner(ir, 'A typed fetch client'),
    typesModule: stringLiteral('./types.js'),
    defaultBaseUrl: stringLiteral(defaultBaseUrl(ir.servers)),
    auth: ir.securitySchemes.filter((s) => s.kind !== 'mutualTLS').map(authMember),
    schemes: ir.securitySchemes.filter((s) => s.kind !== 'mutualTLS').map((s) => `${objectKey(s.key)}: ${securitySchemeCode(s)} as const`),
    operations,
    resources: [...byResource].sort(([a], [b]) => compareStrings(a, b)).map(([name, methods]) => ({ name: objectKey(name), methods })),
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
        : 'A token, sent as `Authorization: Bearer <token>`.';
  const type = s.kind === 'http' && s.scheme === 'basic' ? '$.Credential<{ username: string; password: string }>' : '$.Credential<string>';
  return { key: propertyKey(s.key) + '?', tsType: type, docComment: jsdoc({ description: `${what}${s.description ? '\n\n' + s.description : ''}` }, '  ') };
}

function requestMedia(op: Operation): { mediaType: string; kind: string } | undefined {
  const content = op.requestBody?.content ?? [];
  const order = ['json', 'form', 'multipart', 'text', 'binary'];
  const sorted = [...content].sort((a, b) => order.indexOf(mediaKind(a.mediaType)) - order.indexOf(mediaKind(b.mediaType)));
  const first = sorted[0];
  return first ? { mediaType: first.mediaType, kind: mediaKind(first.mediaType) } : undefined;
}

function operationView(op: Operation): ClientOperationView {
  // Path parameters first, in path order: the runtime fills them from the positional arguments in this order.
  const ordered = [...inPathOrder(op), ...op.parameters.filter((p) => p.in !== 'path')];
  const params = ordered.map((p) => `[${stringLiteral(p.name)}, ${JSON.stringify(p.in)}, ${JSON.stringify(p.style)}, ${p.explode}, ${p.allowReserved}]`);
  const body = requestMedia(op);
  const responses = op.responses.map((r) => {
    const c = r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0];
    const kind = c ? mediaKind(c.mediaType) : 'empty';
    return `${tableKey(r.status)}: [${stringLiteral(c?.mediaType ?? '')}, ${JSON.stringify(kind)}]`;
  });
  const security = op.security.map((req) => `[${req.schemes.map((s) => stringLiteral(s.scheme)).join(', ')}]`);
  const descriptor = [
    '{',
    `  method: ${JSON.stringify(op.method.toUpperCase())},`,
    `  path: ${stringLiteral(op.path)},`,
    `  params: [${params.join(', ')}],`,
    ...(body ? [`  body: [${stringLiteral(body.mediaType)}, ${JSON.stringify(body.kind)}],`] : []),
    `  security: [${security.join(', ')}],`,
    `  responses: { ${responses.join(', ')} },`,
    '}',
  ].join('\n');
  const n = op.typeNames;
  const members: string[] = [];
  for (const loc of LOCATIONS) {
    if (loc.key === 'path') continue;
    const params = op.parameters.filter((p) => p.in === loc.in);
    if (params.length === 0) continue;
    const typeName = loc.key === 'query' ? n.query : loc.key === 'headers' ? n.headers : n.cookies;
    members.push(`${loc.key}${params.some((p) => p.required) ? '' : '?'}: T.${typeName};`);
  }
  if (body) {
    const extra = body.kind === 'multipart' ? ' | FormData' : body.kind === 'binary' ? ' | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>' : '';
    members.push(`body${op.requestBody?.required ? '' : '?'}: T.${n.body}${extra};`);
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
  const sig = signature(op);
  return {
    name: op.name,
    descriptor,
    docComment: operationDoc(op, '', ''),
    params: ['core: $.Core', ...sig.params].join(', '),
    returnType: sig.returnType,
    call: `core.call($${op.name}, ${sig.pathArgs}, ${sig.inputArg}, options) as ${sig.returnType}`,
    inputType: n.input,
    inputMembers: members,
    errorType: n.error,
    errorUnion,
    errorGuard: n.errorGuard,
    route: stringLiteral(`${op.method.toUpperCase()} ${op.path}`),
    // No error declared: the union is `ApiError<number, unknown>`, which any status of this operation's is.
    errorStatuses: errors.length === 0 ? '"default"' : errors.map((r) => stringLiteral(r.status)).join(', '),
    iterators: iteratorViews(op, sig),
  };
}

/** What a paged operation's iterators yield: its items (`All`) and its pages (`Pages`). */
function pagedTypes(op: Operation, p: Pagination): { item: string; page: string } {
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

/** A paged operation's `<op>All` and `<op>Pages` functions (the grouped client's `listAll`, `listPages` call them). */
function iteratorViews(op: Operation, sig: ReturnType<typeof signature>): ClientFunctionView[] {
  const p = op.pagination;
  if (!p || !op.iteratorFunction || !op.pagesFunction) return [];
  const { item, page } = pagedTypes(op, p);
  const args = `$${op.name}, ${sig.pathArgs}, ${sig.inputArg === 'input' ? 'input ?? {}' : '{}'}, options, ${paginationCode(p)}`;
  const params = ['core: $.Core', ...sig.params].join(', ');
  return [
    {
      name: op.iteratorFunction,
      docComment: operationDoc(op, `, every item of every page (${p.kind} pagination)`, ''),
      params,
      returnType: `AsyncGenerator<${item}, void, undefined>`,
      call: `core.paginate(${args}) as AsyncGenerator<${item}, void, undefined>`,
    },
    {
      name: op.pagesFunction,
      docComment: operationDoc(op, `, page by page (${p.kind} pagination): each page's items, body and response, \`hasNextPage()\` and \`nextPage()\``, ''),
      params,
      returnType: `AsyncGenerator<${page}, void, undefined>`,
      call: `core.pages(${args}) as AsyncGenerator<${page}, void, undefined>`,
    },
  ];
}

/** An operation's parameters (path parameters in path order, input, options) and what its call returns. */
function signature(op: Operation): { params: string[]; names: string[]; pathArgs: string; inputArg: string; returnType: string } {
  const n = op.typeNames;
  const pathParams = inPathOrder(op);
  const inputRequired = !!op.requestBody?.required || op.parameters.some((p) => p.in !== 'path' && p.required);
  const hasInput = op.parameters.some((p) => p.in !== 'path') || op.requestBody !== undefined;
  const params = pathParams.map((p) => `${p.argName}: T.${n.pathParams}[${stringLiteral(p.name)}]`);
  if (hasInput) params.push(`input${inputRequired ? '' : '?'}: ${n.input}`);
  params.push('options?: RequestOptions');
  const success = op.responses.some((r) => r.status.startsWith('2'));
  return {
    params,
    names: [...pathParams.map((p) => p.argName!), ...(hasInput ? ['input'] : []), 'options'],
    pathArgs: `[${pathParams.map((p) => p.argName).join(', ')}]`,
    inputArg: hasInput ? 'input' : 'undefined',
    returnType: `Promise<${success ? `T.${n.response}` : 'unknown'}>`,
  };
}

/**
 * An operation's path parameters in the order the path names them (the calling convention: positional, in path
 * order), whatever order the spec declares them in (`/transfers/{transfer}/reversals/{id}` declared id first).
 */
function inPathOrder(op: Operation): Operation['parameters'] {
  const at = (name: string) => op.path.indexOf(`{${name}}`);
  return op.parameters.filter((p) => p.in === 'path').sort((a, b) => at(a.name) - at(b.name));
}

/** The doc block of an operation's function or method: summary, description, method and path, what it throws. */
function operationDoc(op: Operation, extra: string, indent: string): string {
  const description = [op.summary, op.description].filter((x): x is string => !!x && x.trim() !== '').join('\n\n');
  return jsdoc(
    { description: `${description}${description ? '\n\n' : ''}\`${op.method.toUpperCase()} ${op.path}\`${extra}\n@throws {${op.typeNames.error}} on a non-2xx response`, deprecated: op.deprecated },
    indent,
  );
}

function methodViews(op: Operation): ClientMethodView[] {
  const sig = signature(op);
  const names = sig.names.join(', ');
  const methods: ClientMethodView[] = [
    {
      name: objectKey(op.clientMethod),
      docComment: operationDoc(op, '', '    '),
      params: sig.params.join(', '),
      args: names,
      call: `${op.name}(core, ${names})`,
      returnType: sig.returnType,
    },
  ];
  if (op.pagination && op.iteratorMethod && op.pagesMethod && op.iteratorFunction && op.pagesFunction) {
    const p = op.pagination;
    const { item, page } = pagedTypes(op, p);
    methods.push(
      {
        name: objectKey(op.iteratorMethod),
        docComment: operationDoc(op, `, every item of every page (${p.kind} pagination)`, '    '),
        params: sig.params.join(', '),
        args: names,
        call: `${op.iteratorFunction}(core, ${names})`,
        returnType: `AsyncGenerator<${item}, void, undefined>`,
      },
      {
        name: objectKey(op.pagesMethod),
        docComment: operationDoc(op, `, page by page (${p.kind} pagination): each page's items, body and response, \`hasNextPage()\` and \`nextPage()\``, '    '),
        params: sig.params.join(', '),
        args: names,
        call: `${op.pagesFunction}(core, ${names})`,
        returnType: `AsyncGenerator<${page}, void, undefined>`,
      },
    );
  }
  return methods;
}
