import type { EnumMember, IrDocument, NamedSchema, Operation } from '../types.js';
import { camelCase, claim, isIdentifier, isReserved, pascalCase, RUNTIME_NAMES, words } from './naming-rules.js';
import { compareStrings } from '../../compare.js';
import type { PassMemo } from '../memo.js';

/**
 * The one pass that gives names. Candidates claim names in a fixed order, so that the result does not depend
 * on the order of keys in the spec:
 * 1. component schemas, by their key (code-point order);
 * 2. hoisted schemas (inline enums), by their hint, then pointer;
 * 3. the write variants (`<Name>Writable`) of schemas whose request shape differs, in the order of 1–2;
 * 4. per-operation types (`<Op>PathParams`, `<Op>Query`, `<Op>Headers`, `<Op>Cookies`, `<Op>Body`,
 *    `<Op>Responses`, `<Op>Response`, the client's `<Op>Input`, `<Op>Error`, the server's `<Op>Context`, `<Op>Result`), by operationId;
 * 5. operation identifiers (camelCase operationId), by operationId, never the name of a schema; then the client's
 *    error guards (`is<Op>Error`) and, for paged operations, the lean entry's iterator functions (`<op>All`,
 *    `<op>Pages`), then its page functions (`<op>Page`);
 * 6. the query target's option factories (`<op>QueryOptions` or `<op>MutationOptions`, `<op>InfiniteQueryOptions`),
 *    after every other value: a user imports them beside the client's functions, so they share one namespace.
 * The runtime's own names (`ApiError`, `Handlers`…) are taken before anything else.
 * A name that is a reserved word or a global (`Date`, `Blob`, `Object`, `Promise`…) gets the suffix `Model`
 * (operations: `Op`); a name already claimed gets `2`, `3`… Enum members are named from their values in
 * PascalCase, unique within their enum.
 */
export function assignNames(doc: IrDocument, memo?: PassMemo): IrDocument {
  const last = memo?.last<Naming>('naming');
  if (last && sameNaming(doc, last)) return renamed(doc, last);
  const out = assignAll(doc);
  if (memo) {
    const byInput = new Map<object, object>();
    doc.schemas.forEach((s, i) => byInput.set(s, out.schemas[i]!));
    doc.operations.forEach((op, i) => byInput.set(op, out.operations[i]!));
    memo.keep<Naming>('naming', { inputs: { schemas: doc.schemas, operations: doc.operations }, schemas: out.schemas, operations: out.operations, byInput });
  }
  return out;
}

/** What naming keeps between runs (`--watch`): the last run's inputs and named objects. */
interface Naming {
  inputs: { schemas: readonly NamedSchema[]; operations: readonly Operation[] };
  schemas: NamedSchema[];
  operations: Operation[];
  byInput: Map<object, object>;
}

/**
 * Whether the names of the last run are this document's: the same schemas and operations in the same order,
 * each the same object or alike in everything names are made from (see `schemaKey`, `operationKey`).
 */
function sameNaming(doc: IrDocument, memo: Naming): boolean {
  const { schemas, operations } = memo.inputs;
  if (schemas.length !== doc.schemas.length || operations.length !== doc.operations.length) return false;
  for (let i = 0; i < schemas.length; i++) {
    const a = schemas[i]!;
    const b = doc.schemas[i]!;
    if (a !== b && schemaKey(a) !== schemaKey(b)) return false;
  }
  for (let i = 0; i < operations.length; i++) {
    const a = operations[i]!;
    const b = doc.operations[i]!;
    if (a !== b && operationKey(a) !== operationKey(b)) return false;
  }
  memo.inputs = { schemas: doc.schemas, operations: doc.operations };
  return true;
}

/** What a schema's names are made from: its id, origin, hint and direction. */
function schemaKey(s: NamedSchema): string {
  return `${s.id}\u0001${s.origin}\u0001${s.nameHint.join('\u0002')}\u0001${s.differsByDirection ? 1 : 0}`;
}

/** What an operation's names are made from: its id, path, first tag, pagination, whether it is a query, path parameter names. */
function operationKey(op: Operation): string {
  const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name).join('\u0002');
  return `${op.operationId}\u0001${op.path}\u0001${op.tags[0] ?? ''}\u0001${op.pagination ? 1 : 0}\u0001${isQuery(op) ? 1 : 0}\u0001${pathParams}`;
}

/** Whether TanStack Query reads the operation (GET, HEAD: `useQuery`) rather than runs it (`useMutation`). */
export function isQuery(op: Pick<Operation, 'method'>): boolean {
  return op.method === 'get' || op.method === 'head';
}

/**
 * The names of the last run (its key is this document's): a schema or operation that is the same object as in
 * that run keeps its named object; a new one (an edited operation) gets the names the one in its place got.
 */
