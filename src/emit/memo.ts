import type { Operation } from '../ir/types.js';

/**
 * Results of a function of one operation, kept from one run to the next (`--watch`) while the operation is the
 * same object (the IR cache keeps an unchanged operation's object). What a run did not ask for is dropped.
 */
export class ByOperation<T> {
  private last = new Map<Operation, T>();
  private current = new Map<Operation, T>();

  get(op: Operation, f: (op: Operation) => T): T {
    let v = this.current.get(op) ?? this.last.get(op);
    if (v === undefined) v = f(op);
    this.current.set(op, v);
    return v;
  }

  /** Ends a run. */
  settle(): void {
    this.last = this.current;
    this.current = new Map();
  }
}

/** The per-operation memos of one target between runs, by name. */
export class EmitMemo {
  private readonly memos = new Map<string, ByOperation<unknown>>();

  byOperation<T>(name: string): ByOperation<T> {
    let m = this.memos.get(name);
    if (!m) this.memos.set(name, (m = new ByOperation<unknown>()));
    return m as ByOperation<T>;
  }

  settle(): void {
    for (const m of this.memos.values()) m.settle();
  }
}

/** `f(op)`, through the memo when there is one. */
export function perOperation<T>(memo: ByOperation<T> | undefined, op: Operation, f: (op: Operation) => T): T {
  return memo ? memo.get(op, f) : f(op);
}
