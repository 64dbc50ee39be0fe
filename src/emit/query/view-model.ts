import type { IrDocument, Operation } from '../../ir/types.js';
import { inPathOrder, pagedTypes } from '../client/view-model.js';
import { isJsonMedia, mediaKind } from '../operation-shapes.js';
import { perOperation, type EmitMemo } from '../memo.js';
import { DEFAULT_REPRESENTATION, type Representation } from '../representation.js';
import { namingTable, type OperationTargetNames } from '../names.js';
import { jsdoc } from '../printers/jsdoc.js';
import { isIdentifier } from '../../ir/passes/naming-rules.js';
import { objectKey, stringLiteral } from '../printers/literal.js';
import { banner, namesNamespace, type BannerView } from '../shared.js';

/** Data of `templates/query/query.hbs`. Public API: see docs/templates.md. */
export interface QueryFileView {
  banner: BannerView;
  typesModule: string;
  clientModule: string;
  /** Whether the file names the types module's namespace `T` (only then is it imported). */
  importsTypes: boolean;
  /** Whether the file has any factory (only then does it import the client and the runtime). */
  hasFactories: boolean;
  /** A string literal: the API's title, the `scope` of every key. */
  scope: string;
  factories: QueryFactoryView[];
}

/**
 * One exported factory: `export function name(params): returnType { return { members } }`. A GET or HEAD
 * operation has a `query` factory, any other a `mutation` one; a paged GET has an `infinite` one as well.
 */
export interface QueryFactoryView {
  name: string;
  kind: 'query' | 'mutation' | 'infinite';
  /** The client function it calls (`reposGet`, or a paged operation's page function `reposListForOrgPage`). */
  calls: string;
  docComment: string;
  /** The parameter list with types (code): `core: $.Core`, then the operation's path parameters and input for a query, options. */
  params: string;
  returnType: string;
  /** The members of the object it returns (code): `queryKey: […]`, `queryFn: …`, or `mutationKey`, `mutationFn`… */
  members: string[];
}

export function queryView(ir: IrDocument, memo?: EmitMemo, representation: Representation = DEFAULT_REPRESENTATION): QueryFileView {
  // With int64: "bigint" a query's options carry the key hash that writes bigints (TanStack's throws on one); the
  // memo holds the views of the default representation only.
  const bigints = representation.int64 === 'bigint';
  const byOp = bigints ? undefined : memo?.byOperation<QueryFactoryView[]>('factories');
  const names = namingTable(ir, memo);
  const factories = ir.operations.flatMap((op) => perOperation(byOp, op, (o) => factoryViews(o, names.get(o)!, bigints)));
  const view: Omit<QueryFileView, 'importsTypes'> = {
    banner: banner(ir, 'TanStack Query options'),
    typesModule: stringLiteral('./types.js'),
    clientModule: stringLiteral('./client.js'),
    hasFactories: factories.length > 0,
    scope: stringLiteral(ir.info.title),
    factories,
  };
  return { ...view, importsTypes: namesNamespace(view, 'T') };
}

/**
 * Whether an operation answers with an event stream (its first 2xx response's media is `text/event-stream`): its
 * client function resolves to an `EventStream`, which is no query's data (a cache cannot hold a live stream), so it
 * gets no factory.
 */
function streams(op: Operation): boolean {
  const r = op.responses.find((x) => x.status.startsWith('2'));
  const c = r && (r.content.find((x) => isJsonMedia(x.mediaType)) ?? r.content[0]);
  return c !== undefined && mediaKind(c.mediaType) === 'sse';
}

/**
 * The factories of one operation: its query or mutation options, and a paged query's infinite options. Each calls
 * the client's function with `throwOnError: true` (TanStack needs a failure thrown), so any core will do.
 */
