import type { IrDocument, Operation } from '../types.js';
import { camelCase, claim, isReserved, pascalCase, RUNTIME_NAMES, words } from './naming-rules.js';
import { compareStrings } from '../../compare.js';

/**
 * The names the targets give an operation's code, beside the API's own names the IR holds (`Operation.name`,
 * `typeNames`): computed on the emit side from a named IR (`targetNames`), by the names pass's rules.
 */
export interface OperationTargetNames {
  /** The client's resource group (camelCase, from the first tag, else the first path segment). */
  resource: string;
  /** The method name within its resource (the operation name without the resource's words). */
  clientMethod: string;
  /** The client's async-iterator and page-iterator methods of a paged operation (`listAll`, `listPages`). */
  iteratorMethod?: string;
  pagesMethod?: string;
  /** The client's functions of a paged operation: items (`reposListForOrgAll`) and pages (`…Pages`). */
  iteratorFunction?: string;
  pagesFunction?: string;
  /** The client's function of one page of a paged operation, the call's or the one a page's `next` says (`reposListForOrgPage`). */
  pageFunction?: string;
  /** The client's input object type and error union type (`<Op>Input`, `<Op>Error`), and the guard that narrows to that union (`is<Op>Error`). */
  input: string;
  error: string;
  errorGuard: string;
  /** The server handler's context and result types (`<Op>Context`, `<Op>Result`). */
  context: string;
  result: string;
  /**
   * The query target's TanStack Query option factories (values, claimed after every other name): a GET or HEAD
   * operation's `<op>QueryOptions`, any other's `<op>MutationOptions`, and a paged one's `<op>InfiniteQueryOptions`.
   */
  queryOptions?: string;
  mutationOptions?: string;
  infiniteQueryOptions?: string;
}

/** Every operation's target names, by operation (the object of the IR it was computed from). */
export type NamingTable = ReadonlyMap<Operation, OperationTargetNames>;

/** Whether TanStack Query reads the operation (GET, HEAD: `useQuery`) rather than runs it (`useMutation`). */
export function isQuery(op: Pick<Operation, 'method'>): boolean {
  return op.method === 'get' || op.method === 'head';
}

/**
 * The targets' names of a named IR's operations (pure: the same IR gives the same table). They are claimed after
 * the IR's names, in the namespaces they share with them, in a fixed order:
 * 1. the client's `<Op>Input`, `<Op>Error` and the server's `<Op>Context`, `<Op>Result` types, by operationId,
 *    beside the runtime's names, the schemas' and the operations' types (their suffixes are none of the IR's:
 *    claiming them after the IR's gives the names claiming them between gave);
 * 2. values, beside the runtime's names, the schemas' validators and the operation identifiers: the client's error
 *    guards (`is<Op>Error`), then for paged operations the iterator functions (`<op>All`, `<op>Pages`), then the
 *    page functions (`<op>Page`);
 * 3. the query target's option factories (`<op>QueryOptions` or `<op>MutationOptions`, `<op>InfiniteQueryOptions`),
 *    after every other value: a user imports them beside the client's functions, so they share one namespace;
 * 4. client resources and methods (see `clientNames`).
 * A value that is a reserved word or a global gets `Op`; a name already claimed gets `2`, `3`…
 */
