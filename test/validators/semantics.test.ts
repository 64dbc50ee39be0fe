import { describe, expect, it } from 'vitest';
import { generated, importGenerated, validatorsOf } from '../helpers/generated.js';
import { docWith } from '../helpers/spec.js';

describe('validator semantics', () => {
  it('a value too deeply nested to check (a recursive schema, 100,000 levels) is "no" with one issue, never a throw', async () => {
    const v = await validatorsOf(docWith({ Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } } }));
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { children: [deep] };
    expect(v.Tree.is(deep)).toBe(false);
    expect(v.Tree.validate(deep)).toEqual({ ok: false, issues: [{ path: '', keyword: 'nesting', message: 'is nested too deeply to be checked', schemaPointer: '' }] });
    expect(v.Tree['~standard'].validate(deep).issues).toEqual([{ message: 'is nested too deeply to be checked', path: [] }]);
    let shallow: unknown = {};
    for (let i = 0; i < 100; i++) shallow = { children: [shallow] };
    expect(v.Tree.is(shallow)).toBe(true);
  });

  it('readOnly is not required in requests, writeOnly not in responses', async () => {
    const v = await validatorsOf(
      docWith({
        User: {
          type: 'object',
          required: ['id', 'name', 'password'],
          properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' }, password: { type: 'string', writeOnly: true } },
        },
      }),
    );
    expect(v.User.is({ id: 'u1', name: 'Ada' })).toBe(true); // response: no password needed
    expect(v.User.validate({ name: 'Ada' }).issues).toEqual([expect.objectContaining({ keyword: 'required', message: "must have the property 'id'" })]);
    expect(v.UserWritable.is({ name: 'Ada', password: 'pw' })).toBe(true); // request: no id needed
    expect(v.UserWritable.validate({ name: 'Ada' }).issues).toEqual([expect.objectContaining({ keyword: 'required', message: "must have the property 'password'" })]);
  });

  it('parseParams: styles and explode for arrays and objects, headers, cookies, booleans', async () => {
    const p = (name: string, where: string, schema: unknown, extra: Record<string, unknown> = {}) => ({ name, in: where, schema, ...extra });
    const ints = { type: 'array', items: { type: 'integer' } };
    const doc = {
      openapi: '3.1.0', info: { title: 't', version: '1' },
      paths: {
        '/items/{ids}/{label}/{matrix}': {
          get: {
            operationId: 'listItems',
            parameters: [
              p('ids', 'path', ints, { required: true }),
              p('label', 'path', ints, { required: true, style: 'label', explode: true }),
              p('matrix', 'path', ints, { required: true, style: 'matrix', explode: true }),
              p('tag', 'query', { type: 'array', items: { type: 'string' } }),
              p('csv', 'query', ints, { explode: false }),
              p('space', 'query', ints, { style: 'spaceDelimited', explode: false }),
              p('pipe', 'query', ints, { style: 'pipeDelimited', explode: false }),
              p('filter', 'query', { type: 'object', properties: { min: { type: 'integer' }, active: { type: 'boolean' } } }, { style: 'deepObject', explode: true }),
              p('X-Trace', 'header', { type: 'integer' }, { required: true }),
              p('session', 'cookie', { type: 'string', minLength: 3 }),
            ],
            responses: { '204': { description: 'none' } },
          },
        },
      },
    };
    const v = await validatorsOf(doc);
    const r = v.listItems.parseParams({
      path: { ids: '1,2,3', label: '.4.5', matrix: ';matrix=6;matrix=7' },
      query: 'tag=a&tag=b&csv=1,2&space=3%204&pipe=5|6&filter[min]=10&filter[active]=true',
      headers: new Headers({ 'x-trace': '42' }),
      cookies: 'other=1; session=abc%20def',
    });
    expect(r).toEqual({
      ok: true,
      value: {
        path: { ids: [1, 2, 3], label: [4, 5], matrix: [6, 7] },
        query: { tag: ['a', 'b'], csv: [1, 2], space: [3, 4], pipe: [5, 6], filter: { min: 10, active: true } },
        headers: { 'X-Trace': 42 },
        cookies: { session: 'abc def' },
      },
    });
    const bad = v.listItems.parseParams({ path: { ids: '1,x', label: '.4', matrix: ';matrix=6' }, query: 'filter[min]=low', headers: {}, cookies: 'session=ab' });
    expect(bad.issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`).sort()).toEqual([
      '/cookies/session minLength',
      '/headers required',
      '/path/ids/1 type',
      '/query/filter/min type',
    ]);
  });

  it('own properties only: "constructor" and "__proto__" are data', async () => {
    // JSON.parse: in an object literal, `__proto__:` would set the prototype instead of declaring a property.
    const properties = JSON.parse('{"constructor": {"type": "string"}, "__proto__": {"type": "integer"}, "toString": {"type": "boolean"}}');
    const v = await validatorsOf(docWith({ P: { type: 'object', required: ['constructor'], properties } }));
    expect(v.P.validate({}).issues).toEqual([expect.objectContaining({ keyword: 'required', message: "must have the property 'constructor'" })]);
    expect(v.P.is(JSON.parse('{"constructor": "c", "__proto__": 5, "toString": true}'))).toBe(true);
    expect(v.P.validate(JSON.parse('{"constructor": "c", "__proto__": "x"}')).issues).toEqual([expect.objectContaining({ path: '/__proto__', keyword: 'type' })]);
  });

  it('discriminator: dispatch on the tag; an unknown tag is one clear issue', async () => {
    const v = await validatorsOf(
      docWith({
        Cat: { type: 'object', required: ['kind', 'meows'], properties: { kind: { type: 'string' }, meows: { type: 'boolean' } } },
        Dog: { type: 'object', required: ['kind', 'barks'], properties: { kind: { type: 'string' }, barks: { type: 'boolean' } } },
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } } },
      }),
    );
    expect(v.Pet.is({ kind: 'cat', meows: true })).toBe(true);
    expect(v.Pet.validate({ kind: 'dog', meows: true }).issues).toEqual([expect.objectContaining({ path: '', keyword: 'required', message: "must have the property 'barks'" })]);
    expect(v.Pet.validate({ kind: 'cow' }).issues).toEqual([
      { path: '/kind', keyword: 'discriminator', message: 'unknown tag; expected one of "cat", "dog"', schemaPointer: '/components/schemas/Pet/discriminator' },
    ]);
  });

  it('reports every issue up to MAX_ISSUES', async () => {
    const v = await validatorsOf(docWith({ L: { type: 'array', items: { type: 'integer' } } }));
    const r = v.L.validate(Array.from({ length: 500 }, () => 'x'));
    expect(r.issues).toHaveLength(v.MAX_ISSUES);
    expect(r.issues[99].path).toBe('/99');
  });
  it('the same inline checks in two places are one function, and each place reports its own schema pointer', async () => {
    const address = { type: 'object', required: ['city'], properties: { city: { type: 'string', minLength: 2 }, zip: { type: 'string' } } };
    const doc = docWith({
      Person: { type: 'object', properties: { home: address, work: { type: 'array', items: address } } },
      Shop: { type: 'object', properties: { address } },
    });
    const files = await generated(doc, ['types', 'validators']);
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    // One function checks the address, wherever it is written.
    expect(code.match(/\$\.fp\(o, p, s, "city", "minLength"/g)).toHaveLength(1);
    const v = await importGenerated(files, 'validators.ts');
    expect(v.Person.validate({ home: { city: 'A' }, work: [{ zip: 1 }] }).issues).toEqual([
      { path: '/home/city', keyword: 'minLength', message: 'must have at least 2 characters', schemaPointer: '/components/schemas/Person/properties/home/properties/city/minLength' },
      { path: '/work/0', keyword: 'required', message: "must have the property 'city'", schemaPointer: '/components/schemas/Person/properties/work/items/required' },
      { path: '/work/0/zip', keyword: 'type', message: 'must be a string', schemaPointer: '/components/schemas/Person/properties/work/items/properties/zip/type' },
    ]);
    expect(v.Shop.validate({ address: {} }).issues).toEqual([
      { path: '/address', keyword: 'required', message: "must have the property 'city'", schemaPointer: '/components/schemas/Shop/properties/address/required' },
    ]);
    expect(v.Shop.is({ address: { city: 'Oslo' } })).toBe(true);
  });
  it('"not" on an object inside another is checked once (one issue)', async () => {
    const v = await validatorsOf(docWith({ Wrapper: { type: 'object', properties: { inner: { type: 'object', not: { required: ['x'] } } } } }));
    expect(v.Wrapper.validate({ inner: { x: 1 } }).issues).toEqual([
      { path: '/inner', keyword: 'not', message: 'must not match the schema in "not"', schemaPointer: '/components/schemas/Wrapper/properties/inner/not' },
    ]);
    expect(v.Wrapper.is({ inner: { y: 1 } })).toBe(true);
  });
});
