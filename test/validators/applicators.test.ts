import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { generated, stackOf, validatorsOf } from '../helpers/generated.js';
import { docWith } from '../helpers/spec.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

const SPEC = 'specs/features/json-schema-applicators.yaml';
const S = '/components/schemas/S';
type Issue = { path: string; keyword: string; message: string; schemaPointer: string };

/**
 * [case, schema S, value, the issues expected as [path, keyword, schemaPointer] ([] when valid)]: each keyword
 * that only the validators check, passing and failing, with the JSON pointers of both sides.
 */
const CASES: Array<[string, unknown, unknown, Array<[string, string, string]>]> = [
  ['if → then holds', { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } }, { a: 1, b: 2 }, []],
  ['if → then fails', { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } }, { a: 1 }, [['', 'required', `${S}/then/required`]]],
  ['not if → else fails', { type: 'object', if: { required: ['a'] }, then: { required: ['b'] }, else: { required: ['c'] } }, { b: 1 }, [['', 'required', `${S}/else/required`]]],
  ['not if, no else: holds', { if: { type: 'string' }, then: { minLength: 3 } }, 42, []],
  ['if on a primitive, then fails', { if: { type: 'string' }, then: { minLength: 3 } }, 'ab', [['', 'minLength', `${S}/then/minLength`]]],
  ['contains: one item matches', { type: 'array', contains: { type: 'integer', minimum: 5 } }, [1, 6], []],
  ['contains: none matches', { type: 'array', contains: { type: 'integer', minimum: 5 } }, [1, 2], [['', 'contains', `${S}/contains`]]],
  ['contains: an empty array has none', { type: 'array', contains: {} }, [], [['', 'contains', `${S}/contains`]]],
  ['contains, implied array: a non-array passes', { contains: { const: 1 } }, 'x', []],
  ['minContains: too few', { type: 'array', contains: { const: 'x' }, minContains: 2, maxContains: 3 }, ['x', 'y'], [['', 'minContains', `${S}/minContains`]]],
  ['maxContains: too many', { type: 'array', contains: { const: 'x' }, minContains: 2, maxContains: 3 }, ['x', 'x', 'x', 'x'], [['', 'maxContains', `${S}/maxContains`]]],
  ['min/maxContains: within', { type: 'array', contains: { const: 'x' }, minContains: 2, maxContains: 3 }, ['x', 'y', 'x'], []],
  ['minContains 0: none is fine', { type: 'array', contains: { const: 1 }, minContains: 0 }, [], []],
  ['propertyNames: every name valid', { type: 'object', propertyNames: { maxLength: 3 } }, { abc: 1, x: 2 }, []],
  ['propertyNames: the bad name is the path', { type: 'object', propertyNames: { maxLength: 3 } }, { abc: 1, 'ab/cd': 2 }, [['/ab~1cd', 'maxLength', `${S}/propertyNames/maxLength`]]],
  ['propertyNames false: no property at all', { type: 'object', propertyNames: false }, { a: 1 }, [['/a', 'false', `${S}/propertyNames`]]],
  ['propertyNames false: the empty object passes', { type: 'object', propertyNames: false }, {}, []],
  ['dependentRequired: present with its dependency', { type: 'object', dependentRequired: { card: ['billing'] } }, { card: 1, billing: 2 }, []],
  ['dependentRequired: the dependency missing', { type: 'object', dependentRequired: { card: ['billing', 'zip'] } }, { card: 1, zip: 3 }, [['', 'dependentRequired', `${S}/dependentRequired/card`]]],
  ['dependentRequired: absent, nothing needed', { type: 'object', dependentRequired: { card: ['billing'] } }, { billing: 2 }, []],
  ['dependentRequired on an Object.prototype name: not found on the prototype', { type: 'object', dependentRequired: { constructor: ['x'] } }, {}, []],
  ['dependentSchemas: the object checked again', { type: 'object', dependentSchemas: { card: { required: ['billing'] } } }, { card: 1 }, [['', 'required', `${S}/dependentSchemas/card/required`]]],
  ['dependentSchemas: absent, not checked', { type: 'object', dependentSchemas: { card: false } }, { billing: 1 }, []],
  ['dependentSchemas false: the property is forbidden', { type: 'object', dependentSchemas: { card: false } }, { card: 1 }, [['', 'false', `${S}/dependentSchemas/card`]]],
  ['not beside $ref (3.1): checked', { $ref: '#/components/schemas/Obj', not: { required: ['x'] } }, { x: 1 }, [['', 'not', `${S}/not`]]],
];

