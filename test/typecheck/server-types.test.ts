import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { runtimeFiles, typecheck, writeFiles, type Resolution } from '../helpers/typecheck.js';

const PROBE = `
import { createHandler, undeclared, type Handlers } from './server.js';

export const good: Handlers = {
  createDmMember: ({ body }) => ({ status: 200, body: { id: 'x', user_id: body.user_id, channel_id: body.channel_id, status: 'requested', last_viewed_at: null, notification_preference: 'all' } }),
  updateDmMember: async ({ params }) => ({ status: 404, body: { error: { type: 'not_found', message: params.id } } }),
};
const errorBody = (p: { title: string }) => ({ error: { type: 'invalid', message: p.title, code: null, param: null } });
export const handler: (request: Request) => Promise<Response> = createHandler(good, { maxBodyBytes: 2048, errorBody });
// @ts-expect-error: the spec declares its own error bodies, so errorBody is required
export const without: (request: Request) => Promise<Response> = createHandler(good, { maxBodyBytes: 2048 });
// @ts-expect-error: errorBody must make a declared error body, not a problem
export const problemBody: (request: Request) => Promise<Response> = createHandler(good, { errorBody: (p) => p });

// A status the spec does not declare, on purpose: only through undeclared().
export const escape: Handlers = { ...good, createDmMember: () => undeclared(409, { conflict: true }) };

export const wrongStatus: Handlers = {
  ...good,
  // @ts-expect-error: 418 is not a declared status of createDmMember
  createDmMember: () => ({ status: 418, body: { error: { type: 'teapot', message: 'no' } } }),
};

export const wrongBody: Handlers = {
  ...good,
  // @ts-expect-error: a 200 must carry a DmMember
  updateDmMember: () => ({ status: 200, body: { error: { type: 'x', message: 'y' } } }),
};

export const wrongParam: Handlers = {
  ...good,
  // @ts-expect-error: params has no such field
  updateDmMember: ({ params }) => ({ status: 404, body: { error: { type: 'x', message: params.nope } } }),
};
`;

describe('server types', () => {
  it.each(['bundler', 'nodenext'] as Resolution[])('a handler returning an undeclared status or body does not compile (%s)', (resolution) => {
    const golden = join(ROOT, 'test/golden/whop-dm-members');
    const files = ['types.ts', 'validators.ts', 'server.ts', 'server-node.ts'].map((f) => ({ path: f, content: readFileSync(join(golden, f), 'utf8') }));
    expect(typecheck(writeFiles(tempDir(), [...files, ...runtimeFiles(), { path: 'probe.ts', content: PROBE }]), resolution)).toEqual([]);
  });
});
