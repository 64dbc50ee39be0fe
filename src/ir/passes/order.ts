import { METHODS } from '../build/operation.js';
import type { IrDocument } from '../types.js';

/**
 * The documented output order: named schemas by name (code-point order); operations by path, then method in
 * the order get, put, post, delete, options, head, patch, trace; security schemes by key. Properties, enum
 * members, parameters, media types and responses keep the order of the spec.
 */
export function order(doc: IrDocument): IrDocument {
  return {
    ...doc,
    schemas: [...doc.schemas].sort((a, b) => cmp(a.name, b.name)),
    operations: [...doc.operations].sort((a, b) => cmp(a.path, b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method)),
    securitySchemes: [...doc.securitySchemes].sort((a, b) => cmp(a.key, b.key)),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
