import { describe, expect, it } from 'vitest';
import type { IrDocument, Operation } from '../../dist/index.js';
import { docWith, irOf } from '../helpers/spec.js';
import { targetNames } from '../../dist/ir/passes/target-names.js';

const names = (ir: IrDocument) => Object.fromEntries(ir.schemas.map((s) => [s.nameHint.join('.'), s.name]));

describe('names pass', () => {
  const cases: Array<[string, Record<string, unknown>, Record<string, string>]> = [
    ['keys that collide after case conversion claim in code-point order', { user_id: {}, userId: {}, UserId: {} }, { UserId: 'UserId', userId: 'UserId2', user_id: 'UserId3' }],
    ['globals get the Model suffix', { Date: {}, Blob: {}, File: {}, Object: {}, Promise: {}, Record: {} }, { Date: 'DateModel', Blob: 'BlobModel', File: 'FileModel', Object: 'ObjectModel', Promise: 'PromiseModel', Record: 'RecordModel' }],
    ['reserved words', { class: {}, default: {}, delete: {}, string: {} }, { class: 'ClassModel', default: 'DefaultModel', delete: 'DeleteModel', string: 'StringModel' }],
    ['punctuation and leading digits', { 'chat.v2.user_channel': {}, '1st-thing': {}, '-_.': {}, 'a-b_c.d': {} }, { 'chat.v2.user_channel': 'ChatV2UserChannel', '1st-thing': '_1stThing', '-_.': 'Unnamed', 'a-b_c.d': 'ABCD' }],
    ['__proto__ and constructor', JSON.parse('{"__proto__": {}, "constructor": {}, "toString": {}}'), JSON.parse('{"__proto__": "Proto", "constructor": "ConstructorModel", "toString": "ToString"}')],
  ];
  it.each(cases)('%s', async (_name, schemas, want) => {
    const ir = await irOf(docWith(schemas));
    expect(names(ir)).toEqual(want);
  });

  it('a hoisted enum and a component schema with the same name: the component wins', async () => {
    const ir = await irOf(
      docWith({
        Pet: { type: 'object', properties: { status: { type: 'string', enum: ['a', 'b'] } } },
        PetStatus: { type: 'object', properties: { x: { type: 'string' } } },
      }),
    );
    expect(names(ir)).toEqual({ Pet: 'Pet', PetStatus: 'PetStatus', 'Pet.status': 'PetStatus2' });
  });

  it('property names stay the wire names in the IR (the printer quotes them)', async () => {
    const names = ['with-dash', 'has"quote', '__proto__', '', '1st', 'class'];
    const ir = await irOf(docWith({ P: { type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) } }));
    const p = ir.schemas[0]!.schema;
    expect(p.kind === 'object' && p.properties.map((x) => x.name)).toEqual(names);
  });

  it('enum members are named from values, unique within the enum', async () => {
    const ir = await irOf(docWith({ E: { enum: ['not_participating', 'Not-Participating', '', 'a b', 42, -1.5, true, '__proto__'] } }));
    const e = ir.schemas[0]!.schema;
    expect(e.kind === 'enum' && e.members.map((m) => m.name)).toEqual(['NotParticipating', 'NotParticipating2', 'Empty', 'AB', 'Value42', 'ValueMinus1_5', 'True', 'Proto']);
  });

  it('operations: camelCase ids, reserved words suffixed, collisions numbered', async () => {
    const op = (operationId: string) => ({ operationId, responses: { '204': { description: 'ok' } } });
    const ir = await irOf({
      openapi: '3.1.0', info: { title: 't', version: '1' },
      paths: { '/a': { get: op('delete'), post: op('list_users') }, '/b': { get: op('ListUsers') }, '/c/{id}': { put: { responses: { '204': { description: 'x' } }, parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }] } } },
    });
    expect(Object.fromEntries(ir.operations.map((o) => [o.operationId, o.name]))).toEqual({
      delete: 'deleteOp', list_users: 'listUsers2', ListUsers: 'listUsers', 'put /c/{id}': 'putCId',
    });
  });

  it.each<[string, Array<[method: string, path: string, operationId: string, tag?: string]>, Record<string, string>]>([
    [
      'a prefix every tag shares is dropped from resources (Twilio: ChatV2…)',
      [['get', '/v2/Credentials', 'ListCredential', 'ChatV2Credential'], ['get', '/v2/Services/{ServiceSid}/Users', 'ListUser', 'ChatV2User'], ['post', '/v2/Services/{ServiceSid}/Users/{UserSid}/Channels/{ChannelSid}', 'UpdateUserChannel', 'ChatV2UserChannel']],
      { ListCredential: 'credential.list', ListUser: 'user.list', UpdateUserChannel: 'userChannel.update' },
    ],
    [
      'a single tag keeps all its words',
      [['post', '/v2/Services/{ServiceSid}/Users/{UserSid}/Channels/{ChannelSid}', 'UpdateUserChannel', 'ChatV2UserChannel']],
      { UpdateUserChannel: 'chatV2UserChannel.update' },
    ],
    [
      "qualifiers that are the path's parents go with the resource's words, others stay (and tags that share no prefix keep theirs)",
      [['get', '/v2/Services/{ServiceSid}/Channels/{ChannelSid}/Webhooks', 'ListChannelWebhook', 'ChatV2Webhook'], ['get', '/v2/Services/{ServiceSid}/Roles', 'ListRole', 'ChatV2Role'], ['get', '/user', 'getAuthenticatedUser', 'users'], ['get', '/users/{u}', 'getUser', 'users']],
      { ListChannelWebhook: 'chatV2Webhook.list', ListRole: 'chatV2Role.list', getAuthenticatedUser: 'users.getAuthenticated', getUser: 'users.get' },
    ],
    [
      "GitHub's style: the resource's words lead the operation's name",
      [['get', '/repos/{owner}/{repo}', 'repos/get', 'repos'], ['get', '/orgs/{org}/repos', 'repos/list-for-org', 'repos'], ['get', '/gists/{gist_id}', 'gists/get', 'gists']],
      { 'repos/get': 'repos.get', 'repos/list-for-org': 'repos.listForOrg', 'gists/get': 'gists.get' },
    ],
  ])('client names: %s', async (_name, ops, want) => {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const [method, path, operationId, tag] of ops) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
      (paths[path] ??= {})[method] = { operationId, ...(tag ? { tags: [tag] } : {}), parameters: params, responses: { '204': { description: 'ok' } } };
    }
    const ir = await irOf({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths });
    const table = targetNames(ir);
    expect(Object.fromEntries(ir.operations.map((o) => [o.operationId, `${table.get(o)!.resource}.${table.get(o)!.clientMethod}`]))).toEqual(want);
  });

  it('write variants: schemas with readOnly properties, and schemas that ref them', async () => {
    const ir = await irOf(
      docWith({
        User: { type: 'object', properties: { id: { type: 'string', readOnly: true }, name: { type: 'string' } } },
        Team: { type: 'object', properties: { owner: { $ref: '#/components/schemas/User' } } },
        Plain: { type: 'object', properties: { x: { type: 'string' } } },
      }),
    );
    const by = Object.fromEntries(ir.schemas.map((s) => [s.name, s.writeName ?? null]));
    expect(by).toEqual({ User: 'UserWritable', Team: 'TeamWritable', Plain: null });
  });
});

