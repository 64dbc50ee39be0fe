import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIr, type IrDocument } from '../../dist/index.js';
import { bundle } from '../../dist/parse/bundle.js';
import { loadFileGraph } from '../../dist/parse/load.js';
import { readSource } from '../../dist/parse/read.js';
import { swagger2Specs } from '../helpers/swagger2.js';

// Issue 25: specforge reads Swagger 2.0 itself (src/parse/swagger2/). Each 2.0 spec of the test set is also
// converted to OpenAPI 3.0 by swagger2openapi (a devDependency, the oracle), and the two IRs must agree but for
// the differences listed below, each applied by a function and explained. Two kinds:
// - REWRITES: the oracle is given the 2.0 document rewritten into an equivalent 2.0 document (2.0 says both mean
//   the same) where swagger2openapi misreads the original, or into the spelling it reads where it does not read a
//   convention specforge reads;
// - NORMALIZERS: where specforge decides otherwise on purpose, the oracle's IR is brought to specforge's decision
//   (only at the places the 2.0 document says the thing the decision is about).
// Every difference listed must be met at least once in the set (the last test), so the list stays true.
const require = createRequire(import.meta.url);
const s2o = require('swagger2openapi') as { convertObj(doc: unknown, options: object): Promise<{ openapi: Record<string, unknown> }> };

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const deref = (doc: Json, v: any): any => {
  for (let i = 0; isObj(v) && typeof v.$ref === 'string' && v.$ref.startsWith('#/') && i < 20; i++) {
    v = v.$ref.slice(2).split('/').reduce((o: any, t: string) => o?.[t.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return v;
};
const operations = (doc: Json): Array<{ path: string; method: string; item: Json; op: Json }> =>
  Object.entries(doc.paths ?? {}).flatMap(([path, item]: [string, any]) => METHODS.filter((m) => isObj(item?.[m])).map((method) => ({ path, method, item, op: item[method] })));
/** Every object of a value (depth first). */
function* objects(v: unknown): Generator<Json> {
  if (Array.isArray(v)) for (const x of v) yield* objects(x);
  else if (isObj(v)) {
    yield v;
    for (const x of Object.values(v)) yield* objects(x);
  }
}

/** Each rewrite changes the 2.0 document in place and returns how many places it changed. */
const REWRITES: Record<string, { why: string; apply: (doc: Json) => number }> = {
  'path-level body and form parameters': {
    why:
      "2.0: a path item's parameters apply to each of its operations, and an operation's own (same name and location; " +
      "its own body) win. swagger2openapi drops a path item's body parameter from operations without one, keeps it over " +
      "an operation's own, and reads a path item's form fields without the operation's consumes. Rewritten: moved into each operation.",
    apply(doc) {
      let n = 0;
      for (const item of Object.values(doc.paths ?? {}) as Json[]) {
        if (!isObj(item) || !Array.isArray(item.parameters)) continue;
        const moving = item.parameters.filter((p: unknown) => ['body', 'formData'].includes(deref(doc, p)?.in));
        if (moving.length === 0) continue;
        item.parameters = item.parameters.filter((p: unknown) => !moving.includes(p));
        if (item.parameters.length === 0) delete item.parameters;
        for (const m of METHODS.filter((x) => isObj(item[x]))) {
          const own = (item[m].parameters ?? []).map((p: unknown) => deref(doc, p));
          const add = moving.filter((p: unknown) => {
            const q = deref(doc, p);
            return !own.some((o: Json) => (q.in === 'body' ? o.in === 'body' || o.in === 'formData' : o.in === q.in && o.name === q.name) || (q.in === 'formData' && o.in === 'body'));
          });
          if (add.length > 0) item[m].parameters = [...add, ...(item[m].parameters ?? [])];
          n++;
        }
      }
      return n;
    },
  },
  "a shared response under an operation's own produces": {
    why:
      "2.0: an operation's produces apply to all its responses, shared ones included. swagger2openapi gives a shared response " +
      "the document's media types everywhere. Rewritten: the shared response is written out in operations whose produces differ.",
    apply(doc) {
      let n = 0;
      const global = JSON.stringify(doc.produces ?? []);
      for (const { op } of operations(doc)) {
        if (op.produces === undefined || JSON.stringify(op.produces) === global || !isObj(op.responses)) continue;
        for (const [status, r] of Object.entries(op.responses)) {
          if (isObj(r) && typeof r.$ref === 'string' && r.$ref.startsWith('#/responses/')) {
            op.responses[status] = structuredClone(deref(doc, r));
            n++;
          }
        }
      }
      return n;
    },
  },
  'x-nullable beside a $ref': {
    why:
      "AutoRest writes { $ref, x-nullable: true } for \"this schema, or null\"; specforge reads it so. swagger2openapi drops a $ref's " +
      'siblings. Rewritten: { allOf: [{ $ref }], x-nullable: true }, which it reads.',
    apply(doc) {
      let n = 0;
      for (const o of objects(doc)) {
        if (typeof o.$ref === 'string' && o['x-nullable'] === true) {
          const ref = o.$ref;
          delete o.$ref;
          o.allOf = [{ $ref: ref }];
          n++;
        }
      }
      return n;
    },
  },
  'no produces': {
    why:
      'Neither the operation nor the document says produces: specforge reads a response schema as JSON (application/json), or a ' +
      'file (type: file) as bytes (application/octet-stream); swagger2openapi writes */*, which says nothing. Rewritten: the ' +
      "operation produces what specforge reads (an operation with both kinds of responses would need more: none in the set).",
    apply(doc) {
      let n = 0;
      if ((doc.produces ?? []).length > 0) return 0;
      for (const { op } of operations(doc)) {
        if (op.produces !== undefined || !isObj(op.responses)) continue;
        const schemas = Object.values(op.responses).map((r) => deref(doc, r)?.schema).filter((x) => x !== undefined);
        if (schemas.length === 0) continue;
        const files = schemas.filter((x) => x.type === 'file').length;
        if (files > 0 && files < schemas.length) throw new Error('an operation with file and other responses: not rewritten');
        op.produces = [files > 0 ? 'application/octet-stream' : 'application/json'];
        n++;
      }
      return n;
    },
  },
  'x-ms-pageable': {
    why: "AutoRest's paging (nextLinkName, itemName) is read by specforge as x-specforge-pagination of kind next. Rewritten into that spelling, which swagger2openapi passes through.",
    apply(doc) {
      let n = 0;
      for (const { op } of operations(doc)) {
        const ms = op['x-ms-pageable'];
        if (isObj(ms) && typeof ms.nextLinkName === 'string') {
          op['x-specforge-pagination'] = { kind: 'next', items: ms.itemName ?? 'value', next: ms.nextLinkName };
          n++;
        }
      }
      return n;
    },
  },
};

interface Context {
  /** The 2.0 document (bundled), as written. */
  source: Json;
}

/** The formData parameters of an operation (a path item's, unless the operation lists one of the same name). */
function formFields(doc: Json, path: string, method: string): Json[] {
  const item = doc.paths[path];
  const own = (item[method].parameters ?? []).map((p: unknown) => deref(doc, p)).filter((p: Json) => p?.in === 'formData');
  const shared = (item.parameters ?? []).map((p: unknown) => deref(doc, p)).filter((p: Json) => p?.in === 'formData' && !own.some((o: Json) => o.name === p.name));
  return [...shared, ...own];
}

/** An operation's 2.0 parameters (the path item's and its own, resolved), each with the oracle's IR parameter of its name and location. */
function parameterPairs(source: Json, op: IrDocument['operations'][number]): Array<[Json, IrDocument['operations'][number]['parameters'][number] | undefined]> {
  const item = source.paths[op.path];
  return [...(item.parameters ?? []), ...(item[op.method].parameters ?? [])]
    .map((p: unknown) => deref(source, p))
    .map((raw: Json) => [raw, op.parameters.find((q) => q.name === raw?.name && q.in === raw?.in)]);
}

/** Each normalizer changes the oracle's IR in place and returns how many places it changed. */
const NORMALIZERS: Record<string, { why: string; apply: (oracle: IrDocument, cx: Context) => number }> = {
  "a form array's collectionFormat as the Encoding Object": {
    why:
      "specforge writes a formData array's collectionFormat (csv, ssv, pipes, multi) as the property's Encoding Object " +
      "(style, explode), which the client and the server follow; swagger2openapi writes none, so its form arrays would go as the key repeated.",
    apply(oracle, { source }) {
      const STYLES: Record<string, [string, boolean]> = { csv: ['form', false], ssv: ['spaceDelimited', false], pipes: ['pipeDelimited', false], multi: ['form', true] };
      let n = 0;
      for (const op of oracle.operations) {
        const c = op.requestBody?.content[0];
        if (!c) continue;
        const encoding = formFields(source, op.path, op.method).flatMap((p) => {
          const s = p.type === 'array' ? STYLES[p.collectionFormat ?? 'csv'] : undefined;
          return s ? [{ name: String(p.name), style: s[0], explode: s[1] }] : [];
        });
        if (encoding.length === 0) continue;
        (c as Json).encoding = encoding;
        n++;
      }
      return n;
    },
  },
  "a response's example by media type": {
    why:
      "2.0's response `examples: { <media type>: value }` is the media type's one example: specforge writes it as 3.x `example` " +
      '(an example named "example" in the IR); swagger2openapi writes `examples: { response: { value } }` (named "response").',
    apply(oracle) {
      let n = 0;
      for (const op of oracle.operations) {
        for (const r of op.responses) {
          for (const c of r.content) {
            const ex = (c as Json).examples as Array<{ name: string }> | undefined;
            if (ex?.length === 1 && ex[0]!.name === 'response') {
              ex[0]!.name = 'example';
              n++;
            }
          }
        }
      }
      return n;
    },
  },
  'collectionFormat without a 3.x equivalent': {
    why:
      'tsv anywhere, and ssv, pipes or multi in a path or header, cannot be said in 3.x (SF1020). swagger2openapi keeps an array ' +
      'sent comma-separated, which the server would not read; specforge types the parameter as a string the caller joins.',
    apply(oracle, { source }) {
      let n = 0;
      for (const op of oracle.operations) {
        const item = source.paths[op.path];
        const raws = [...(item.parameters ?? []), ...(item[op.method].parameters ?? [])].map((p: unknown) => deref(source, p));
        for (const p of op.parameters) {
          const raw = raws.find((r: Json) => r.name === p.name && r.in === p.in);
          const format = raw?.collectionFormat ?? 'csv';
          const lossy = raw?.type === 'array' && (format === 'tsv' || (['path', 'header'].includes(raw.in) && format !== 'csv'));
          if (!lossy) continue;
          p.schema = { kind: 'string', pointer: p.schema.pointer };
          n++;
        }
      }
      return n;
    },
  },
  'a form with a file': {
    why:
      "A type: file form field goes in multipart/form-data, whatever consumes says (a file is not sent url-encoded); " +
      'swagger2openapi sends such a form url-encoded unless the operation consumes multipart/form-data.',
    apply(oracle, { source }) {
      let n = 0;
      for (const op of oracle.operations) {
        const form = formFields(source, op.path, op.method);
        const c = op.requestBody?.content[0];
        if (c && form.some((p) => p.type === 'file') && c.mediaType !== 'multipart/form-data') {
          c.mediaType = 'multipart/form-data';
          n++;
        }
      }
      return n;
    },
  },
  'a form with a required field': {
    why: 'A form body one of whose fields is required must be sent: specforge marks it required; swagger2openapi marks a form body optional.',
    apply(oracle, { source }) {
      let n = 0;
      for (const op of oracle.operations) {
        if (op.requestBody && !op.requestBody.required && formFields(source, op.path, op.method).some((p) => p.required === true)) {
          op.requestBody.required = true;
          n++;
        }
      }
      return n;
    },
  },
  'x-nullable on a parameter': {
    why: "specforge reads x-nullable on a non-body parameter as on a schema; swagger2openapi reads it in schemas only.",
    apply(oracle, { source }) {
      let n = 0;
      for (const op of oracle.operations) {
        for (const [raw, p] of parameterPairs(source, op)) {
          if (p && raw['x-nullable'] === true && !p.schema.nullable) {
            p.schema.nullable = true;
            n++;
          }
        }
      }
      return n;
    },
  },
  'x-ms-skip-url-encoding': {
    why: "AutoRest's x-ms-skip-url-encoding is allowReserved to specforge, in any location; swagger2openapi reads it in the query only.",
    apply(oracle, { source }) {
      let n = 0;
      for (const op of oracle.operations) {
        for (const [raw, p] of parameterPairs(source, op)) {
          if (p && raw['x-ms-skip-url-encoding'] === true && !p.allowReserved) {
            p.allowReserved = true;
            n++;
          }
        }
      }
      return n;
    },
  },
  'x-ms-enum': {
    why: "AutoRest's x-ms-enum names the members of an enum and documents them; swagger2openapi leaves it unread. Applied to the oracle's enums with the same values (as the names pass would: no other member has those names there).",
    apply(oracle, { source }) {
      let n = 0;
      const named = [...objects(source)].filter((o) => Array.isArray(o.enum) && isObj(o['x-ms-enum']) && Array.isArray(o['x-ms-enum'].values));
      for (const node of objects(oracle.schemas.map((s) => s.schema))) {
        if (node.kind !== 'enum') continue;
        const ms = named.find((o) => JSON.stringify(o.enum) === JSON.stringify(node.members.map((m: Json) => m.value)));
        if (!ms) continue;
        const values = ms['x-ms-enum'].values as Json[];
        node.members.forEach((m: Json, i: number) => {
          if (typeof values[i]?.description === 'string') m.description = values[i]!.description;
          if (typeof values[i]?.name === 'string') m.name = values[i]!.name;
        });
        n++;
      }
      return n;
    },
  },
  'x-ms-parameterized-host': {
    why:
      "AutoRest's x-ms-parameterized-host replaces host (its hostTemplate is the host): specforge gives one server, a variable " +
      "without a default defaulting to ''; swagger2openapi adds it after the host's server, its variables defaulting to 'none'.",
    apply(oracle, { source }) {
      const ms = source['x-ms-parameterized-host'];
      if (!isObj(ms)) return 0;
      oracle.servers = oracle.servers.filter((s) => s.url.includes(ms.hostTemplate));
      for (const v of oracle.servers.flatMap((s) => s.variables)) if (v.default === 'none') v.default = '';
      return 1;
    },
  },
};

/** What the two IRs are compared without: where each one's 3.x document had a thing, and the version declared. */
function comparable(ir: IrDocument): unknown {
  const strip = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strip);
    if (!isObj(n)) return n;
    const out: Json = {};
    for (const [k, v] of Object.entries(n)) {
      if (k === 'pointer' || k === 'openapiVersion') continue;
      // A $ref's annotations: 2.0 ignores what stands beside a $ref; swagger2openapi removes it, specforge keeps the
      // annotations (3.1 reads them: Kubernetes documents its properties there).
      if (n.kind === 'ref' && ['description', 'title', 'examples', 'default'].includes(k)) continue;
      out[k] = strip(v);
    }
    return out;
  };
  return strip(ir);
}

/** The 2.0 document of a spec file as specforge bundles it (external refs in `definitions`). */
async function bundled(file: string): Promise<Json> {
  const root = await readSource(file);
  const graph = await loadFileGraph(root, { allowedDirs: [], allowRemoteRefs: false, maxDocumentBytes: 64 << 20 });
  return bundle(graph).document as Json;
}

const used = new Map<string, number>();
const count = (name: string, n: number) => used.set(name, (used.get(name) ?? 0) + n);

describe('Swagger 2.0: specforge and swagger2openapi read the same IR, but for the listed differences', () => {
  const specs = swagger2Specs();
  afterAll(() => console.log('differences met:', JSON.stringify(Object.fromEntries(used))));

  it.each(Object.entries(specs))('%s', async (_name, file) => {
    const mine = await buildIr(file);
    expect(mine.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const source = await bundled(file);
    const input = structuredClone(source);
    for (const [name, r] of Object.entries(REWRITES)) count(name, r.apply(input));
    const { openapi } = await s2o.convertObj(input, { patch: true, warnOnly: true });
    const oracle = await buildIr(openapi);
    expect(oracle.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const [name, n] of Object.entries(NORMALIZERS)) count(name, n.apply(oracle.ir!, { source }));
    expect(mine.ir!.openapiVersion).toBe('2.0');
    expect(comparable(mine.ir!)).toEqual(comparable(oracle.ir!));
  });

  it('every listed difference is met in the set (none is listed for nothing)', () => {
    for (const name of [...Object.keys(REWRITES), ...Object.keys(NORMALIZERS)]) expect(used.get(name) ?? 0, name).toBeGreaterThan(0);
  });
});
