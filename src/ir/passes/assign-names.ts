import type { EnumMember, IrDocument, NamedSchema, Operation } from '../types.js';
import { camelCase, claim, isIdentifier, isReserved, pascalCase, words } from './naming-rules.js';

/**
 * The one pass that gives names. Candidates claim names in a fixed order, so that the result does not depend
 * on the order of keys in the spec:
 * 1. component schemas, by their key (code-point order);
 * 2. hoisted schemas (inline enums), by their hint, then pointer;
 * 3. the write variants (`<Name>Writable`) of schemas whose request shape differs, in the order of 1–2;
 * 4. per-operation types (`<Op>PathParams`, `<Op>Query`, `<Op>Headers`, `<Op>Cookies`, `<Op>Body`,
 *    `<Op>Responses`, `<Op>Response`), operations by operationId;
 * 5. operation identifiers (camelCase operationId), by operationId.
 * A name that is a reserved word or a global (`Date`, `Blob`, `Object`, `Promise`…) gets the suffix `Model`
 * (operations: `Op`); a name already claimed gets `2`, `3`… Enum members are named from their values in
 * PascalCase, unique within their enum.
 */
export function assignNames(doc: IrDocument): IrDocument {
  const typeNames = new Set<string>();
  const byHint = (a: NamedSchema, b: NamedSchema): number =>
    cmp(a.nameHint.join('\u0000'), b.nameHint.join('\u0000')) || cmp(a.id, b.id);
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
    const schema = s.schema.kind === 'enum' ? { ...s.schema, members: nameMembers(s.schema.members) } : s.schema;
    return { ...s, name: n.name, ...(n.writeName ? { writeName: n.writeName } : {}), schema };
  });
  const opsById = [...doc.operations].sort((a, b) => cmp(a.operationId, b.operationId) || cmp(a.path, b.path));
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
  const valueNames = new Set(schemas.filter((s) => s.schema.kind === 'enum').map((s) => s.name));
  const opNames = new Map<Operation, string>();
  for (const op of opsById) {
    let base = camelCase([op.operationId]);
    if (isReserved(base)) base += 'Op';
    opNames.set(op, claim(base, valueNames));
  }
  const operations = doc.operations.map((op) => ({ ...op, name: opNames.get(op)!, typeNames: opTypes.get(op)! }));
  return { ...doc, schemas, operations };
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
