import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { runtimeFiles, typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

/** Type-level probes against the golden Whop output: is() narrows to the types target's types. */
const PROBE = `
import type * as T from './types.js';
import * as v from './validators.js';

export function member(x: unknown): T.DmMember | undefined {
  if (v.DmMember.is(x)) {
    const m: T.DmMember = x;
    const s: T.DmsFeedMemberStatuses = m.status;
    void s;
    return m;
  }
  // @ts-expect-error: not narrowed outside the guard
  const wrong: T.DmMember = x;
  void wrong;
  return undefined;
}

export function status(x: unknown): T.DmsFeedMemberStatuses | undefined {
  if (v.DmsFeedMemberStatuses.is(x)) return x;
  return undefined;
}

export function result(x: unknown): string {
  const r = v.DmMember.validate(x);
  if (r.ok) return r.value.user_id;
  return r.issues.map((i) => i.path + ' ' + i.keyword + ' ' + i.schemaPointer).join(';');
}

export function body(x: unknown): T.UpdateDmMemberBody | undefined {
  const b = v.updateDmMember.body['application/json'];
  return b.is(x) ? x : undefined;
}

export function wrongNarrowing(x: unknown): void {
  if (v.DmMember.is(x)) {
    // @ts-expect-error: a DmMember is not an Error envelope
    const e: T.ErrorModel = x;
    void e;
  }
}

export type Std = (typeof v.DmMember)['~standard']['version'];
export const one: Std = 1;
`;

describe('is() narrows to the types target', () => {
  it.each(['bundler', 'nodenext'] as Resolution[])('%s', (resolution) => {
    const dir = tempDir();
    const golden = join(ROOT, 'test/golden/whop-dm-members');
    const files = writeFiles(dir, [
      { path: 'types.ts', content: readFileSync(join(golden, 'types.ts'), 'utf8') },
      { path: 'validators.ts', content: readFileSync(join(golden, 'validators.ts'), 'utf8') },
      { path: 'probe.ts', content: PROBE },
      ...runtimeFiles(),
    ]);
    expect(typecheck(files, resolution)).toEqual([]);
  });
});
