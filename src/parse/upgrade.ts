import { forEachSchema, isObject, isSchemaPosition } from './schema-positions.js';

/**
 * The one place where an OpenAPI 3.0 document is brought to the 3.1 (JSON Schema 2020-12) shape that the IR
 * builder reads. In place, on the document we parsed ourselves:
 * - `nullable: true` → `null` added to `type` (and to `enum`); without a `type`, the schema becomes
 *   `anyOf: [schema, { type: 'null' }]` (the IR builder folds that back into one nullable flag).
 * - boolean `exclusiveMinimum` / `exclusiveMaximum` → the numeric form.
 * - `example` → `examples: [example]` in schemas.
 */
export function upgradeTo31(doc: Record<string, unknown>): void {
  const version = typeof doc.openapi === 'string' ? doc.openapi : '';
  if (!version.startsWith('3.0')) return;
  forEachSchema(doc, upgradeSchema);
}

const ANNOTATIONS = ['description', 'title', 'deprecated', 'readOnly', 'writeOnly', 'default', 'examples', 'externalDocs', 'xml'];

/**
 * Upgrades one schema object in place; true when it changed. `keys`: its own keys, when the caller has them
 * (most schemas have none of the four 3.0 keywords: then nothing else is read).
 */
export function upgradeSchema(schema: Record<string, unknown>, keys: readonly string[] = Object.keys(schema)): boolean {
  if (!keys.some(isUpgraded)) return false;
  for (const [bool, num] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof schema[bool] === 'boolean') {
      if (schema[bool] === true && typeof schema[num] === 'number') {
        schema[bool] = schema[num];
        delete schema[num];
      } else {
        delete schema[bool];
      }
    }
  }
  if ('example' in schema && !('examples' in schema)) {
    schema.examples = [schema.example];
    delete schema.example;
  }
  if (!('nullable' in schema)) return true;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return true;
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  } else if (Array.isArray(schema.enum)) {
    if (!schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  } else {
    const inner: Record<string, unknown> = {};
    for (const k of Object.keys(schema)) {
      if (!ANNOTATIONS.includes(k)) {
        inner[k] = schema[k];
        delete schema[k];
      }
    }
    schema.anyOf = [inner, { type: 'null' }];
  }
  return true;
}

/** The keywords the upgrade changes. */
function isUpgraded(key: string): boolean {
  return key === 'nullable' || key === 'example' || key === 'exclusiveMinimum' || key === 'exclusiveMaximum';
}


/**
 * The 3.0 upgrade of one value put into an already upgraded document (an edit spliced in by `--watch`): when
 * the value is inside a schema, the outermost schema holding it is upgraded again (the upgrade leaves what is
 * already in the 3.1 shape as it is); else the value in its place. Example data (`example`, `examples`, `x-…`)
 * is never visited, as in a whole-document upgrade.
 */
export function upgradeAt(doc: Record<string, unknown>, path: ReadonlyArray<string | number>): void {
  const version = typeof doc.openapi === 'string' ? doc.openapi : '';
  if (!version.startsWith('3.0')) return;
  const tokens = path.map(String);
  for (let k = 1; k <= tokens.length; k++) {
    const prefix = tokens.slice(0, k);
    if (isSchemaPosition(prefix)) {
      const schema = valueAt(doc, prefix);
      if (isObject(schema)) forEachSchema({ schema }, upgradeSchema);
      return;
    }
    const t = prefix[k - 1]!;
    if (t === 'example' || t === 'examples' || t.startsWith('x-')) return;
  }
  const value = valueAt(doc, tokens);
  // The components (or their schema map) are only known as such from the root.
  const root = tokens.length === 1 && tokens[0] === 'components' ? { components: value } : tokens.length === 2 && tokens[0] === 'components' && tokens[1] === 'schemas' ? { components: { schemas: value } } : value;
  forEachSchema(root, upgradeSchema);
}

function valueAt(doc: unknown, tokens: readonly string[]): unknown {
  let cur = doc;
  for (const t of tokens) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}
