import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/query-core';
import { ALL_TARGETS, generate } from '../../dist/index.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { importAll } from '../helpers/generated.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// Valid specs that put code-like payloads in every string that reaches output (specs/hostile/injection.json)
// and hostile names everywhere a name can be (specs/hostile/names.json). Each payload, if it ever ran, would
// set globalThis.__specforgePwned: the canary.
const CANARY = '__specforgePwned';
const canary = () => (globalThis as Record<string, unknown>)[CANARY];
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function stack(spec: string) {
  const r = await generate({ input: join(ROOT, 'specs/hostile', spec), targets: [...ALL_TARGETS], write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const load = await importAll(r.files);
  return { files: r.files, diagnostics: r.diagnostics, load };
}

async function listen(node: Record<string, any>, handler: unknown): Promise<string> {
  const server: Server = await node.serve(handler, { port: 0, host: '127.0.0.1' });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const doc = (spec: string) => JSON.parse(readFileSync(join(ROOT, 'specs/hostile', spec), 'utf8'));

describe('hostile specs: payloads never run, names never break the code', () => {
  for (const spec of ['injection.json', 'names.json']) {
    it(`${spec}: every target generates and type-checks under strict (bundler) and the strictest flags (nodenext)`, async () => {
      const { files, diagnostics } = await stack(spec);
      // Only the documented warnings for the pattern that is not a regular expression.
      expect([...new Set(diagnostics.map((d) => d.code))].sort()).toEqual(spec === 'injection.json' ? ['SF3009', 'SF4004'] : []);
      const paths = writeFiles(tempDir(), files.map((f) => ({ path: f.path, content: f.content })));
      expect(typecheck(paths, 'strictest')).toEqual([]);
      expect(typecheck(paths, 'bundler')).toEqual([]);
    }, 60_000);
  }

  it('injection.json: validators, client and server run on the payloads as data; the canary stays untouched', async () => {
    const spec = doc('injection.json');
    const [P1, P2, P3, P4, P5, P6] = spec.components.schemas.Mood.enum as string[];
    const { load } = await stack('injection.json');
    const [V, client, server, node] = await Promise.all(['validators.ts', 'client.ts', 'server.ts', 'server-node.ts'].map((f) => load(f)));
    expect(canary()).toBeUndefined();

    // Validators: payloads are values like any other.
    const good = { mood: P3, note: 'a/b', fixed: P3, odd: '((', count: 2 };
    expect(V.Thing.validate(good)).toEqual({ ok: true, value: good });
    const bad = V.Thing.validate({ mood: 'nope', note: 'a/b/c', fixed: P4 });
    expect(bad.issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`).sort()).toEqual(['/fixed const', '/mood enum', '/note pattern']);
    for (const p of [P1, P2, P3, P4, P5, P6]) expect(V.Mood.is(p)).toBe(true);

    // Server and client over HTTP: payloads travel as data, both ways, byte for byte.
    const seen: unknown[] = [];
    const handler = server.createHandler({
      getThing: ({ params, query }: any) => {
        seen.push(params.id, query.q, query.mood);
        return { status: 200, body: { mood: query.mood ?? P1, note: P6.includes('/') ? 'x/y' : P6, fixed: P3 } };
      },
      putThing: ({ body }: any) => ({ status: 200, body }),
      getOddPath: ({ params }: any) => {
        seen.push(params.id);
        return { status: 204 };
      },
    }, { validateResponses: true, onError: (e: unknown) => seen.push(['error', e]) });
    const url = await listen(node, handler);
    const api = client.createClient({ baseUrl: url, validateResponses: V });
    const thing = await api.thingsX.getThing('abc/def', { query: { q: P4, mood: P2 } });
    expect(thing).toEqual({ mood: P2, note: 'x/y', fixed: P3 });
    const body = { mood: P5, note: '/', fixed: P3, odd: P6 };
    expect(await api.thingsX.putThing('id', { body })).toEqual(body);
    await api.itS.getOddPath('plain');
    expect(seen).toEqual(['abc/def', P4, P2, 'plain']);
    const rejected = await api.thingsX.putThing('id', { body: { mood: 'nope', note: '', fixed: P3 } }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(client.ApiError);
    // The query target: the title is the keys' scope, as data; a query over HTTP with a payload in its key.
    const query = await load('query.ts');
    expect(query.QUERY_SCOPE).toBe(spec.info.title);
    const core = client.createCore({ baseUrl: url, validateResponses: V });
    const options = query.getThingQueryOptions(core, 'k', { query: { q: P1 } });
    expect(options.queryKey[0]).toMatchObject({ scope: spec.info.title, path: { id: 'k' }, input: { query: { q: P1 } } });
    expect(await new QueryClient().fetchQuery(options)).toMatchObject({ fixed: P3 });
    expect(canary()).toBeUndefined();
  }, 60_000);

  it('names.json: reserved words, prototype names and colliding names work at run time', async () => {
    const { load } = await stack('names.json');
    const [V, client, server, node] = await Promise.all(['validators.ts', 'client.ts', 'server.ts', 'server-node.ts'].map((f) => load(f)));
    // A value with every hostile property name, "__proto__" included as an own property.
    // JSON.parse makes "__proto__" an own property (an object literal would set the prototype instead).
    const keys = Object.keys(doc('names.json').components.schemas.class.properties);
    const value = JSON.parse(`{${keys.map((k) => `${JSON.stringify(k)}: ${JSON.stringify(`value of ${k}`)}`).join(', ')}}`);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(V.ClassModel.validate(value)).toEqual({ ok: true, value });
    // Schemas and an operation named like the names the validators make for themselves (R0, E0, J0, c0).
    expect([V.R0.is('xx'), V.R0.is('y'), V.E0.is('h'), V.E0.is('z'), V.J0.is({ k: 1 }), V.J0.is({ k: 2 })]).toEqual([true, false, true, false, true, false]);
    expect(V.c0.body['application/json'].is({ inner: { r: 'x' } })).toBe(true);
    expect(V.c0.body['application/json'].is({ inner: { r: 'y' } })).toBe(false);
    // Required "__proto__", "constructor" and "user_id": an object without them fails, whatever it inherits.
    const missing = V.ClassModel.validate({});
    expect(missing.issues.map((i: { message: string }) => i.message).sort()).toEqual([
      "must have the property '__proto__'",
      "must have the property 'constructor'",
      "must have the property 'user_id'",
    ]);

    const calls: unknown[] = [];
    const handlers: Record<string, unknown> = {};
    for (const name of ['deleteOp', 'classOp', 'constructorOp', 'proto', 'toStringOp', 'withSpace', 'quoTe', '_1leading2', 'getUser', 'getUser2', 'getUser3']) {
      handlers[name] = ({ params, query, auth }: any) => {
        calls.push([name, params.class, { ...query }, Object.keys(auth)]);
        return { status: 200, body: value };
      };
    }
    handlers.defaultOp = ({ body }: any) => ({ status: 200, body });
    handlers.scopeNames = ({ params }: any) => ({ status: 200, body: { ...params } });
    handlers.getEmpty = ({ query, headers }: any) => {
      calls.push(['getEmpty', { ...query }, { ...headers }]);
      return { status: 204 };
    };
    const url = await listen(node, server.createHandler(handlers, { authenticate: ({ credentials }: any) => credentials === 'good' && 'ok' }));
    // Auth by the scheme named "__proto__" (set as an own property) and by "constructor".
    const auth = Object.defineProperty({}, '__proto__', { value: 'good', enumerable: true });
    const api = client.createClient({ baseUrl: url, auth });
    // Path parameters named after what the client method has in scope (its core, options, input, undefined, T).
    expect(await api.scope.names('1', '2', '3', '4', '5')).toEqual({ c: '1', options: '2', input: '3', undefined: '4', T: '5' });
    // The same through the query target, whose factories have C, T and $ in scope; the key holds the spec's names.
    const queries = await load('query.ts');
    const scoped = queries.scopeNamesQueryOptions(client.createCore({ baseUrl: url }), '1', '2', '3', '4', '5');
    expect(scoped.queryKey[0].path).toEqual({ c: '1', options: '2', input: '3', undefined: '4', T: '5' });
    expect(await new QueryClient().fetchQuery(scoped)).toEqual({ c: '1', options: '2', input: '3', undefined: '4', T: '5' });
    const proto = queries.protoQueryOptions(client.createCore({ baseUrl: url, auth }), 'x');
    expect(Object.keys(proto.queryKey[0].path)).toEqual(['class']);
    const query = Object.defineProperty({ constructor: 7, user_id: 'a', userId: 'b', 'with space': 'c d', "quo'te": "e'f", 'a[b]': 'g', kind: 'toString' }, '__proto__', { value: 'p', enumerable: true });
    expect(await api.proto.classOp('x/y', { query, headers: { 'X-Default': 'h' }, cookies: { delete: 'i' } })).toEqual(value);
    expect(calls[0]).toEqual(['classOp', 'x/y', { ...query }, ['__proto__']]);
    // A parameter the caller does not give is not sent, even when Object.prototype has a property of its name.
    const bare = client.createClient({ baseUrl: url, auth: { constructor: 'good' } });
    await bare.toStringApi._1leading2('z');
    expect(calls[1]).toEqual(['_1leading2', 'z', {}, ['constructor']]);
    // Without credentials for either scheme: 401; the scheme table was not lost to a prototype.
    const none = await client.createClient({ baseUrl: url }).defaultApi.getUser('q').catch((e: unknown) => e);
    expect(none.status).toBe(401);
    expect(await api.objectApi.defaultOp({ body: value })).toEqual(value);
    // An empty operationId, tag and parameter name; a header named "class".
    await api.api.getEmpty({ query: { '': 'empty' }, headers: { class: 'c' } });
    expect(calls.at(-1)).toEqual(['getEmpty', { '': 'empty' }, { class: 'c' }]);
    // A handler that is missing is 501, not Object.prototype.toString.
    const partial = await listen(node, server.createHandler({}, {}));
    const r = await fetch(`${partial}/n4/x`, { headers: { authorization: 'Bearer t' } });
    expect(r.status).toBe(501);
    expect(canary()).toBeUndefined();
  }, 60_000);
});