function renamed(doc: IrDocument, memo: Naming): IrDocument {
  const next = new Map<object, object>();
  const schemas = doc.schemas.map((s, i) => {
    const before = memo.schemas[i]!;
    const out = (memo.byInput.get(s) as NamedSchema | undefined) ?? { ...s, name: before.name, ...(before.writeName ? { writeName: before.writeName } : {}), schema: namedMembers(s.schema) };
    next.set(s, out);
    return out;
  });
  const functionNames = new Set(memo.operations.flatMap(valueNamesOf));
  const operations = doc.operations.map((op, i) => {
    const kept = memo.byInput.get(op) as Operation | undefined;
    if (kept) {
      next.set(op, kept);
      return kept;
    }
    const b = memo.operations[i]!;
    const out: Operation = {
      ...op,
      name: b.name,
      typeNames: b.typeNames,
      resource: b.resource,
      clientMethod: b.clientMethod,
      ...pagingNames(b),
      parameters: withArgNames(op, functionNames),
    };
    next.set(op, out);
    return out;
  });
  Object.assign(memo, { schemas, operations, byInput: next });
  return { ...doc, schemas, operations };
}

function assignAll(doc: IrDocument): IrDocument {
  // The runtime's own names are taken from the start: an operation "api" must not get an `ApiError` type
  // beside the client's `ApiError` class.
  const typeNames = new Set<string>(RUNTIME_NAMES);
  const hintKeys = new Map(doc.schemas.map((s) => [s, s.nameHint.join('\u0000')]));
  const byHint = (a: NamedSchema, b: NamedSchema): number => compareStrings(hintKeys.get(a)!, hintKeys.get(b)!) || compareStrings(a.id, b.id);
  const ordered = [
    ...doc.schemas.filter((s) => s.origin === 'component').sort(byHint),
    ...doc.schemas.filter((s) => s.origin === 'hoisted').sort(byHint),
  ];
  const names = new Map<string, { name: string; writeName?: string }>();
  for (const s of ordered) names.set(s.id, { name: claim(typeName(s.nameHint), typeNames) });
  for (const s of ordered) {
    if (s.differsByDirection) names.get(s.id)!.writeName = claim(names.get(s.id)!.name + 'Writable', typeNames);
  }
  const schemas = doc.schemas.map((s) => {
    const n = names.get(s.id)!;
    return { ...s, name: n.name, ...(n.writeName ? { writeName: n.writeName } : {}), schema: namedMembers(s.schema) };
  });
  const opsById = [...doc.operations].sort((a, b) => compareStrings(a.operationId, b.operationId) || compareStrings(a.path, b.path));
  const opTypes = new Map<Operation, Operation['typeNames']>();
  for (const op of opsById) {
    const base = pascalCase([op.operationId], 'Operation');
    opTypes.set(op, {
      pathParams: claim(base + 'PathParams', typeNames),
      query: claim(base + 'Query', typeNames),
      headers: claim(base + 'Headers', typeNames),
      cookies: claim(base + 'Cookies', typeNames),
      body: claim(base + 'Body', typeNames),
      responses: claim(base + 'Responses', typeNames),
      response: claim(base + 'Response', typeNames),
      input: claim(base + 'Input', typeNames),
      error: claim(base + 'Error', typeNames),
      errorGuard: '', // claimed below, with the values
      context: claim(base + 'Context', typeNames),
      result: claim(base + 'Result', typeNames),
    });
  }
  // Operation identifiers share the validators module with a validator per schema (and write variant), and the
  // types module with enum consts: none may take one of those names (a schema "1leading" and an operation
  // "1leading" both want `_1leading`).
  const valueNames = new Set<string>([...RUNTIME_NAMES, ...schemas.flatMap((s) => (s.writeName ? [s.name, s.writeName] : [s.name]))]);
  const opNames = new Map<Operation, string>();
  for (const op of opsById) {
    let base = camelCase([op.operationId]);
    if (isReserved(base)) base += 'Op';
    opNames.set(op, claim(base, valueNames));
  }
  // The client's error guards (`isUpdateDmMemberError`) are values beside the operation functions.
  for (const op of opsById) opTypes.get(op)!.errorGuard = claim('is' + opTypes.get(op)!.error, valueNames);
  // A paged operation's standalone iterators, claimed last: no other name changes because an operation pages.
  const iterators = new Map<Operation, { iteratorFunction: string; pagesFunction: string; pageFunction?: string }>();
  for (const op of opsById) {
    if (op.pagination) iterators.set(op, { iteratorFunction: claim(opNames.get(op)! + 'All', valueNames), pagesFunction: claim(opNames.get(op)! + 'Pages', valueNames) });
  }
  for (const op of opsById) {
    const it = iterators.get(op);
    if (it) it.pageFunction = claim(opNames.get(op)! + 'Page', valueNames);
  }
  // The query target's factories, last of all values: no other name changes because of them.
  for (const op of opsById) {
    const names = opTypes.get(op)!;
    const base = opNames.get(op)!;
    if (isQuery(op)) names.queryOptions = claimValue(base + 'QueryOptions', valueNames);
    else names.mutationOptions = claimValue(base + 'MutationOptions', valueNames);
  }
  for (const op of opsById) if (op.pagination && isQuery(op)) opTypes.get(op)!.infiniteQueryOptions = claimValue(opNames.get(op)! + 'InfiniteQueryOptions', valueNames);
  const named = doc.operations.map((op) => ({ ...op, name: opNames.get(op)!, typeNames: opTypes.get(op)!, ...iterators.get(op) }));
  return { ...doc, schemas, operations: clientNames(named) };
}