function factoryViews(op: Operation, t: OperationTargetNames, bigints: boolean): QueryFactoryView[] {
  if (streams(op)) return [];
  const n = op.typeNames;
  const path = inPathOrder(op);
  const hasInput = op.parameters.some((p) => p.in !== 'path') || op.requestBody !== undefined;
  const inputRequired = !!op.requestBody?.required || op.parameters.some((p) => p.in !== 'path' && p.required);
  const inputType = `C.${t.input}`;
  const pathType = path.length > 0 ? `T.${n.pathParams}` : 'Record<string, never>';
  const success = op.responses.filter((r) => r.status.startsWith('2'));
  // A HEAD answer has no content (the client reads none): undefined.
  const response = op.method === 'head' ? 'undefined' : success.length > 0 ? `T.${n.response}` : 'unknown';
  // TanStack refuses undefined as a query's data: no content (a 204, a HEAD) is null (`$.queryData`, always applied).
  const queryData = op.method !== 'head' && success.length > 0 && success.every((r) => r.content.length > 0) ? response : `$.QueryData<${response}>`;
  const route = `\`${op.method.toUpperCase()} ${op.path}\``;
  const doc = (what: string) =>
    jsdoc({ description: [op.summary, `${route}: ${what}`].filter((x): x is string => !!x && x.trim() !== '').join('\n\n'), deprecated: op.deprecated }, '');
  const scopeMembers = `scope: QUERY_SCOPE, resource: ${stringLiteral(t.resource)}, operation: ${stringLiteral(op.name)}`;

  if (t.mutationOptions !== undefined) {
    const access = (obj: string, name: string) => (isIdentifier(name) && name !== '__proto__' ? `${obj}.${name}` : `${obj}[${stringLiteral(name)}]`);
    let variables: string;
    let fn: string;
    const throwing = '{ ...options, throwOnError: true }';
    if (path.length > 0 && hasInput) {
      variables = `{ path: ${pathType} } & ${inputType}`;
      fn = `({ path: $path, ...$input }) => C.${op.name}(core, ${path.map((p) => access('$path', p.name)).join(', ')}, $input, ${throwing})`;
    } else if (path.length > 0) {
      variables = `{ path: ${pathType} }`;
      fn = `($variables) => C.${op.name}(core, ${path.map((p) => access('$variables.path', p.name)).join(', ')}, ${throwing})`;
    } else if (hasInput) {
      variables = inputRequired ? inputType : `${inputType} | void`;
      fn = `($variables) => C.${op.name}(core, ${inputRequired ? '$variables' : '$variables ?? undefined'}, ${throwing})`;
    } else {
      variables = 'void';
      fn = `() => C.${op.name}(core, ${throwing})`;
    }
    return [
      {
        name: t.mutationOptions,
        kind: 'mutation',
        calls: op.name,
        docComment: doc(
          `TanStack Query mutation options, for \`useMutation\`. The variables are ${variablesProse(path.length > 0, hasInput)}; the key is \`[{ scope, resource, operation }]\`.`,
        ),
        params: 'core: $.Core<boolean>, options?: Omit<C.RequestOptions, "throwOnError">',
        returnType: `$.MutationOptions<${variables}, ${response}>`,
        members: [`mutationKey: [{ ${scopeMembers} }]`, `mutationFn: ${fn}`],
      },
    ];
  }

  // A query: the operation's own arguments, then options without `signal` (TanStack's is used).
  const params = ['core: $.Core<boolean>', ...path.map((p) => `${p.argName}: T.${n.pathParams}[${stringLiteral(p.name)}]`)];
  if (hasInput) params.push(`input${inputRequired ? '' : '?'}: ${inputType}`);
  params.push('options?: Omit<C.RequestOptions, "signal" | "throwOnError">');
  const keyInput = hasInput ? `${inputType}${inputRequired ? '' : ' | undefined'}` : 'undefined';
  const keyType = `$.QueryKey<${pathType}, ${keyInput}>`;
  const pathObject = path.length > 0 ? `{ ${path.map((p) => (objectKey(p.name) === p.argName ? p.argName : `${objectKey(p.name)}: ${p.argName}`)).join(', ')} }` : '{}';
  const key = (infinite: boolean) => `[{ ${scopeMembers}, path: ${pathObject}, ${hasInput ? 'input' : 'input: undefined'}${infinite ? ', infinite: true' : ''} }]`;
  const args = [...path.map((p) => p.argName), ...(hasInput ? ['input'] : [])];
  const callOptions = '{ ...options, signal: $context.signal, throwOnError: true }';
  // int64: "bigint": a key may hold a bigint, which TanStack's own key hash (JSON) throws on.
  const hash = bigints ? ['queryKeyHashFn: $.hashQueryKey'] : [];
  const out: QueryFactoryView[] = [
    {
      name: t.queryOptions!,
      kind: 'query',
      calls: op.name,
      docComment: doc(
        `TanStack Query options, for \`useQuery\`, \`queryClient.fetchQuery\`…: the key is \`[{ scope, resource, operation, path, input }]\`, the query function calls \`${op.name}\` with the query's abort signal (no content is \`null\`).`,
      ),
      params: params.join(', '),
      returnType: `$.QueryOptions<${keyType}, ${queryData}>`,
      members: [`queryKey: ${key(false)}`, ...hash, `queryFn: ($context) => C.${op.name}(core, ${[...args, callOptions].join(', ')}).then($.queryData)`],
    },
  ];
  const p = op.pagination;
  if (t.infiniteQueryOptions !== undefined && p && t.pageFunction) {
    out.push({
      name: t.infiniteQueryOptions,
      kind: 'infinite',
      calls: t.pageFunction,
      docComment: doc(
        `TanStack Query infinite query options (${p.kind} pagination), for \`useInfiniteQuery\`: each page is \`{ items, body, next }\`, its param where it is (\`null\`: the page \`input\` asks for); the key is the query's with \`infinite: true\`.`,
      ),
      params: params.join(', '),
      returnType: `$.InfiniteQueryOptions<${keyType}, ${pagedTypes(op, p).item}, ${response}>`,
      members: [
        `queryKey: ${key(true)}`,
        ...hash,
        `queryFn: ($context) => C.${t.pageFunction}(core, ${[...args, callOptions, '$context.pageParam'].join(', ')}).then($.queryPage)`,
        'initialPageParam: null',
        'getNextPageParam: $.nextPageParam',
      ],
    });
  }
  return out;
}

function variablesProse(hasPath: boolean, hasInput: boolean): string {
  if (hasPath && hasInput) return 'the input with `path`, the path parameters by name';
  if (hasPath) return '`{ path }`, the path parameters by name';
  return hasInput ? 'the input' : 'none';
}
