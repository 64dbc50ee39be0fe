import { describe, expect, it } from 'vitest';
import { validatorsOf } from './generated.js';
import { stringForPattern, synthesize, synthesizeValid, SynthError } from './synth.js';

// The test helper behind test/roundtrip/whole-api.test.ts, tested briefly: the patterns the three real specs use,
// and a few schemas whose values the generated validators must accept.

describe('stringForPattern', () => {
  it.each([
    ['^IS[0-9a-fA-F]{32}$', 0, Infinity],
    ['^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$', 0, Infinity],
    ['^sha256:[a-f0-9]{64}$', 0, Infinity],
    ['^[A-Za-z0-9.\\-_]+$', 0, Infinity],
    ['[a-z]+_token_[0-9]+', 0, Infinity],
    ['prefix_[a-zA-Z0-9]{32}', 0, Infinity],
    ['^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) ', 0, Infinity],
    ['^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$', 0, Infinity],
    ['^refs/(heads|tags|pull)/.*$', 0, Infinity],
    ['^\\d+\\.\\d+\\.\\d+$', 0, Infinity],
    ['^/v1/tax/calculations/:id/line_items', 0, Infinity],
    ['^[^/]+$', 3, 5],
    ['^a+$', 4, 4],
    ['^(?<word>\\w{2})\\s\\x41\\u0042$', 0, Infinity],
  ])('%s (length %d..%d)', (pattern, min, max) => {
    const s = stringForPattern(pattern, min, max);
    expect(s).toBeDefined();
    expect(new RegExp(pattern).test(s!)).toBe(true);
    expect(s!.length).toBeGreaterThanOrEqual(min);
    expect(s!.length).toBeLessThanOrEqual(max);
  });

  it('is undefined for what it does not write (lookaround, backreferences) or lengths it cannot meet', () => {
    expect(stringForPattern('^(?=a)a$')).toBeUndefined();
    expect(stringForPattern('^(a)\\1$')).toBeUndefined();
    expect(stringForPattern('^ab$', 3)).toBeUndefined();
  });
});

const doc = {
  openapi: '3.0.3',
  info: { title: 'synth', version: '1' },
  paths: {},
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'kind', 'tags'],
        properties: {
          id: { type: 'integer', minimum: 10, maximum: 12, multipleOf: 3, readOnly: true },
          kind: { type: 'string', enum: ['cat', 'dog'] },
          email: { type: 'string', format: 'email' },
          born: { type: 'string', format: 'date-time' },
          site: { type: 'string', format: 'uri' },
          uid: { type: 'string', format: 'uuid' },
          name: { type: 'string', minLength: 12, maxLength: 14 },
          sid: { type: 'string', pattern: '^PT[0-9a-f]{8}$' },
          tags: { type: 'array', minItems: 2, uniqueItems: true, items: { type: 'string', enum: ['a', 'b', 'c'] } },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
          parent: { $ref: '#/components/schemas/Pet' },
          secret: { type: 'string', writeOnly: true },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string', example: 'Ada' } }, additionalProperties: false },
      // The example is invalid (too short): the value must not use it.
      Code: { type: 'string', minLength: 5, example: 'abc' },
      // The second member accepts the first's value too: oneOf must move on to a value only one of them accepts.
      Either: {
        oneOf: [
          { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false },
          { type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } } },
        ],
      },
      Shape: {
        oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }],
        discriminator: { propertyName: 'type', mapping: { circle: '#/components/schemas/Circle', square: '#/components/schemas/Square' } },
      },
      Circle: { type: 'object', required: ['type', 'r'], properties: { type: { type: 'string' }, r: { type: 'number', exclusiveMinimum: true, minimum: 0 } } },
      Square: { type: 'object', required: ['type', 'side'], properties: { type: { type: 'string' }, side: { type: 'number' } } },
      Map: { type: 'object', additionalProperties: { type: 'integer' }, minProperties: 2 },
    },
  },
};

describe('synthesizeValid: values the generated validators accept', () => {
  // The schema, its validator in responses and in requests (a schema with readOnly/writeOnly parts has a writable variant).
  it.each([
    ['Pet', 'Pet', 'PetWritable'],
    ['Owner', 'Owner', 'Owner'],
    ['Code', 'Code', 'Code'],
    ['Either', 'Either', 'Either'],
    ['Shape', 'Shape', 'Shape'],
    ['Map', 'MapModel', 'MapModel'],
  ])('%s', async (name, read, write) => {
    const V = await validators();
    for (const [direction, validator] of [['response', V[read]], ['request', V[write]]] as const) {
      const { value } = synthesizeValid(doc, { $ref: `#/components/schemas/${name}` }, { direction }, (v) => validator.validate(v));
      expect(validator.validate(value).issues ?? []).toEqual([]);
    }
  });

  it('steers past an invalid example and a union member whose value another member accepts too', async () => {
    const V = await validators();
    const code = synthesizeValid(doc, { $ref: '#/components/schemas/Code' }, { direction: 'request' }, (v) => V.Code.validate(v));
    expect(code).toEqual({ value: 'textx', tries: 2 });
    const either = synthesizeValid(doc, { $ref: '#/components/schemas/Either' }, { direction: 'request' }, (v) => V.Either.validate(v));
    expect(either).toEqual({ value: { a: 'a', b: 7 }, tries: 2 });
  });

  it('uses examples, leaves readOnly out of requests and writeOnly out of responses, and stops recursion', () => {
    const pet = (direction: 'request' | 'response') => synthesize(doc, { $ref: '#/components/schemas/Pet' }, { direction }).value as Record<string, any>;
    expect(pet('request')).not.toHaveProperty('id');
    expect(pet('request')).toHaveProperty('secret');
    expect(pet('response')).not.toHaveProperty('secret');
    expect(pet('response')).toMatchObject({ id: 12, kind: 'cat', tags: ['a', 'b'], owner: { name: 'Ada' }, parent: { kind: 'cat' } });
    expect(pet('response').parent.parent).toBeUndefined();
  });

  it('throws a SynthError with the issues when nothing is accepted', () => {
    expect(() => synthesizeValid(doc, { type: 'string' }, { direction: 'request' }, () => ({ ok: false, issues: [{ path: '', keyword: 'never' }] }))).toThrow(SynthError);
  });
});

let loaded: Record<string, any> | undefined;
async function validators(): Promise<Record<string, any>> {
  return (loaded ??= await validatorsOf(doc));
}
