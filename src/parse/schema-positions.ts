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
 * Calls `visit` for each schema object reachable from `doc` without following `$ref`s, with its own keys, before
 * its children (so that a visit may restructure them: it then returns true), children in document order. Iterative: two parallel stacks, no
 * allocation per object but the key lists.
 */
export function forEachSchema(doc: unknown, visit: (schema: Record<string, unknown>, keys: string[]) => boolean | void): void {
  const nodes: unknown[] = [doc];
  const inSchema: boolean[] = [false];
  const push = (v: unknown, schema: boolean) => {
    if (v !== null && typeof v === 'object') {
      nodes.push(v);
      inSchema.push(schema);
    }
  };
  const components = isObject(doc) ? doc.components : undefined;
  while (nodes.length > 0) {
    const obj = nodes.pop() as Record<string, unknown>;
    const isSchema = inSchema.pop()!;
    // Children are pushed in reverse, so that they are visited in document order.
    if (isSchema && !Array.isArray(obj)) {
      // The visit gets the keys; when it says it changed the schema, they are read again.
      let keys = Object.keys(obj);
      if (visit(obj, keys) === true) keys = Object.keys(obj);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const v = obj[key];
        if (SCHEMA_VALUED.has(key)) push(v, true);
        else if (SCHEMA_ARRAYS.has(key) && Array.isArray(v)) for (let j = v.length - 1; j >= 0; j--) push(v[j], true);
        else if (SCHEMA_MAPS.has(key) && isObject(v)) pushValues(v, push);
      }
    } else {
      const keys = Object.keys(obj);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        const v = obj[key];
        if (key === 'schema') push(v, true);
        else if (key === 'schemas' && obj === components && isObject(v)) pushValues(v, push);
        else if (!isExampleKey(key)) push(v, false);
      }
    }
  }
}

function pushValues(map: Record<string, unknown>, push: (v: unknown, schema: boolean) => void): void {
  const names = Object.keys(map);
  for (let j = names.length - 1; j >= 0; j--) push(map[names[j]!], true);
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
      } else if (t === 'definitions' && i === 0 && i + 1 < tokens.length) {
        // Swagger 2.0's named schemas (a 3.x document has no root `definitions`).
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
