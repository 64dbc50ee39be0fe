import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { generated, stackOf, validatorsOf } from '../helpers/generated.js';
import { docWith } from '../helpers/spec.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

const SPEC = 'specs/features/unevaluated.yaml';
const S = '/components/schemas/S';
type Issue = { path: string; keyword: string; message: string; schemaPointer: string };
const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
/** Referenced by the cases. */
const SHARED = {
  AB: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } },
  Open: { type: 'object', additionalProperties: true },
};
const closedAllOf = { allOf: [ref('AB'), { properties: { c: { type: 'string' } } }], unevaluatedProperties: false };
const channels = {
  oneOf: [
    { properties: { kind: { const: 'email' }, address: { type: 'string' } }, required: ['kind'] },
    { properties: { kind: { const: 'push' }, token: { type: 'string' } }, required: ['kind'] },
  ],
  unevaluatedProperties: false,
};
const conditional = {
  type: 'object',
  properties: { kind: { type: 'string' } },
  if: { properties: { kind: { const: 'a' } } },
  then: { properties: { onlyA: { type: 'string' } } },
  else: { properties: { onlyOthers: { type: 'string' } } },
  unevaluatedProperties: false,
};
const tuple = { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], unevaluatedItems: false };

/**
 * [case, schema S, value, the issues expected as [path, keyword, schemaPointer] ([] when valid)]: what counts as
 * evaluated, through each in-place applicator, and what an unevaluated property or item is checked against.
 */
