import type { EnumMember, IrDocument, NamedSchema, Operation } from '../types.js';
import { camelCase, claim, isIdentifier, isReserved, pascalCase, RUNTIME_NAMES, words } from './naming-rules.js';
import { compareStrings } from '../../compare.js';
import type { PassMemo } from '../memo.js';
import { functionNamesOf, isQuery, targetNames } from './target-names.js';

/**
 * The one pass that gives names. Candidates claim names in a fixed order, so that the result does not depend
 * on the order of keys in the spec:
 * 1. component schemas, by their key (code-point order);
 * 2. hoisted schemas (inline enums), by their hint, then pointer;
 * 3. the write variants (`<Name>Writable`) of schemas whose request shape differs, in the order of 1–2;
 * 4. per-operation types (`<Op>PathParams`, `<Op>Query`, `<Op>Headers`, `<Op>Cookies`, `<Op>Body`,
 *    `<Op>Responses`, `<Op>Response`), by operationId;
 * 5. operation identifiers (camelCase operationId), by operationId, never the name of a schema;
 * 6. path parameters' positional argument names (see `withArgNames`).
 * The targets' names (the client's methods, iterators and `<Op>Input`, the server's `<Op>Context`, the query
 * target's factories…) are not the API's: the emit side computes them from the named IR by the same rules
 * (`target-names.ts`), claimed after these.
 * The runtime's own names (`ApiError`, `Handlers`…) are taken before anything else.
 * A name that is a reserved word or a global (`Date`, `Blob`, `Object`, `Promise`…) gets the suffix `Model`
 * (operations: `Op`); a name already claimed gets `2`, `3`… Enum members are named from their values in
 * PascalCase, unique within their enum.
 */
export function assignNames(doc: IrDocument, memo?: PassMemo): IrDocument {
  const last = memo?.last<Naming>('naming');
  if (last && sameNaming(doc, last)) return renamed(doc, last);
  const { doc: out, functionNames } = assignAll(doc);
  if (memo) {
    const byInput = new Map<object, object>();
    doc.schemas.forEach((s, i) => byInput.set(s, out.schemas[i]!));
    doc.operations.forEach((op, i) => byInput.set(op, out.operations[i]!));
    memo.keep<Naming>('naming', { inputs: { schemas: doc.schemas, operations: doc.operations }, schemas: out.schemas, operations: out.operations, byInput, functionNames });
  }
  return out;
}

/** What naming keeps between runs (`--watch`): the last run's inputs and named objects. */
interface Naming {
  inputs: { schemas: readonly NamedSchema[]; operations: readonly Operation[] };
  schemas: NamedSchema[];
  operations: Operation[];
  byInput: Map<object, object>;
  /** The value names the client declares for the operations (no positional argument may take one). */
  functionNames: ReadonlySet<string>;
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
  const functionNames = memo.functionNames;
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
      parameters: withArgNames(op, functionNames),
    };
    next.set(op, out);
    return out;
  });
  Object.assign(memo, { schemas, operations, byInput: next });
  return { ...doc, schemas, operations };
}

function assignAll(doc: IrDocument): { doc: IrDocument; functionNames: ReadonlySet<string> } {
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
  const named = doc.operations.map((op) => ({ ...op, name: opNames.get(op)!, typeNames: opTypes.get(op)! }));
  // The client's functions (createClient calls them) are names no positional argument may take.
  const table = targetNames({ ...doc, schemas, operations: named });
  const functionNames = new Set(named.flatMap((op) => functionNamesOf(op, table.get(op)!)));
  const operations = named.map((op) => ({ ...op, parameters: withArgNames(op, functionNames) }));
  return { doc: { ...doc, schemas, operations }, functionNames };
}

/** An enum schema's members named (any other schema as it is). */
function namedMembers<T extends NamedSchema['schema']>(schema: T): T {
  return schema.kind === 'enum' ? { ...schema, members: nameMembers(schema.members) } : schema;
}

/** The operation's parameters, path parameters with their positional argument names. */
function withArgNames(op: Operation, functionNames: ReadonlySet<string>): Operation['parameters'] {
  // The names an operation function's or a client method's body uses besides its parameters: its input object,
  // its per-call options, `core` (the client core), `from` (a paged operation's page function: the page a
  // `PageRef` says), and the operation functions and iterator functions (client.hbs's createClient calls them: a
  // path parameter named like one would shadow it).
  const args = new Set(['input', 'options', 'core', 'from']);
  return op.parameters.map((p) => {
    if (p.in !== 'path') return p;
    let base = camelCase([p.name], 'param');
    if (isReserved(base)) base += 'Param';
    while (functionNames.has(base)) base += 'Arg';
    return { ...p, argName: claim(base, args) };
  });
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
