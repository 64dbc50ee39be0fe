import { memoized, PassMemo, type Units } from '../ir/memo.js';
import type { Operation } from '../ir/types.js';

/**
 * Results of a function of one operation, kept from one run to the next (`--watch`) while the operation is the
 * same object (the IR cache keeps an unchanged operation's object). What a run did not ask for is dropped.
 */
export type ByOperation<T> = Units<Operation, T>;

/** The per-operation memos of one target between runs, by name: the IR passes' memo (ir/memo.ts), by operation. */
export class EmitMemo extends PassMemo {
  byOperation<T>(name: string): ByOperation<T> {
    return this.byUnit<Operation, T>(name);
  }
}

/** `f(op)`, through the memo when there is one. */
export function perOperation<T>(memo: ByOperation<T> | undefined, op: Operation, f: (op: Operation) => T): T {
  return memoized(memo, op, f);
}
