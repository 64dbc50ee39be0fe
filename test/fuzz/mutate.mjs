// Seeded, reproducible mutations of OpenAPI documents for the fuzzer (npm run fuzz). Every mutation keeps the
// document JSON-serialisable; what it breaks is the OpenAPI meaning: wrong types for keywords, deleted required
// keys, random and huge strings, deep nesting, $ref cycles and dangling refs, duplicate names, hostile keys.
// The `risky*` mutations aim at what the emitters print (valid OpenAPI, mostly): names that are not identifiers
// (digits that are not identifier characters, letters newer than TypeScript's Unicode tables), `format` values
// that are Object.prototype's names, numbers JSON.parse turns into Infinity (1e400) and YAML's .nan/.inf (the
// case is then YAML text), media type keys like __proto__, descriptions that are TypeScript directives or hold
// bidi controls. A mutation may return a short detail (what it put where), which `applied` shows.

/** mulberry32: a small, fast, seeded PRNG; `rng()` in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rng, xs) => xs[Math.floor(rng() * xs.length)];
const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets a property as an own data property, even "__proto__". */
function put(o, k, v) {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Every container (object or array) of the document with its parent and key; the first `limit` in walk order. */
function containers(doc, limit = 20_000) {
  const out = [];
  const stack = [[doc, null, null]];
  while (stack.length > 0 && out.length < limit) {
    const [v, parent, key] = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    out.push({ v, parent, key });
    for (const k of Object.keys(v)) stack.push([v[k], v, Array.isArray(v) ? Number(k) : k]);
  }
  return out;
}

const STRINGS = ['', ' ', '__proto__', 'constructor', '*/', '${x}', '`', '"', "'", '\\', '\u0000', '\u2028', '\ud800', '#/', '~2', '{id}', '../x.yaml', 'http://127.0.0.1:1/x.yaml', 'application/json', 'string', 'object', '3.1.0', '-1', '1e400'];

function randomString(rng) {
  const r = rng();
  if (r < 0.4) return pick(rng, STRINGS);
  if (r < 0.5) return 'x'.repeat(int(rng, 10_000, 300_000)); // huge
  let s = '';
  for (let i = int(rng, 1, 40); i > 0; i--) s += String.fromCharCode(int(rng, 0, rng() < 0.8 ? 0x7f : 0xffff));
  return s;
}

/** Keys a random object gets: schema keywords (the applicators too), parameter fields, or a random string. */
const KEYS = [
  'type', 'properties', 'items', '$ref', 'enum', 'required', 'allOf', 'oneOf', 'anyOf', 'schema', 'in', 'name',
  'not', 'if', 'then', 'else', 'contains', 'minContains', 'maxContains', 'propertyNames', 'dependentRequired',
  'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'prefixItems', 'patternProperties',
];

function randomValue(rng, depth = 0) {
  const r = rng();
  if (r < 0.15) return null;
  if (r < 0.3) return rng() < 0.5;
  if (r < 0.5) return pick(rng, [0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, int(rng, -1000, 1000)]);
  if (r < 0.75 || depth > 3) return randomString(rng);
  if (r < 0.87) return Array.from({ length: int(rng, 0, 4) }, () => randomValue(rng, depth + 1));
  const o = {};
  for (let i = int(rng, 0, 4); i > 0; i--) put(o, pick(rng, KEYS.concat(randomString(rng))), randomValue(rng, depth + 1));
  return o;
}

function differentType(rng, v) {
  for (;;) {
    const x = randomValue(rng);
    if (typeof x !== typeof v || Array.isArray(x) !== Array.isArray(v) || (x === null) !== (v === null)) return x;
  }
}

const schemaNames = (doc) => (isObj(doc.components) && isObj(doc.components.schemas) ? Object.keys(doc.components.schemas) : []);
const ensureSchemas = (doc) => {
  if (!isObj(doc.components)) put(doc, 'components', {});
  if (!isObj(doc.components.schemas)) put(doc.components, 'schemas', {});
  return doc.components.schemas;
};
const operations = (doc) =>
  isObj(doc.paths)
    ? Object.values(doc.paths).flatMap((item) => (isObj(item) ? Object.entries(item).filter(([m, op]) => /^(get|put|post|delete|patch|options|head|trace)$/.test(m) && isObj(op)).map(([, op]) => op) : []))
    : [];

/** The mutations, by name: each changes `doc` in place. */
export const MUTATIONS = {
  wrongType(rng, doc) {
    const c = pick(rng, containers(doc).filter((x) => Object.keys(x.v).length > 0));
    if (!c) return;
    const k = pick(rng, Object.keys(c.v));
    put(c.v, k, differentType(rng, c.v[k]));
  },
  deleteKey(rng, doc) {
    const c = pick(rng, containers(doc).filter((x) => isObj(x.v) && Object.keys(x.v).length > 0));
    if (c) delete c.v[pick(rng, Object.keys(c.v))];
  },
  randomString(rng, doc) {
    const c = pick(rng, containers(doc).filter((x) => Object.values(x.v).some((v) => typeof v === 'string')));
    if (!c) return;
    const k = pick(rng, Object.keys(c.v).filter((key) => typeof c.v[key] === 'string'));
    put(c.v, k, randomString(rng));
  },
  randomValue(rng, doc) {
    const c = pick(rng, containers(doc));
    if (!c) return;
    put(c.v, Array.isArray(c.v) ? String(c.v.length) : pick(rng, [...Object.keys(c.v), randomString(rng)]), randomValue(rng));
  },
  hostileKey(rng, doc) {
    const c = pick(rng, containers(doc).filter((x) => isObj(x.v) && Object.keys(x.v).length > 0));
    if (!c) return;
    const k = pick(rng, Object.keys(c.v));
    const v = c.v[k];
    delete c.v[k];
    put(c.v, pick(rng, ['__proto__', 'constructor', 'toString', '', '{x}', '$ref', 'a/b', '~1', k + k]), v);
  },
  deepNest(rng, doc, deep) {
    // Built as text (see caseText): a document this deep overflows JSON.stringify and structured cloning.
    const depth = int(rng, 50, 5000);
    const marker = `__specforge_fuzz_deep_${deep.length}__`;
    const open = rng() < 0.5 ? '{"type":"array","items":' : '{"type":"object","properties":{"p":';
    const close = open.includes('items') ? '}' : '}}';
    deep.push({ marker: JSON.stringify(marker), text: open.repeat(depth) + '{"type":"string"}' + close.repeat(depth) });
    put(ensureSchemas(doc), 'Deep' + int(rng, 0, 9), marker);
  },
  refCycle(rng, doc) {
    const schemas = ensureSchemas(doc);
    const [a, b] = [`Cycle${int(rng, 0, 9)}`, `Cycle${int(rng, 10, 19)}`];
    put(schemas, a, { $ref: `#/components/schemas/${b}` });
    put(schemas, b, rng() < 0.5 ? { $ref: `#/components/schemas/${a}` } : { allOf: [{ $ref: `#/components/schemas/${a}` }] });
    const names = schemaNames(doc);
    const target = pick(rng, names);
    if (target && rng() < 0.5) put(schemas, target, { $ref: `#/components/schemas/${target}` });
  },
  danglingRef(rng, doc) {
    const c = pick(rng, containers(doc).filter((x) => isObj(x.v)));
    if (!c) return;
    for (const k of Object.keys(c.v)) delete c.v[k];
    put(c.v, '$ref', pick(rng, ['#/components/schemas/Nope', '#/nope', '#', '#/paths', '#/components/schemas/~2x', 'missing.yaml#/x', '../../etc/passwd', 'http://127.0.0.1:1/x.json', '#/components/schemas/' + randomString(rng), 5]));
  },
  duplicateNames(rng, doc) {
    const ops = operations(doc);
    if (ops.length >= 2 && rng() < 0.5) {
      put(pick(rng, ops), 'operationId', pick(rng, ops).operationId ?? 'dup');
      return;
    }
    const op = pick(rng, ops);
    if (op && Array.isArray(op.parameters) && op.parameters.length > 0) op.parameters.push(structuredClone(pick(rng, op.parameters)));
    else if (isObj(doc.paths)) {
      const path = pick(rng, Object.keys(doc.paths));
      if (path) put(doc.paths, path.replace(/\{[^}]*\}/g, '{other}'), structuredClone(doc.paths[path]));
    }
  },
};

