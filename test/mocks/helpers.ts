import { resolve } from 'node:path';
import { buildIr, ExampleGenerator, type IrDocument, type Operation } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';

/** The IR of a spec (fails on error diagnostics). */
export async function irOf(spec: string): Promise<IrDocument> {
  const r = await buildIr(resolve(ROOT, spec));
  if (!r.ir) throw new Error(JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'), null, 2));
  return r.ir;
}

/** Credentials for every security scheme (the server's default `authenticate` takes any well-formed ones). */
export function credentials(ir: IrDocument): Record<string, unknown> {
  const auth: Record<string, unknown> = {};
  for (const s of ir.securitySchemes) {
    if (s.kind === 'http' && s.scheme.toLowerCase() === 'basic') auth[s.key] = { username: 'ACuser', password: 'secret' };
    else if (s.kind === 'apiKey') auth[s.key] = 'api-key';
    else auth[s.key] = 'token';
  }
  return auth;
}

const BODY_ORDER = ['json', 'form', 'multipart', 'text', 'binary'];
function kindOf(media: string): string {
  const m = media.toLowerCase();
  if (/^application\/(.+\+)?json(;.*)?$/.test(m) || m === '*/*') return 'json';
  if (m.startsWith('application/x-www-form-urlencoded')) return 'form';
  if (m.startsWith('multipart/')) return 'multipart';
  if (m.startsWith('text/')) return 'text';
  return 'binary';
}

/**
 * The arguments of an operation's lean client function, made by the example generator in the request
 * direction: its path parameters in path order, then `{ query, headers, cookies, body }`.
 */
export function callArgs(gen: ExampleGenerator, op: Operation): unknown[] {
  const order = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pathArgs = order.map((name) => {
    const p = op.parameters.find((x) => x.in === 'path' && x.name === name)!;
    return gen.value(p.schema, 'request');
  });
  const input: Record<string, Record<string, unknown> | unknown> = {};
  for (const [loc, key] of [['query', 'query'], ['header', 'headers'], ['cookie', 'cookies']] as const) {
    const ps = op.parameters.filter((p) => p.in === loc);
    if (ps.length === 0) continue;
    input[key] = Object.fromEntries(ps.map((p) => [p.name, gen.value(p.schema, 'request')]));
  }
  const content = op.requestBody?.content ?? [];
  const media = [...content].sort((a, b) => BODY_ORDER.indexOf(kindOf(a.mediaType)) - BODY_ORDER.indexOf(kindOf(b.mediaType)))[0];
  if (media) input.body = gen.value(media.schema, 'request');
  return [...pathArgs, input];
}
