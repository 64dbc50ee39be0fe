/**
 * Which keys of an OpenAPI document hold schemas. Used by the bundler (to decide whether an external `$ref`
 * becomes a named component schema or is inlined) and by the 3.0 upgrade (to visit every schema once).
 */

/** Keys inside a schema whose value is one schema. */
export const SCHEMA_VALUED = new Set([
  'items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames',
  'unevaluatedProperties', 'unevaluatedItems', 'additionalItems',
]);
/** Keys inside a schema whose value is an array of schemas. */
export const SCHEMA_ARRAYS = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems']);
/** Keys inside a schema whose value is a map of schemas. */
export const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/**
 * Calls `visit` for each schema object reachable from `doc` without following `$ref`s, with its pointer tokens.
 * Iterative, children in document order.
 */
export function forEachSchema(doc: unknown, visit: (schema: Record<string, unknown>, tokens: string[]) => void): void {
  const stack: Array<[unknown, string[], boolean]> = [[doc, [], false]];
  while (stack.length > 0) {
    const [node, tokens, isSchema] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const obj = node as Record<string, unknown>;
    const children: Array<[unknown, string[], boolean]> = [];
    if (isSchema && !Array.isArray(node)) {
      visit(obj, tokens);
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        if (SCHEMA_VALUED.has(key)) children.push([v, [...tokens, key], true]);
        else if (SCHEMA_ARRAYS.has(key) && Array.isArray(v)) v.forEach((s, i) => children.push([s, [...tokens, key, String(i)], true]));
        else if (SCHEMA_MAPS.has(key) && isObject(v)) for (const k of Object.keys(v)) children.push([v[k], [...tokens, key, k], true]);
      }
    } else {
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        const childTokens = [...tokens, key];
        if (key === 'schema') children.push([v, childTokens, true]);
        else if (key === 'schemas' && tokens.length === 1 && tokens[0] === 'components' && isObject(v)) {
          for (const k of Object.keys(v)) children.push([v[k], [...childTokens, k], true]);
        } else if (!isExampleKey(key)) children.push([v, childTokens, false]);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** True when the value at `tokens` (read from the document root) is in a schema position. */
export function isSchemaPosition(tokens: readonly string[]): boolean {
  let inSchema = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!inSchema) {
      if (t === 'schema') inSchema = true;
      else if (t === 'schemas' && i === 1 && tokens[0] === 'components' && i + 1 < tokens.length) {
        inSchema = true;
        i++;
      } else if (isExampleKey(t)) return false;
      continue;
    }
    if (SCHEMA_VALUED.has(t)) continue;
    if (SCHEMA_ARRAYS.has(t) || SCHEMA_MAPS.has(t)) {
      i++;
      continue;
    }
    return false;
  }
  return inSchema;
}

/** Keys outside schemas whose values are data (examples, extensions), never schemas. */
function isExampleKey(key: string): boolean {
  return key === 'example' || key === 'examples' || key.startsWith('x-');
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