/**
 * Names that are not identifiers, or that JavaScript and TypeScript disagree on: digits that are not identifier
 * characters (superscripts, fractions, circled: `\p{No}`), digits that may continue but not start one (`٣`, `𝟘`,
 * Other_ID_Continue's `·` `፩` `᧚`), letter-numbers that are identifiers (`Ⅻ`), and letters of Unicode 16/17
 * (`Ᲊ` U+1C89, `Ꟍ` U+A7CB, `𐗀` U+105C0) that Node's regular expressions call identifier characters and
 * TypeScript 5.9's scanner does not.
 */
export const RISKY_NAMES = [
  'getV²', '½', '①', 'x²', '²', 'v①', '¼cup', '٣', 'a٣', '𝟘', 'x𝟘', 'a·b', '·', '፩', 'a፩', '᧚', 'Ⅻ', 'ⅷx',
  '2fa', '1', 'get\u1C89', '\u1C89', 'x\uA7CB', '\u{105C0}', 'a\u{105C0}',
];
/** `format` values that are names Object.prototype has (a lookup table of formats must not find them). */
export const RISKY_FORMATS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];
/** Numbers as they are written in the text: JSON's (1e400 parses as Infinity), and YAML's (`yaml: true`). */
export const RISKY_NUMBERS = [
  { text: '1e400' }, { text: '-1e400' }, { text: '1e-400' }, { text: '-0' }, { text: '123456789012345678901234567890' },
  { text: '.nan', yaml: true }, { text: '.inf', yaml: true }, { text: '-.inf', yaml: true },
];
/** Media type keys that are names Object.prototype has. */
export const RISKY_MEDIA_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
/** Descriptions that are TypeScript directives when they start a comment line, or hold bidi controls. */
export const RISKY_TEXTS = [
  '@ts-expect-error', '@ts-ignore', '@ts-nocheck', ' @ts-ignore', '@ts-ignore because', 'x\n@ts-expect-error', 'x\n@ts-nocheck',
  'a\u202Eb', '\u202E', '\u2066x\u2069', '\u2066', 'x\u200Fy', '\u2067\u2068', '\u061C', '*/\u202E', '@ts-ignore\u202E',
];