export function targetNames(doc: IrDocument): NamingTable {
  const schemaNames = doc.schemas.flatMap((s) => (s.writeName ? [s.name, s.writeName] : [s.name]));
  const typeNames = new Set<string>([...RUNTIME_NAMES, ...schemaNames]);
  for (const op of doc.operations) {
    const n = op.typeNames;
    for (const name of [n.pathParams, n.query, n.headers, n.cookies, n.body, n.responses, n.response]) typeNames.add(name);
  }
  const opsById = [...doc.operations].sort((a, b) => compareStrings(a.operationId, b.operationId) || compareStrings(a.path, b.path));
  const out = new Map<Operation, OperationTargetNames>();
  for (const op of opsById) {
    const base = pascalCase([op.operationId], 'Operation');
    const input = claim(base + 'Input', typeNames);
    const error = claim(base + 'Error', typeNames);
    const context = claim(base + 'Context', typeNames);
    const result = claim(base + 'Result', typeNames);
    out.set(op, { resource: '', clientMethod: '', input, error, errorGuard: '', context, result });
  }
  const valueNames = new Set<string>([...RUNTIME_NAMES, ...schemaNames, ...doc.operations.map((op) => op.name)]);
  // The client's error guards (`isUpdateDmMemberError`) are values beside the operation functions.
  for (const op of opsById) out.get(op)!.errorGuard = claim('is' + out.get(op)!.error, valueNames);
  // A paged operation's standalone iterators, claimed last: no other name changes because an operation pages.
  for (const op of opsById) {
    if (!op.pagination) continue;
    const n = out.get(op)!;
    n.iteratorFunction = claim(op.name + 'All', valueNames);
    n.pagesFunction = claim(op.name + 'Pages', valueNames);
  }
  for (const op of opsById) if (op.pagination) out.get(op)!.pageFunction = claim(op.name + 'Page', valueNames);
  // The query target's factories, last of all values: no other name changes because of them.
  for (const op of opsById) {
    const n = out.get(op)!;
    if (isQuery(op)) n.queryOptions = claimValue(op.name + 'QueryOptions', valueNames);
    else n.mutationOptions = claimValue(op.name + 'MutationOptions', valueNames);
  }
  for (const op of opsById) if (op.pagination && isQuery(op)) out.get(op)!.infiniteQueryOptions = claimValue(op.name + 'InfiniteQueryOptions', valueNames);
  clientNames(doc.operations, out);
  return out;
}

/** The value names the client declares for an operation (createClient calls them: no argument may shadow one). */
export function functionNamesOf(op: Operation, names: OperationTargetNames): string[] {
  return [op.name, ...(names.iteratorFunction ? [names.iteratorFunction] : []), ...(names.pagesFunction ? [names.pagesFunction] : []), ...(names.pageFunction ? [names.pageFunction] : [])];
}

/** A value's name: `Op` after a reserved word, a global or a runtime name, then unique among `taken`. */
function claimValue(base: string, taken: Set<string>): string {
  return claim(isReserved(base) ? base + 'Op' : base, taken);
}

/** Members of the generated client object that resources must not shadow. */
const CLIENT_MEMBERS = new Set(['options', 'request', 'withOptions', 'fetch', 'auth', 'baseUrl', 'constructor', 'prototype', '__proto__']);

/**
 * Client names. Resources: the first tag, else the first path segment, camelCase, without the words every key
 * starts with (Twilio's tags all start `ChatV2`), claimed in code-point order of their source. Methods: the
 * operation name without the resource's words (`updateDmMember` in `dmMembers` → `update`; see `stripWords`),
 * unless that leaves nothing or collides within the resource (then the full name), claimed by operationId; a
 * paged operation also gets `<method>All` and `<method>Pages`.
 */
function clientNames(ops: readonly Operation[], out: Map<Operation, OperationTargetNames>): void {
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
    out.get(op)!.resource = r;
    const list = byResource.get(r);
    if (list) list.push(op);
    else byResource.set(r, [op]);
  }
  for (const [resource, list] of byResource) {
    const resourceWords = words(resource).map((w) => w.toLowerCase());
    const sorted = [...list].sort((a, b) => compareStrings(a.operationId, b.operationId));
    const short = new Map(sorted.map((op) => [op, stripWords(op.name, resourceWords, pathWords(op.path))]));
    const counts = new Map<string, number>();
    for (const s of short.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const used = new Set<string>(['constructor', '__proto__', 'prototype']);
    for (const op of sorted) {
      const s = short.get(op)!;
      const n = out.get(op)!;
      n.clientMethod = claim(s !== '' && counts.get(s) === 1 ? s : op.name, used);
      if (op.pagination) {
        n.iteratorMethod = claim(n.clientMethod + 'All', used);
        n.pagesMethod = claim(n.clientMethod + 'Pages', used);
      }
    }
  }
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
