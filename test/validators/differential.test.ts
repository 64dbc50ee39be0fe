import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';
import { validatorsOf } from '../helpers/generated.js';
import { generateValue, mutate, rng } from './values.js';

const require = createRequire(import.meta.url);
// ajv's CommonJS module is its class and has it as `default` too; NodeNext types see only the module.
const Ajv2020 = Ajv2020Module.default;
const GITHUB = require.resolve('@octokit/openapi/generated/api.github.com.json');

/** [spec, component key, our export name] */
const SEED_SCHEMAS: Array<[string, string, string]> = [
  ['specs/whop-dm-members.yaml', 'DmMember', 'DmMember'],
  ['specs/whop-dm-members.yaml', 'Error', 'ErrorModel'],
  ['specs/alo-dm-channel-users.yaml', 'DirectMessageChannelUserList', 'DirectMessageChannelUserList'],
  ['specs/alo-dm-channel-users.yaml', 'ErrorResponse', 'ErrorResponse'],
  ['specs/twilio-chat-user-channels.yaml', 'chat.v2.service.user.user_channel', 'ChatV2ServiceUserUserChannel'],
  ['specs/twilio-chat-user-channels.yaml', 'UpdateUserChannelRequest', 'UpdateUserChannelRequest'],
];
const GITHUB_SCHEMAS: Array<[string, string]> = [
  ['repository', 'Repository'],
  ['simple-user', 'SimpleUser'],
  ['issue', 'IssueModel'],
  ['pull-request-simple', 'PullRequestSimple'],
  ['commit', 'Commit'],
  ['workflow-run', 'WorkflowRun'],
  ['release', 'Release'],
  ['gist-simple', 'GistSimple'],
  ['team', 'Team'],
  ['label', 'Label'],
];
const VALUES_PER_SCHEMA = 625; // 16 schemas × 625 = 10,000 values
const SEED = 20261124;

async function ajvFor(path: string): Promise<{ ajv: InstanceType<typeof Ajv2020>; doc: Record<string, unknown> }> {
  const spec = await loadSpec(path, { validate: false });
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema(spec.document, 'doc');
  return { ajv, doc: spec.document };
}

function compare(name: string, ours: { is(v: unknown): boolean; validate(v: unknown): { ok: boolean } }, theirs: (v: unknown) => boolean, doc: Record<string, unknown>, key: string, seed: number) {
  const random = rng(seed);
  const schema = (doc.components as { schemas: Record<string, unknown> }).schemas[key];
  const disagreements: Array<{ value: unknown; ours: boolean; ajv: boolean }> = [];
  let valid = 0;
  for (let i = 0; i < VALUES_PER_SCHEMA; i++) {
    let value = generateValue(schema, doc, random);
    if (i % 3 !== 0) value = mutate(value, random);
    const a = theirs(value);
    const b = ours.is(value);
    if (b !== ours.validate(value).ok) throw new Error(`${name}: is() and validate() disagree on ${JSON.stringify(value)}`);
    if (a) valid++;
    if (a !== b && disagreements.length < 5) disagreements.push({ value, ours: b, ajv: a });
  }
  return { disagreements, valid };
}

describe('differential: the generated validators and ajv give the same verdict', () => {
  it.each(SEED_SCHEMAS)('%s %s', async (spec, key, exportName) => {
    const { ajv, doc } = await ajvFor(join(ROOT, spec));
    const ours = (await validatorsOf(spec))[exportName];
    const theirs = ajv.getSchema(`doc#/components/schemas/${key}`)!;
    const { disagreements, valid } = compare(exportName, ours, (v) => theirs(v) as boolean, doc, key, SEED);
    expect(disagreements).toEqual([]);
    expect(valid).toBeGreaterThan(VALUES_PER_SCHEMA * 0.15);
    expect(valid).toBeLessThan(VALUES_PER_SCHEMA * 0.85);
  });

  it("GitHub's schemas", async () => {
    const { ajv, doc } = await ajvFor(GITHUB);
    const v = await validatorsOf(GITHUB);
    let total = 0;
    for (const [key, exportName] of GITHUB_SCHEMAS) {
      const theirs = ajv.getSchema(`doc#/components/schemas/${key}`)!;
      const { disagreements, valid } = compare(exportName, v[exportName], (x) => theirs(x) as boolean, doc, key, SEED + total);
      expect(disagreements, exportName).toEqual([]);
      expect(valid, exportName).toBeGreaterThan(VALUES_PER_SCHEMA * 0.1);
      total += VALUES_PER_SCHEMA;
    }
    expect(total + SEED_SCHEMAS.length * VALUES_PER_SCHEMA).toBeGreaterThanOrEqual(10_000);
  });
});
