import type { IrDocument, NamedSchema, Operation } from '../ir/types.js';
import { isQuery, targetNames, type NamingTable, type OperationTargetNames } from '../ir/passes/target-names.js';
import type { EmitMemo } from './memo.js';

export type { NamingTable, OperationTargetNames } from '../ir/passes/target-names.js';

/** The tables of this process's IR documents: the targets of one run share their document's. */
const tables = new WeakMap<IrDocument, NamingTable>();

/** What a target keeps between runs (`--watch`): the last run's schemas, operations and table. */
interface KeptNames {
  schemas: readonly NamedSchema[];
  operations: readonly Operation[];
  table: NamingTable;
}

/**
 * The targets' names of the document's operations (`targetNames`), computed once per document. With a memo
 * (`--watch`), the last run's table serves while everything the names are made from is alike (each operation the
 * same object or alike in `nameKey`, each schema the same names): an edited summary renames nothing.
 */
export function namingTable(ir: IrDocument, memo?: EmitMemo): NamingTable {
  let table = tables.get(ir);
  if (!table) {
    const last = memo?.last<KeptNames>('names');
    table = last && sameNames(last, ir) ? carried(last, ir) : targetNames(ir);
    tables.set(ir, table);
  }
  memo?.keep<KeptNames>('names', { schemas: ir.schemas, operations: ir.operations, table });
  return table;
}

function sameNames(last: KeptNames, ir: IrDocument): boolean {
  if (last.schemas.length !== ir.schemas.length || last.operations.length !== ir.operations.length) return false;
  for (let i = 0; i < ir.schemas.length; i++) {
    const a = last.schemas[i]!;
    const b = ir.schemas[i]!;
    if (a !== b && (a.name !== b.name || a.writeName !== b.writeName)) return false;
  }
  for (let i = 0; i < ir.operations.length; i++) {
    const a = last.operations[i]!;
    const b = ir.operations[i]!;
    if (a !== b && nameKey(a) !== nameKey(b)) return false;
  }
  return true;
}

/** What an operation's target names are made from: its ids, path, first tag, whether it pages or is a query, its types' names. */
function nameKey(op: Operation): string {
  const n = op.typeNames;
  return [op.operationId, op.name, op.path, op.tags[0] ?? '', op.pagination ? 1 : 0, isQuery(op) ? 1 : 0, n.pathParams, n.query, n.headers, n.cookies, n.body, n.responses, n.response].join('\u0001');
}

/** The last run's table for this run's operations, by position. */
function carried(last: KeptNames, ir: IrDocument): NamingTable {
  const out = new Map<Operation, OperationTargetNames>();
  ir.operations.forEach((op, i) => out.set(op, last.table.get(last.operations[i]!)!));
  return out;
}
