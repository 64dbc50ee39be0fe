import type { JsonValue, NamedSchema, SchemaNode } from '../../ir/types.js';

/**
 * Whether a value may match a schema, looking only at what tells `oneOf` members apart most often: the JSON type,
 * enum members, string lengths and patterns, integer and bounds, required properties, a closed object's
 * property names, and the same for the properties present (two levels down). It says yes when in doubt (formats,
 * `not`, deeper levels): it is the example generator's way to pick a `oneOf` member whose value no other member
 * also takes, never a validator (the generated validators are the judge, and a test holds the examples to them).
 */
export function mightMatch(value: JsonValue, node: SchemaNode, schemas: ReadonlyMap<string, NamedSchema>, depth = 0): boolean {
  if (depth > 8) return true;
  if (value === null && node.nullable) return true;
  switch (node.kind) {
    case 'ref': {
      const s = schemas.get(node.target);
      return s === undefined || mightMatch(value, s.schema, schemas, depth + 1);
    }
    case 'unknown':
      return true;
    case 'never':
      return false;
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean' || (node.typeImplied === true && typeof value !== 'boolean');
    case 'enum': {
      const text = JSON.stringify(value);
      return node.members.some((m) => JSON.stringify(m.value) === text);
    }
    case 'string': {
      if (typeof value !== 'string') return node.typeImplied === true;
      const length = [...value].length;
      if (length < (node.minLength ?? 0) || length > (node.maxLength ?? Infinity)) return false;
      if (node.pattern === undefined) return true;
      try {
        return new RegExp(node.pattern, 'u').test(value);
      } catch {
        return true;
      }
    }
    case 'number': {
      if (typeof value !== 'number') return node.typeImplied === true;
      if (node.integer && !Number.isInteger(value)) return false;
      if (node.minimum !== undefined && value < node.minimum) return false;
      if (node.maximum !== undefined && value > node.maximum) return false;
      if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) return false;
      if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) return false;
      return true;
    }
    case 'array':
      return Array.isArray(value) || (node.typeImplied === true && !Array.isArray(value));
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return node.typeImplied === true;
      const has = (k: string) => Object.prototype.hasOwnProperty.call(value, k);
      for (const p of node.properties) if (p.required && !has(p.name)) return false;
      for (const k of node.extraRequired ?? []) if (!has(k)) return false;
      if (node.additionalProperties === false && !node.patternProperties) {
        const declared = new Set(node.properties.map((p) => p.name));
        if (Object.keys(value).some((k) => !declared.has(k))) return false;
      }
      if (depth > 2) return true;
      for (const p of node.properties) if (has(p.name) && !mightMatch(value[p.name]!, p.schema, schemas, depth + 1)) return false;
      return true;
    }
    case 'union':
      return node.members.some((m) => mightMatch(value, m, schemas, depth + 1));
    case 'intersection':
      return node.members.every((m) => mightMatch(value, m, schemas, depth + 1));
  }
}