describe('validators: if/then/else, contains, propertyNames, dependentRequired, dependentSchemas', () => {
  it.each(CASES)('%s', async (_name, schema, value, want) => {
    const v = await validatorsOf(docWith({ Obj: { type: 'object' }, S: schema }));
    const r = v.S.validate(value);
    expect(r.ok ? [] : r.issues.map((i: Issue) => [i.path, i.keyword, i.schemaPointer])).toEqual(want);
    expect(v.S.is(value)).toBe(want.length === 0);
  });

  it('the messages say what is missing', async () => {
    const v = await validatorsOf(docWith({ S: { type: 'array', contains: { const: 'x' }, maxContains: 1 }, D: { dependentRequired: { card: ['billing'] } } }));
    expect(v.S.validate(['y']).issues[0].message).toBe('must contain at least 1 item that matches the schema in "contains"');
    expect(v.S.validate(['x', 'x']).issues[0].message).toBe('must contain at most 1 item that matches the schema in "contains"');
    expect(v.D.validate({ card: 1 }).issues[0].message).toBe("must have the property 'billing' when 'card' is present");
  });

  it(`${SPEC}: every target type-checks under the strictest flags`, async () => {
    const files = await generated(SPEC, ['types', 'validators', 'client', 'server']);
    expect(typecheck(writeFiles(tempDir(), files), 'strictest')).toEqual([]);
  });

  it(`${SPEC}: the keywords nested in a spec, through the validators and the server`, async () => {
    const v = await validatorsOf(SPEC);
    const ok = { user_id: 'u1', role: 'bot', bot_owner: 'u0', labels: { team: 'a' }, notify: { channel: 'email', address: 'a@b.c' } };
    expect(v.NewMember.validate(ok)).toEqual({ ok: true, value: ok });
    const bad = v.NewMember.validate({ user_id: 'u1', role: 'member', bot_owner: 'u0', card_number: '4111', labels: { Team: 'a' }, notify: { channel: 'email' } });
    expect(bad.issues.map((i: Issue) => [i.path, i.keyword, i.schemaPointer])).toEqual([
      ['', 'not', '/components/schemas/NewMember/else/not'],
      ['/notify', 'required', '/components/schemas/Notify/dependentSchemas/channel/then/required'],
      ['/labels/Team', 'pattern', '/components/schemas/NewMember/properties/labels/propertyNames/pattern'],
      ['', 'dependentRequired', '/components/schemas/NewMember/dependentRequired/card_number'],
    ]);
    expect(v.Member.is({ user_id: 'u1', role: 'member', roles_history: ['bot', 'member'] })).toBe(true);
    expect(v.Member.validate({ user_id: 'u1', role: 'member', roles_history: ['member', 'member', 'member'] }).issues.map((i: Issue) => i.keyword)).toEqual(['maxContains']);

    // The generated server answers 400 with the same pointers, before the handler runs.
    const { server } = await stackOf(SPEC);
    let called = 0;
    const handle = server.createHandler({ addChannelMember: async () => ((called++), { status: 201, body: { user_id: 'u1', role: 'bot', roles_history: ['member'] } }) });
    const res: Response = await handle(new Request('http://127.0.0.1/channels/c1/members', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: 'u1', role: 'bot' }) }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('/components/schemas/NewMember/then/required');
    expect(called).toBe(0);
  });
});