const SCHEMA_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
/**
 * Objects that are schemas, found by where they are (component schemas, `schema`, `items`, property values) or
 * by a JSON Schema `type` (not a security scheme's).
 */
function schemaSites(doc) {
  const parentKeys = new Set(['schema', 'items', 'additionalProperties', 'not', 'contains', 'propertyNames']);
  const all = containers(doc);
  const holders = new Set(all.filter((x) => x.key === 'properties' && isObj(x.v)).map((x) => x.v));
  if (isObj(doc.components) && isObj(doc.components.schemas)) holders.add(doc.components.schemas);
  const schemaType = (t) => SCHEMA_TYPES.has(t) || (Array.isArray(t) && t.every((x) => SCHEMA_TYPES.has(x)));
  return all.filter((x) => isObj(x.v) && typeof x.v.$ref !== 'string' && (schemaType(x.v.type) || isObj(x.v.properties) || parentKeys.has(x.key) || holders.has(x.parent)));
}
/** The `properties` objects of the document (objects under a key `properties` of an object). */
function propertiesObjects(doc) {
  return containers(doc).filter((x) => x.key === 'properties' && isObj(x.v) && isObj(x.parent));
}
const escapePointer = (s) => s.replaceAll('~', '~0').replaceAll('/', '~1');
/** Replaces every `$ref` equal to `from` by `to`. */
function rewriteRefs(doc, from, to) {
  for (const c of containers(doc)) if (isObj(c.v) && c.v.$ref === from) put(c.v, '$ref', to);
}
/** A string for a report: quoted, with control, format (bidi) and line-break characters as `\u` escapes. */
const show = (s) => JSON.stringify(s).replace(/[\p{C}\u2028\u2029]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const content = (o) => (isObj(o) && isObj(o.content) ? o.content : undefined);

Object.assign(MUTATIONS, {
  /**
   * A name from RISKY_NAMES as an operationId, a schema's name (a referenced property or `$defs` schema of a
   * component; now and then a component's own name, which validation refuses), a property name (renamed or
   * added, `required` kept in step) or a query/header/cookie parameter's name.
   */
  riskyName(rng, doc) {
    const name = pick(rng, RISKY_NAMES);
    const where = pick(rng, ['operationId', 'schema', 'property', 'parameter']);
    if (where === 'operationId') {
      const op = pick(rng, operations(doc));
      if (!op) return;
      put(op, 'operationId', name);
      return `operationId ${name}`;
    }
    if (where === 'schema') {
      // Component names are restricted (^[a-zA-Z0-9._-]+$): a rename is refused by validation, so most of the
      // time the name reaches a named schema the way valid specs allow, through a ref to a schema under a
      // component (a property's schema, or a `$defs` member in 3.1): such a schema is named after its last token.
      const schemas = ensureSchemas(doc);
      const owner = pick(rng, Object.keys(schemas).filter((k) => isObj(schemas[k]) && typeof schemas[k].$ref !== 'string'));
      if (owner === undefined || rng() < 0.15) {
        const old = pick(rng, Object.keys(schemas));
        if (old === undefined) put(schemas, name, { type: 'object', properties: { a: { type: 'string' } } });
        else {
          const value = schemas[old];
          delete schemas[old];
          put(schemas, name, value);
          rewriteRefs(doc, `#/components/schemas/${escapePointer(old)}`, `#/components/schemas/${escapePointer(name)}`);
        }
        return `component schema ${name}`;
      }
      const o = schemas[owner];
      const value = pick(rng, [{ type: 'object', properties: { a: { type: 'string' } } }, { type: 'string', enum: ['a', 'b'] }, { type: 'integer' }]);
      const defs = String(doc.openapi).startsWith('3.1') && rng() < 0.5;
      const at = defs ? '$defs' : 'properties';
      if (!isObj(o[at])) put(o, at, {});
      put(o[at], name, value);
      if (!isObj(o.properties)) put(o, 'properties', {});
      put(o.properties, `ref${int(rng, 0, 9)}`, { $ref: `#/components/schemas/${escapePointer(owner)}/${at}/${escapePointer(name)}` });
      return `schema ${name} (${at} of ${owner}, referenced)`;
    }
    if (where === 'property') {
      const c = pick(rng, propertiesObjects(doc));
      if (!c) return;
      const old = pick(rng, Object.keys(c.v));
      if (old === undefined || rng() < 0.3) put(c.v, name, { type: pick(rng, ['string', 'integer', 'object']) });
      else {
        const value = c.v[old];
        delete c.v[old];
        put(c.v, name, value);
        if (Array.isArray(c.parent.required)) c.parent.required = c.parent.required.map((r) => (r === old ? name : r));
      }
      return `property ${name}`;
    }
    const op = pick(rng, operations(doc));
    if (!op) return;
    if (!Array.isArray(op.parameters)) put(op, 'parameters', []);
    op.parameters.push({ name, in: pick(rng, ['query', 'header', 'cookie']), required: rng() < 0.5, schema: { type: pick(rng, ['string', 'integer']) } });
    return `parameter ${name}`;
  },
  /** A schema's `format` from RISKY_FORMATS (its type often made string, integer or number). */
  riskyFormat(rng, doc) {
    const s = pick(rng, schemaSites(doc));
    if (!s) return;
    const format = pick(rng, RISKY_FORMATS);
    if (rng() < 0.7) put(s.v, 'type', pick(rng, ['string', 'integer', 'number']));
    put(s.v, 'format', format);
    return `format ${format}`;
  },
  /** A number from RISKY_NUMBERS as a schema's enum member, const, default, example or bound. */
  riskyNumber(rng, doc, deep) {
    const s = pick(rng, schemaSites(doc));
    if (!s) return;
    const n = pick(rng, RISKY_NUMBERS);
    const marker = `__specforge_fuzz_number_${deep.length}__`;
    deep.push({ marker: JSON.stringify(marker), text: n.text, yaml: n.yaml });
    // Bounds are checked to be finite numbers (SF3002): rarely drawn.
    const keyword = rng() < 0.9 ? pick(rng, ['enum', 'enum', 'const', 'default', 'example']) : pick(rng, ['minimum', 'maximum', 'multipleOf']);
    if (rng() < 0.7) put(s.v, 'type', pick(rng, ['number', 'integer']));
    put(s.v, keyword, keyword === 'enum' ? (rng() < 0.5 ? [marker] : [1, marker]) : marker);
    return `${keyword} ${n.text}`;
  },
  /** A media type key from RISKY_MEDIA_KEYS in a response's content (or a request body's). */
  riskyMediaKey(rng, doc) {
    const op = pick(rng, operations(doc));
    if (!op) return;
    const key = pick(rng, RISKY_MEDIA_KEYS);
    const media = { schema: rng() < 0.5 ? { type: 'string' } : { type: 'object', properties: { a: { type: 'integer' } } } };
    // A body or response that is a $ref gets a body (response) of its own: a $ref object takes no content.
    const own = (o) => isObj(o) && typeof o.$ref !== 'string';
    if (rng() < 0.3) {
      if (!own(op.requestBody)) put(op, 'requestBody', { content: {} });
      if (!content(op.requestBody)) put(op.requestBody, 'content', {});
      put(op.requestBody.content, key, media);
      return `request body ${key}`;
    }
    if (!isObj(op.responses)) put(op, 'responses', {});
    const status = pick(rng, [...Object.keys(op.responses), '200', '400', 'default']);
    if (!own(op.responses[status])) put(op.responses, status, { description: 'ok' });
    if (!content(op.responses[status])) put(op.responses[status], 'content', {});
    put(op.responses[status].content, key, media);
    return `response ${status} ${key}`;
  },
  /** A description, summary or title from RISKY_TEXTS on an operation, schema, parameter or the document. */
  riskyText(rng, doc) {
    const params = containers(doc).filter((x) => isObj(x.v) && typeof x.v.in === 'string' && typeof x.v.name === 'string');
    const sites = [
      ...operations(doc).map((v) => ({ v, keys: ['description', 'summary'] })),
      ...schemaSites(doc).map((x) => ({ v: x.v, keys: ['description', 'description', 'title'] })),
      ...params.map((x) => ({ v: x.v, keys: ['description'] })),
      ...(isObj(doc.info) ? [{ v: doc.info, keys: ['description', 'title'] }] : []),
    ];
    const s = pick(rng, sites);
    if (!s) return;
    const text = pick(rng, RISKY_TEXTS);
    const key = pick(rng, s.keys);
    put(s.v, key, text);
    return `${key} ${show(text)}`;
  },
});

export const NAMES = Object.keys(MUTATIONS);

/**
 * One fuzz case: a deep copy of `base` with 1–4 mutations drawn from `names` (none when it is empty), as JSON
 * text, or as YAML text (`ext: 'yaml'`: JSON with YAML-only numbers such as .nan spliced in, which YAML parses
 * as the rest). `applied` names the mutations, with their detail, for the report. Deeply nested parts and risky
 * numbers are spliced in as text.
 */
export function mutate(base, seed, names = NAMES) {
  const rng = prng(seed);
  const doc = structuredClone(base);
  const applied = [];
  const deep = [];
  for (let i = names.length === 0 ? 0 : int(rng, 1, 4); i > 0; i--) {
    const name = pick(rng, names);
    const detail = MUTATIONS[name](rng, doc, deep);
    applied.push(detail ? `${name}(${detail})` : name);
  }
  let text = JSON.stringify(doc);
  let yaml = false;
  for (const d of deep) {
    if (d.yaml && text.includes(d.marker)) yaml = true;
    text = text.replace(d.marker, () => d.text);
  }
  return { text, applied, ext: yaml ? 'yaml' : 'json' };
}