/** A value's name: `Op` after a reserved word, a global or a runtime name, then unique among `taken`. */
function claimValue(base: string, taken: Set<string>): string {
  return claim(isReserved(base) ? base + 'Op' : base, taken);
}

/** Members of the generated client object that resources must not shadow. */
const CLIENT_MEMBERS = new Set(['options', 'request', 'withOptions', 'fetch', 'auth', 'baseUrl', 'constructor', 'prototype', '__proto__']);

/**
 * 6. Client names. Resources: the first tag, else the first path segment, camelCase, without the words every
 * key starts with (Twilio's tags all start `ChatV2`), claimed in code-point order of their source. Methods: the
 * operation name without the resource's words (`updateDmMember` in `dmMembers` → `update`; see `stripWords`),
 * unless that leaves nothing or collides within the resource (then the full name),
 * claimed by operationId; a paged operation also gets `<method>All` and `<method>Pages`. Positional path arguments: camelCase of
 * the parameter name, `Param` after a reserved word, `Arg` after an operation's name, unique within the operation
 * and never `input`, `options` or `core` (the names the function's body uses).
 */
function clientNames(ops: Operation[]): Operation[] {
  const keyOf = (op: Operation) => op.tags[0] ?? op.path.split('/').find((s) => s !== '' && !s.startsWith('{')) ?? 'default';
  const keys = [...new Set(ops.map(keyOf))].sort(compareStrings);
  const resources = new Map<string, string>();
  const taken = new Set<string>(CLIENT_MEMBERS);
  const shared = sharedPrefix(keys);
  for (const k of keys) {
    let base = camelCase(words(k).slice(shared), 'api');
    if (isReserved(base) || CLIENT_MEMBERS.has(base)) base += 'Api';
    resources.set(k, claim(base, taken));
  }
  const byResource = new Map<string, Operation[]>();
  for (const op of ops) {
    const r = resources.get(keyOf(op))!;
    const list = byResource.get(r);
    if (list) list.push(op);
    else byResource.set(r, [op]);
  }
  const methods = new Map<Operation, { method: string; iterator?: string; pages?: string }>();
  for (const [resource, list] of byResource) {
    const resourceWords = words(resource).map((w) => w.toLowerCase());
    const sorted = [...list].sort((a, b) => compareStrings(a.operationId, b.operationId));
    const short = new Map(sorted.map((op) => [op, stripWords(op.name, resourceWords, pathWords(op.path))]));
    const counts = new Map<string, number>();
    for (const s of short.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const used = new Set<string>(['constructor', '__proto__', 'prototype']);
    for (const op of sorted) {
      const s = short.get(op)!;
      const method = claim(s !== '' && counts.get(s) === 1 ? s : op.name, used);
      methods.set(op, { method, ...(op.pagination ? { iterator: claim(method + 'All', used), pages: claim(method + 'Pages', used) } : {}) });
    }
  }
  const functionNames = new Set(ops.flatMap(valueNamesOf));
  return ops.map((op) => {
    const m = methods.get(op)!;
    const paging = m.iterator && m.pages ? { iteratorMethod: m.iterator, pagesMethod: m.pages } : {};
    return { ...op, resource: resources.get(keyOf(op))!, clientMethod: m.method, ...paging, parameters: withArgNames(op, functionNames) };
  });
}

/** The functions client.ts declares for an operation (createClient calls them: no argument may shadow one). */
function valueNamesOf(op: Operation): string[] {
  return [op.name, ...(op.iteratorFunction ? [op.iteratorFunction] : []), ...(op.pagesFunction ? [op.pagesFunction] : []), ...(op.pageFunction ? [op.pageFunction] : [])];
}

/** A paged operation's iterator names (none for another). */
function pagingNames(op: Operation): Pick<Operation, 'iteratorMethod' | 'pagesMethod' | 'iteratorFunction' | 'pagesFunction' | 'pageFunction'> {
  const out: Pick<Operation, 'iteratorMethod' | 'pagesMethod' | 'iteratorFunction' | 'pagesFunction' | 'pageFunction'> = {};
  if (op.iteratorMethod !== undefined) out.iteratorMethod = op.iteratorMethod;
  if (op.pagesMethod !== undefined) out.pagesMethod = op.pagesMethod;
  if (op.iteratorFunction !== undefined) out.iteratorFunction = op.iteratorFunction;
  if (op.pagesFunction !== undefined) out.pagesFunction = op.pagesFunction;
  if (op.pageFunction !== undefined) out.pageFunction = op.pageFunction;
  return out;
}

/** An enum schema's members named (any other schema as it is). */
function namedMembers<T extends NamedSchema['schema']>(schema: T): T {
  return schema.kind === 'enum' ? { ...schema, members: nameMembers(schema.members) } : schema;
}

/** The operation's parameters, path parameters with their positional argument names. */
function withArgNames(op: Operation, functionNames: ReadonlySet<string>): Operation['parameters'] {
  // The names an operation function's or a client method's body uses besides its parameters: its input object,
  // its per-call options, `core` (the client core), and the operation functions and iterator functions
  // (client.hbs's createClient calls them: a path parameter named like one would shadow it).
  const args = new Set(['input', 'options', 'core']);
  return op.parameters.map((p) => {
    if (p.in !== 'path') return p;
    let base = camelCase([p.name], 'param');
    if (isReserved(base)) base += 'Param';
    while (functionNames.has(base)) base += 'Arg';
    return { ...p, argName: claim(base, args) };
  });
}

/**
 * How many leading words every resource key shares (`ChatV2Credential`, `ChatV2Service`… share `Chat`, `V2`), to
 * be dropped from each: none with a single key, and never a key's last word.
 */
function sharedPrefix(keys: readonly string[]): number {
  if (keys.length < 2) return 0;
  const all = keys.map((k) => words(k).map((w) => w.toLowerCase()));
  const shortest = Math.min(...all.map((ws) => ws.length));
  let n = 0;
  while (n < shortest - 1 && all.every((ws) => ws[n] === all[0]![n])) n++;
  return n;
}

/** The words of a path's fixed segments, lower case and singular (`/Services/{Sid}/Channels` → service, channel). */
function pathWords(path: string): Set<string> {
  const out = new Set<string>();
  for (const seg of path.split('/')) if (seg !== '' && !seg.startsWith('{')) for (const w of words(seg)) out.add(w.toLowerCase().replace(/s$/, ''));
  return out;
}

/**
 * `updateDmMember` without the words of `dmMembers` (singular or plural, as one run) → `update`; `reposGet` in
 * `repos` → `get`. When the run ends the name, the words between the first and it go too if they are words of the
 * operation's path, its parents: `listChannelWebhook` of `/Channels/{ChannelSid}/Webhooks` in `webhooks` → `list`
 * (but `getAuthenticatedUser` of `/user` in `users` stays `getAuthenticated`).
 */
function stripWords(name: string, resourceWords: string[], inPath: ReadonlySet<string>): string {
  const ws = words(name);
  const lower = ws.map((w) => w.toLowerCase());
  const singular = (w: string) => w.replace(/s$/, '');
  // The longest run of the name's words that ends the resource's words (plural or singular) is removed.
  for (let len = Math.min(resourceWords.length, lower.length); len >= 1; len--) {
    const tail = resourceWords.slice(resourceWords.length - len).map(singular);
    for (let start = 0; start + len <= lower.length; start++) {
      const run = lower.slice(start, start + len).map(singular);
      if (!run.every((w, i) => w === tail[i])) continue;
      let from = start;
      if (start + len === lower.length && start > 1 && lower.slice(1, start).every((w) => inPath.has(singular(w)))) from = 1;
      const rest = [...ws.slice(0, from), ...ws.slice(start + len)];
      return rest.length === 0 ? '' : camelCase(rest);
    }
  }
  return name;
}

function typeName(hint: string[]): string {
  const base = pascalCase(hint);
  return isReserved(base) ? base + 'Model' : base;
}

function nameMembers(members: EnumMember[]): EnumMember[] {
  const taken = new Set<string>();
  return members.map((m) => {
    let base = m.name !== '' && isIdentifier(m.name) && m.name !== '__proto__' ? m.name : memberName(m.value);
    if (base === '__proto__' || base === 'constructor' || base === 'prototype') base = pascalCase([base]);
    return { ...m, name: claim(base, taken) };
  });
}

function memberName(value: EnumMember['value']): string {
  if (typeof value === 'object') return 'Value';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    const s = String(value).replace('-', 'Minus').replace('.', '_').replace('+', '');
    return 'Value' + s;
  }
  if (value === '') return 'Empty';
  if (words(value).length === 0) return 'Value';
  return pascalCase([value], 'Value');
}
