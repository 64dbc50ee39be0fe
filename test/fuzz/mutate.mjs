// Seeded, reproducible mutations of OpenAPI documents for the fuzzer (npm run fuzz). Every mutation keeps the
// document JSON-serialisable; what it breaks is the OpenAPI meaning: wrong types for keywords, deleted required
// keys, random and huge strings, deep nesting, $ref cycles and dangling refs, duplicate names, hostile keys.

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

export const NAMES = Object.keys(MUTATIONS);

/**
 * One fuzz case: a deep copy of `base` with 1–4 mutations drawn from `names` (none when it is empty), as JSON
 * text, or as YAML text (`ext: 'yaml'`: JSON with a YAML-only part spliced in, which YAML parses as the rest).
 * `applied` names the mutations, with their detail (a mutation may return one), for the report. Deeply nested
 * parts are spliced in as text.
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
