/**
 * What one IR pass keeps from one build of a spec to the next (`--watch`, `IrCache`): results by unit (a named
 * schema, an operation, a schema node shared by operations) and, for a pass that can skip a whole run, values.
 * A unit that is the same object as in the last run, under the same context, keeps its result, so that it keeps
 * its IR objects and later stages reuse their work by identity. A pass gets one from `ir/index.ts` (or none, for a
 * cold build) and is the same IR in, IR out either way: the memo only saves work.
 */
export class PassMemo {
  private readonly units = new Map<string, Units<unknown, unknown>>();
  private readonly values = new Map<string, unknown>();

  /**
   * The results by unit under `slot` for this run. The last run's stay valid while `context` (what every result
   * also depends on, compared item by item: the same strings, the same objects) is the same; else they are dropped.
   */
  byUnit<K, V>(slot: string, context: readonly unknown[] = []): Units<K, V> {
    let u = this.units.get(slot);
    if (!u) this.units.set(slot, (u = new Units()));
    u.begin(context);
    return u as Units<K, V>;
  }

  /** A value kept by `keep` (the last run that kept one). */
  last<T>(slot: string): T | undefined {
    return this.values.get(slot) as T | undefined;
  }

  keep<T>(slot: string, value: T): void {
    this.values.set(slot, value);
  }

  /** Ends a run (ir/index.ts, after the pass): what each slot used or made this run is what the next run finds. */
  settle(): void {
    for (const u of this.units.values()) u.settle();
  }
}

/** One slot's results by unit: this run's, and the last run's (while the context holds). */
export class Units<K, V> {
  private last = new Map<K, V>();
  private current = new Map<K, V>();
  private context: readonly unknown[] | undefined;
  private used = false;

  /** Starts (or continues) this run's use of the slot under `context`. */
  begin(context: readonly unknown[]): void {
    if (!this.used && !(this.context && sameItems(this.context, context))) this.last = new Map();
    this.context = context;
    this.used = true;
  }

  /** This run's result for `unit`, else the last run's. */
  get(unit: K): V | undefined {
    return this.current.get(unit) ?? this.last.get(unit);
  }

  /** The last run's result for `unit` only. */
  kept(unit: K): V | undefined {
    return this.last.get(unit);
  }

  set(unit: K, value: V): void {
    this.current.set(unit, value);
  }

  /** The result for `unit`: this run's or the last run's, else `f(unit)`; recorded for the next run. */
  through(unit: K, f: (unit: K) => V): V {
    let v = this.get(unit);
    if (v === undefined) v = f(unit);
    this.current.set(unit, v);
    return v;
  }

  /** A slot used this run hands what it used or made to the next; one that was not keeps what it had. */
  settle(): void {
    if (!this.used) return;
    this.last = this.current;
    this.current = new Map();
    this.used = false;
  }
}

/** `f(unit)`, through `units` when there are any (a build with a cache). */
export function memoized<K, V>(units: Units<K, V> | undefined, unit: K, f: (unit: K) => V): V {
  return units ? units.through(unit, f) : f(unit);
}

/** Whether two lists hold the same items (the same strings, the same objects), in order. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