const CASES: Array<[string, unknown, unknown, Array<[string, string, string]>]> = [
  ['allOf: every member\'s properties are evaluated', closedAllOf, { a: 'x', b: 'y', c: 'z' }, []],
  ['allOf: a property of no member is refused, at its path', closedAllOf, { a: 'x', d: 1 }, [['/d', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['each unevaluated property is an issue', closedAllOf, { d: 1, 'e/f': 2 }, [['/d', 'unevaluatedProperties', `${S}/unevaluatedProperties`], ['/e~1f', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['an Object.prototype name is a property like any other', closedAllOf, JSON.parse('{"constructor": 1, "__proto__": 2}'), [['/constructor', 'unevaluatedProperties', `${S}/unevaluatedProperties`], ['/__proto__', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['oneOf: the matching member\'s properties', channels, { kind: 'email', address: 'a@b.c' }, []],
  ['oneOf: the other member\'s property is unevaluated', channels, { kind: 'email', token: 't' }, [['/token', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['anyOf: every matching member\'s properties', { anyOf: [ref('AB'), { properties: { c: { type: 'string' } } }], unevaluatedProperties: false }, { a: 'x', c: 'y' }, []],
  ['anyOf: a member that does not match evaluates nothing', { anyOf: [{ properties: { a: { type: 'string' } } }, { properties: { c: { type: 'string' } } }], unevaluatedProperties: false }, { a: 'x', c: 1 }, [['/c', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['if matched: if\'s and then\'s properties', conditional, { kind: 'a', onlyA: 'x' }, []],
  ['if matched: else\'s property is unevaluated', conditional, { kind: 'a', onlyOthers: 'x' }, [['/onlyOthers', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['if not matched: else\'s properties', conditional, { kind: 'b', onlyOthers: 'x' }, []],
  ['an if alone still evaluates', { if: { properties: { a: { type: 'string' } } }, unevaluatedProperties: false }, { a: 'x' }, []],
  ['dependentSchemas: evaluated when the property is there', { type: 'object', properties: { card: {} }, dependentSchemas: { card: { properties: { zip: {} } } }, unevaluatedProperties: false }, { card: 1, zip: 2 }, []],
  ['dependentSchemas: not without it', { type: 'object', properties: { card: {} }, dependentSchemas: { card: { properties: { zip: {} } } }, unevaluatedProperties: false }, { zip: 2 }, [['/zip', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['patternProperties evaluate what they match', { type: 'object', patternProperties: { '^x-': {} }, unevaluatedProperties: false }, { 'x-a': 1, y: 2 }, [['/y', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['additionalProperties (even true) evaluates every property', { allOf: [ref('Open')], unevaluatedProperties: false }, { anything: 1 }, []],
  ['beside $ref (3.1): the target\'s properties', { ...ref('AB'), unevaluatedProperties: false }, { a: 'x', z: 1 }, [['/z', 'unevaluatedProperties', `${S}/unevaluatedProperties`]]],
  ['a nested unevaluatedProperties: true evaluates everything below it', { allOf: [{ unevaluatedProperties: true }], unevaluatedProperties: false }, { z: 1 }, []],
  ['a schema: unevaluated properties must match it', { allOf: [ref('AB')], unevaluatedProperties: { type: 'integer' } }, { a: 'x', n: 1, m: 'two' }, [['/m', 'type', `${S}/unevaluatedProperties/type`]]],
  ['properties below are their own objects', { type: 'object', properties: { inner: { type: 'object', properties: { a: {} }, unevaluatedProperties: false } }, unevaluatedProperties: false }, { inner: { a: 1, b: 2 } }, [['/inner/b', 'unevaluatedProperties', `${S}/properties/inner/unevaluatedProperties`]]],
  ['a value that is not an object passes unevaluatedProperties', { unevaluatedProperties: false }, 'text', []],
  ['a value that fails the rest gets only those issues', closedAllOf, { a: 1, d: 1 }, [['/a', 'type', '/components/schemas/AB/properties/a/type']]],
  ['prefixItems: the items after them are unevaluated', tuple, ['x', 1, 'extra'], [['/2', 'unevaluatedItems', `${S}/unevaluatedItems`]]],
  ['prefixItems: within them, valid', tuple, ['x', 1], []],
  ['items evaluates every item', { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'integer' }, unevaluatedItems: false }, ['x', 1, 2], []],
  ['contains evaluates the items it matches', { type: 'array', contains: { type: 'string' }, unevaluatedItems: { type: 'integer' } }, ['a', 1, true], [['/2', 'type', `${S}/unevaluatedItems/type`]]],
  ['allOf members\' prefixItems', { allOf: [{ prefixItems: [{}] }, { prefixItems: [{}, {}] }], unevaluatedItems: false }, [1, 2, 3], [['/2', 'unevaluatedItems', `${S}/unevaluatedItems`]]],
  ['a value that is not an array passes unevaluatedItems', { unevaluatedItems: false }, { a: 1 }, []],
];

describe('validators: unevaluatedProperties and unevaluatedItems', () => {
  it.each(CASES)('%s', async (_name, schema, value, want) => {
    const v = await validatorsOf(docWith({ ...SHARED, S: schema }));
    const r = v.S.validate(value);
    expect(r.ok ? [] : r.issues.map((i: Issue) => [i.path, i.keyword, i.schemaPointer])).toEqual(want);
    expect(v.S.is(value)).toBe(want.length === 0);
  });

  it('the messages name the keyword', async () => {
    const v = await validatorsOf(docWith({ ...SHARED, S: closedAllOf, Tuple: tuple }));
    expect(v.S.validate({ d: 1 }).issues[0].message).toBe('is not an allowed property (unevaluatedProperties)');
    expect(v.Tuple.validate(['x', 1, 2]).issues[0].message).toBe('is not an allowed item (unevaluatedItems)');
  });

  it('the same test of what was evaluated is made once per named schema and shared', async () => {
    const files = await generated(docWith({ ...SHARED, S: closedAllOf, Closed: { allOf: [ref('AB')], unevaluatedProperties: false } }), ['validators']);
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    // S's allOf, and AB's, which S and Closed both call.
    expect(code.match(/^function \$ek\d+/gm)).toHaveLength(2);
    expect(code.split('k === "a" || k === "b"')).toHaveLength(2);
  });

  it('no check is compiled that nothing calls (noUnusedLocals): an unevaluated* that can meet no property, or that accepts anything', async () => {
    const files = await generated(
      docWith({
        // additionalProperties evaluates every property: the keyword's object schema is never used.
        AllEvaluated: { type: 'object', additionalProperties: {}, unevaluatedProperties: { type: 'object', properties: { a: { type: 'string' } } } },
        Anything: { allOf: [{ properties: { a: {} } }, { anyOf: [{ required: ['a'] }] }], unevaluatedProperties: {} },
      }),
      ['types', 'validators'],
    );
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    expect(code).not.toMatch(/\$e[ki]\d+/);
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });

  it('no test part is made that another part makes moot (its local or function would go unread)', async () => {
    const files = await generated(
      docWith({
        ...SHARED,
        // The second member evaluates everything: AB's part would be moot.
        OpenMember: { allOf: [ref('AB'), { additionalProperties: true }], unevaluatedProperties: false },
        // A nested unevaluatedProperties evaluates everything; the items side needs AB's nothing.
        Nested: { type: 'object', properties: { a: {} }, allOf: [ref('AB'), { unevaluatedProperties: true }], unevaluatedItems: false },
        // then evaluates everything: if's part would be moot.
        Then: { if: { properties: { a: { type: 'string' } } }, then: { additionalProperties: true }, unevaluatedProperties: false },
      }),
      ['types', 'validators'],
    );
    const code = files.find((f) => f.path === 'validators.ts')!.content;
    // OpenMember evaluates every property: no loop over its keys at all.
    const openMember = code.slice(code.indexOf('function $c_OpenMember('), code.indexOf('\n}\n', code.indexOf('function $c_OpenMember(')));
    expect(openMember).toContain('function $c_OpenMember(');
    expect(openMember).not.toContain('unevaluatedProperties');
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });

  it(`${SPEC}: every target type-checks under the strictest flags`, async () => {
    const files = await generated(SPEC, ['types', 'validators', 'client', 'server']);
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });

  it(`${SPEC}: the generated server refuses an unevaluated property, and the client refuses one in a response, over HTTP`, async () => {
    const { client, server, node, validators } = await stackOf(SPEC);
    const member = { user_id: 'u1', nickname: 'n', labels: { 'x-team': 'a' }, joined: ['c1', '2026-01-01T00:00:00Z', 'note'] };
    let reply: Record<string, unknown> = member;
    const seen: unknown[] = [];
    const handler = server.createHandler({ updateChannelMember: ({ body }: { body: unknown }) => (seen.push(body), { status: 200, body: reply }) });
    const s: Server = await node.serve(handler, { port: 0, host: '127.0.0.1' });
    try {
      const baseUrl = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      const api = client.createClient({ baseUrl, validateResponses: validators });
      expect(await api.channels.updateMember('c1', 'u1', { body: { nickname: 'n', reason: 'typo' } })).toEqual(member);
      expect(seen).toEqual([{ nickname: 'n', reason: 'typo' }]);

      const refused = await api.channels.updateMember('c1', 'u1', { body: { nickname: 'n', role: 'admin' } as never }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(client.ApiError);
      expect(refused.status).toBe(400);
      expect(refused.body.issues).toEqual([
        { path: '/body/role', keyword: 'unevaluatedProperties', message: 'is not an allowed property (unevaluatedProperties)', schemaPointer: '/components/schemas/MemberUpdate/unevaluatedProperties' },
      ]);
      expect(seen).toHaveLength(1);

      reply = { ...member, labels: { team: 'a' }, joined: ['c1', '2026-01-01T00:00:00Z', 7], notification: { channel: 'push', device_token: 't', address: 'a@b.c' } };
      const bad = await api.channels.updateMember('c1', 'u1', { body: {} }).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(client.ResponseValidationError);
      expect(bad.issues.map((i: Issue) => [i.path, i.keyword, i.schemaPointer])).toEqual([
        ['/notification/address', 'unevaluatedProperties', '/components/schemas/Notification/unevaluatedProperties'],
        ['/labels/team', 'unevaluatedProperties', '/components/schemas/Member/allOf/1/properties/labels/unevaluatedProperties'],
        ['/joined/2', 'type', '/components/schemas/Member/allOf/1/properties/joined/unevaluatedItems/type'],
      ]);
    } finally {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });
});