describe('query target names (naming table)', () => {
  const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } }, total_pages: { type: 'integer' } } } } } } };
  const paged = { parameters: [{ name: 'page', in: 'query', schema: { type: 'integer' } }], responses: ok };
  const doc = (paths: Record<string, unknown>) => ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths });
  const queryNames = (ir: IrDocument, op: Operation) => {
    const n = targetNames(ir).get(op)!;
    return [n.queryOptions, n.mutationOptions, n.infiniteQueryOptions];
  };

  it('GET and HEAD get <op>QueryOptions, other methods <op>MutationOptions, a paged GET <op>InfiniteQueryOptions too; claimed after every other value', async () => {
    const ir = await irOf(
      doc({
        '/items': { get: { operationId: 'listItems', ...paged }, post: { operationId: 'createItem', responses: ok }, head: { operationId: 'headItems', responses: ok } },
        // An operation already named like listItems' factory: the operation keeps its name, the factory is numbered.
        '/items/query-options': { get: { operationId: 'listItemsQueryOptions', responses: ok } },
      }),
    );
    const by = Object.fromEntries(ir.operations.map((o) => [o.operationId, o]));
    expect(queryNames(ir, by.listItems!)).toEqual(['listItemsQueryOptions2', undefined, 'listItemsInfiniteQueryOptions']);
    expect(queryNames(ir, by.createItem!)).toEqual([undefined, 'createItemMutationOptions', undefined]);
    expect(queryNames(ir, by.headItems!)).toEqual(['headItemsQueryOptions', undefined, undefined]);
    expect(by.listItemsQueryOptions!.name).toBe('listItemsQueryOptions');
    expect(queryNames(ir, by.listItemsQueryOptions!)).toEqual(['listItemsQueryOptionsQueryOptions', undefined, undefined]);
  });

  it('a rerun (--watch) whose operation changed method from GET to POST gets a mutation, not the last run\'s query names', async () => {
    const { assignNames } = await import('../../dist/ir/passes/assign-names.js');
    const { PassMemo } = await import('../../dist/ir/memo.js');
    const { EmitMemo } = await import('../../dist/emit/memo.js');
    const { namingTable } = await import('../../dist/emit/names.js');
    const memo = new PassMemo();
    const emitMemo = new EmitMemo();
    const tableNames = (ir: IrDocument) => {
      const n = namingTable(ir, emitMemo).get(ir.operations[0]!)!;
      return [n.queryOptions, n.mutationOptions, n.infiniteQueryOptions];
    };
    const get = await irOf(doc({ '/items': { get: { operationId: 'saveItems', responses: ok } } }));
    const post = await irOf(doc({ '/items': { post: { operationId: 'saveItems', responses: ok } } }));
    expect(tableNames(assignNames(get, memo))).toEqual(['saveItemsQueryOptions', undefined, undefined]);
    expect(tableNames(assignNames(post, memo))).toEqual([undefined, 'saveItemsMutationOptions', undefined]);
    // An edit that renames nothing (a summary) keeps the last run's table for the edited operation.
    const summary = await irOf(doc({ '/items': { post: { operationId: 'saveItems', summary: 'Saves.', responses: ok } } }));
    const renamed = assignNames(summary, memo);
    expect(renamed.operations[0]!.summary).toBe('Saves.');
    expect(tableNames(renamed)).toEqual([undefined, 'saveItemsMutationOptions', undefined]);
  });
});

describe('RUNTIME_NAMES', () => {
  it('holds every name the templates export, so that no generated name can clash with one', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { RUNTIME_NAMES } = await import('../../dist/ir/passes/naming-rules.js');
    const root = join(process.cwd(), 'templates');
    const exported = new Set<string>();
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/^export (?:declare )?(?:abstract )?(?:async )?(?:class|interface|type|function|const|let) ([A-Za-z_$][\w$]*)/gm)) exported.add(m[1]!);
      }
    };
    walk(root);
    expect([...exported].filter((n) => !RUNTIME_NAMES.has(n)).sort()).toEqual([]);
  });
});
