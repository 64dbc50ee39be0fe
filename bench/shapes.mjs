// Synthetic OpenAPI documents, each one shape pushed to size n: what a huge or hostile spec does to a code path
// that is fine at the sizes real specs have (a chain of refs thousands of schemas long, thousands of names on one
// base). Shared by bench/scaling.mjs (does each stage's time grow linearly?) and test/hostile/scale.test.ts
// (does each generate, right?).

const doc = (schemas, paths = {}) => ({ openapi: '3.1.0', info: { title: 'shape', version: '1' }, paths, components: { schemas } });

/** One operation that takes and returns the schema `ref`. */
const echo = (ref) => ({
  '/x': {
    post: {
      operationId: 'postX',
      requestBody: { content: { 'application/json': { schema: { $ref: ref } } } },
      responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } } },
    },
  },
});

/** Each a function of n. */
export const SHAPES = {
  /** S0 → S1 → … → S(n-1) through a property `next`; the last has a readOnly property. */
  refChain: (n) => {
    const schemas = {};
    for (let i = 0; i < n; i++) {
      schemas[`S${i}`] = {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'integer' }, next: i + 1 < n ? { $ref: `#/components/schemas/S${i + 1}` } : { type: 'string', readOnly: true } },
      };
    }
    return doc(schemas, echo('#/components/schemas/S0'));
  },
  /** S0 = allOf [S1, { p0 }], S1 = allOf [S2, { p1 }], …; the last has a writeOnly property. */
  allOfChain: (n) => {
    const schemas = {};
    for (let i = 0; i < n; i++) {
      schemas[`S${i}`] =
        i + 1 < n
          ? { allOf: [{ $ref: `#/components/schemas/S${i + 1}` }, { type: 'object', properties: { [`p${i}`]: { type: 'string' } } }] }
          : { type: 'object', properties: { last: { type: 'string', writeOnly: true } } };
    }
    return doc(schemas, echo('#/components/schemas/S0'));
  },
  /** A oneOf of n refs with a discriminator; M0 is mapped by two tags. */
  wideOneOf: (n) => {
    const schemas = {};
    for (let i = 0; i < n; i++) schemas[`M${i}`] = { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, [`v${i}`]: { type: 'string' } } };
    schemas.U = {
      oneOf: Object.keys(schemas).map((k) => ({ $ref: `#/components/schemas/${k}` })),
      discriminator: { propertyName: 'kind', mapping: { first: '#/components/schemas/M0', zeroth: '#/components/schemas/M0' } },
    };
    return doc(schemas, echo('#/components/schemas/U'));
  },
  /** n component keys that all make the name `A` (`a`, `a_`, `a__`, …), and one literally named `A3`. */
  sameNames: (n) => {
    const schemas = { A3: { type: 'string' } };
    for (let i = 0; i < n; i++) schemas[`a${'_'.repeat(i)}`] = { type: 'object', properties: { v: { type: 'string', enum: ['x', 'y'] } } };
    return doc(schemas, echo('#/components/schemas/a'));
  },
  /** n operations whose ids all make the name `list` (`list`, `list-`, `list--`, …), in one tag. */
  sameOperationNames: (n) => {
    const paths = {};
    for (let i = 0; i < n; i++) paths[`/t${i}`] = { get: { operationId: `list${'-'.repeat(i)}`, tags: ['same'], responses: { 204: { description: 'none' } } } };
    return doc({}, paths);
  },
  /** n operations in one tag, each with a path parameter and an inline response object with an enum. */
  manyOperations: (n) => {
    const paths = {};
    for (let i = 0; i < n; i++) {
      paths[`/r${i % 50}/{id}/s${i}`] = {
        get: {
          operationId: `op${i}`,
          tags: ['things'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { state: { type: 'string', enum: ['a', 'b'] } } } } } } },
        },
      };
    }
    return doc({}, paths);
  },
  /** n operations, each in a tag of its own. */
  manyTags: (n) => {
    const paths = {};
    for (let i = 0; i < n; i++) paths[`/t${i}`] = { get: { operationId: `list${i}`, tags: [`tag ${i}`], responses: { 204: { description: 'none' } } } };
    return doc({}, paths);
  },
  /** One object of n properties, half of them required. */
  wideObject: (n) => {
    const properties = {};
    for (let i = 0; i < n; i++) properties[`f${i}`] = { type: i % 2 ? 'string' : 'integer' };
    return doc({ Wide: { type: 'object', required: Object.keys(properties).slice(0, n / 2), properties } }, echo('#/components/schemas/Wide'));
  },
  /** One enum of n values. */
  bigEnum: (n) => doc({ E: { type: 'string', enum: Array.from({ length: n }, (_, i) => `v${i}`) } }, echo('#/components/schemas/E')),
  /** One operation with n query parameters. */
  manyParameters: (n) =>
    doc({}, { '/x': { get: { operationId: 'getX', parameters: Array.from({ length: n }, (_, i) => ({ name: `q${i}`, in: 'query', schema: { type: 'string' } })), responses: { 204: { description: 'none' } } } } }),
};
