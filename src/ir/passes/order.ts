import { METHODS } from '../from-openapi/operation.js';
import type { IrDocument, Operation } from '../types.js';
import { compareStrings } from '../../compare.js';
import { memoized, type PassMemo } from '../memo.js';

/**
 * The documented output order, independent of the order of keys in the spec:
 * - named schemas by name (code-point order);
 * - operations by path, then method in the order get, put, post, delete, options, head, patch, trace;
 * - responses by status (1XX–5XX codes numerically, a range `4XX` after its codes, `default` last);
 *   media types by name; response headers by name; security schemes by key.
 * Kept in spec order, because the order is meaning: object properties, enum members, parameters (arrays),
 * union and intersection members, servers.
 */
export function order(doc: IrDocument, memo?: PassMemo): IrDocument {
  const ops = memo?.byUnit<Operation, Operation>('operations');
  const ordered = (op: Operation) => memoized(ops, op, orderOperation);
  return {
    ...doc,
    schemas: [...doc.schemas].sort((a, b) => compareStrings(a.name, b.name)),
    operations: [...doc.operations].sort((a, b) => compareStrings(a.path, b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)).map(ordered),
    securitySchemes: [...doc.securitySchemes].sort((a, b) => compareStrings(a.key, b.key)),
  };
}

function orderOperation(op: Operation): Operation {
  const byMedia = <T extends { mediaType: string }>(xs: T[]) => [...xs].sort((a, b) => compareStrings(a.mediaType, b.mediaType));
  return {
    ...op,
    ...(op.requestBody ? { requestBody: { ...op.requestBody, content: byMedia(op.requestBody.content) } } : {}),
    responses: [...op.responses]
      .sort((a, b) => statusRank(a.status) - statusRank(b.status))
      .map((r) => ({ ...r, content: byMedia(r.content), headers: [...r.headers].sort((a, b) => compareStrings(a.name, b.name)) })),
  };
}

/** 200 → 200.0, 2XX → 299.5, default → 1000. */
export function statusRank(status: string): number {
  if (status === 'default') return 1000;
  if (/^[1-5]XX$/.test(status)) return Number(status[0]) * 100 + 99.5;
  return Number(status);
}
