import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { generated, stackOf, validatorsOf } from '../helpers/generated.js';
import { tempDir } from '../helpers/cli.js';
import { typecheck, writeFiles } from '../helpers/typecheck.js';

// specs/features/polymorphic-inheritance.yaml: Pet lists Cat and Dog in a discriminated oneOf, and each inherits
// Pet through allOf. Generated as written, the types circularly referenced themselves and a validator would have
// checked a Cat against Pet against Cat forever; the subtypes now inherit PetBase, Pet's own keywords.
const SPEC = 'specs/features/polymorphic-inheritance.yaml';
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe('polymorphic inheritance (a discriminated oneOf of subtypes that allOf the parent)', () => {
  it('every target type-checks under strict (bundler) and the strictest flags (nodenext)', async () => {
    const files = await generated(SPEC, ['types', 'validators', 'client', 'server']);
    const paths = writeFiles(tempDir(), files.map((f) => ({ path: f.path, content: f.content })));
    expect(typecheck(paths, 'bundler')).toEqual([]);
    expect(typecheck(paths, 'strictest')).toEqual([]);
    expect(files.find((f) => f.path === 'types.ts')!.content).toContain('export type Cat = PetBase & {');
  }, 120_000);

  it('the validators dispatch on the tag and check the subtype with the base', async () => {
    const V = await validatorsOf(SPEC);
    expect(V.Pet.is({ petType: 'Cat', meows: true })).toBe(true);
    expect(V.Pet.is({ petType: 'Dog' })).toBe(true);
    expect(V.Pet.validate({ petType: 'Cat' }).issues).toEqual([
      { path: '', keyword: 'required', message: "must have the property 'meows'", schemaPointer: '/components/schemas/Cat/allOf/1/required' },
    ]);
    expect(V.Pet.validate({ petType: 'Fish' }).issues.map((i: { keyword: string }) => i.keyword)).toEqual(['discriminator']);
    expect(V.Cat.validate({ meows: true }).issues.map((i: { path: string; keyword: string }) => `${i.path} ${i.keyword}`)).toEqual([' required']);
    expect(V.PetBase.is({ petType: 'anything' })).toBe(true);
  });

  it('the client sends a Cat to the server and gets it back, and the server rejects a Cat without meows', async () => {
    const { client, server, node } = await stackOf(SPEC);
    const added: unknown[] = [];
    const handler = server.createHandler({
      getPets: () => ({ status: 200, body: { petType: 'Dog', barks: true } }),
      addPet: ({ body }: { body: unknown }) => {
        added.push(body);
        return { status: 201, body };
      },
    });
    const s: Server = await node.serve(handler, { port: 0, host: '127.0.0.1' });
    servers.push(s);
    const api = client.createClient({ baseUrl: `http://127.0.0.1:${(s.address() as AddressInfo).port}` });
    expect(await api.pets.get()).toEqual({ petType: 'Dog', barks: true });
    expect(await api.pets.add({ body: { petType: 'Cat', meows: false } })).toEqual({ petType: 'Cat', meows: false });
    expect(added).toEqual([{ petType: 'Cat', meows: false }]);
    const bad = await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ petType: 'Cat' }) });
    expect(bad.status).toBe(400);
    expect(added).toHaveLength(1);
  });
});
