import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers/cli.js';
import { runtimeFiles, typecheck, writeFiles } from '../helpers/typecheck.js';

describe('--scaffold', () => {
  it('creates stubs, keeps hand edits byte-identical, adds stubs for new operations, warns about removed ones', () => {
    const dir = tempDir();
    const spec = join(dir, 'api.yaml');
    const doc = parse(readFileSync(join(ROOT, 'specs/alo-dm-channel-users.yaml'), 'utf8'));
    writeFileSync(spec, stringify(doc));
    const handlers = join(dir, 'src/handlers.ts');
    const first = cli(['generate', spec, '-o', join(dir, 'gen'), '--scaffold', handlers]);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('scaffold');
    const created = readFileSync(handlers, 'utf8');
    for (const op of ['listDirectMessageChannelUsers', 'addDirectMessageChannelUser', 'removeDirectMessageChannelUser']) {
      expect(created).toContain(`${op}: async () => notImplemented("${op}"),`);
    }

    // Two handlers written by hand.
    const listImpl = `listDirectMessageChannelUsers: async ({ params }) => {
    // my own code, formatted my way
    return { status: 200, body: { page: 1, per_page: 100, total_pages: 1, response_count: 0, total_count: 0, channel: { id: params.channel_id, name: "x" }, users: [] } };
  }`;
    const addImpl = `addDirectMessageChannelUser: async ({ body }) =>   ({ status: 200, body: { id: body.id } })`;
    const edited = created
      .replace('listDirectMessageChannelUsers: async () => notImplemented("listDirectMessageChannelUsers")', listImpl)
      .replace('addDirectMessageChannelUser: async () => notImplemented("addDirectMessageChannelUser")', addImpl);
    writeFileSync(handlers, edited);

    // The spec gains an operation.
    doc.paths['/direct_message_channels/{channel_id}'] = {
      get: { operationId: 'getDirectMessageChannel', tags: ['Direct Message Channels'], parameters: [{ name: 'channel_id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'the channel', content: { 'application/json': { schema: { $ref: '#/components/schemas/Channel' } } } } } },
    };
    writeFileSync(spec, stringify(doc));
    const second = cli(['generate', spec, '-o', join(dir, 'gen'), '--scaffold', handlers]);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('1 handler added');
    const after = readFileSync(handlers, 'utf8');
    expect(after.startsWith(edited.slice(0, edited.lastIndexOf('}')).trimEnd())).toBe(true);
    expect(after).toContain(listImpl);
    expect(after).toContain(addImpl);
    expect(after).toContain('getDirectMessageChannel: async () => notImplemented("getDirectMessageChannel"),');

    const files = ['types.ts', 'validators.ts', 'server.ts'].map((f) => ({ path: `gen/${f}`, content: readFileSync(join(dir, 'gen', f), 'utf8') }));
    expect(typecheck(writeFiles(tempDir(), [...files, ...runtimeFiles('gen/'), { path: 'src/handlers.ts', content: after }]), 'nodenext')).toEqual([]);

    // An operation leaves the spec: a warning, nothing deleted.
    delete doc.paths['/direct_message_channels/{channel_id}/users/{user_id}'];
    writeFileSync(spec, stringify(doc));
    const third = cli(['generate', spec, '-o', join(dir, 'gen'), '--scaffold', handlers, '--reporter', 'json']);
    expect(third.status).toBe(0);
    expect(third.stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ code: 'SF5002', severity: 'warning', message: expect.stringContaining('removeDirectMessageChannelUser') }),
    ]);
    expect(readFileSync(handlers, 'utf8')).toBe(after);
  });

  it('refuses to touch a file without a handlers object (SF5003, exit 2, file unchanged)', () => {
    const dir = tempDir();
    const handlers = join(dir, 'handlers.ts');
    const mine = 'export const somethingElse = 1;\n';
    writeFileSync(handlers, mine);
    const r = cli(['generate', join(ROOT, 'specs/whop-dm-members.yaml'), '-o', join(dir, 'gen'), '--scaffold', handlers, '--reporter', 'json']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ code: 'SF5003', file: expect.stringMatching(/handlers\.ts$/) })]);
    expect(existsSync(join(dir, 'gen'))).toBe(false); // nothing written
    expect(readFileSync(handlers, 'utf8')).toBe(mine);
  });
});
