import type { IrDocument, Operation, SchemaNode } from '../../ir/types.js';
import { stringLiteral, tableKey } from '../printers/literal.js';
import { TypePrinter } from '../printers/type-expr.js';
import { formStyles, formStylesCode } from '../form-encoding.js';
import { bodySchema, LOCATIONS, mediaKind, paramsObject } from '../operation-shapes.js';
import { banner, namesNamespace, printContext, type BannerView } from '../shared.js';
import { CheckCompiler, type PatternProblem } from './compile.js';
import { DEFAULT_REPRESENTATION, type Representation } from '../representation.js';
import { paramSpecCode, shapeCode, shapeOf } from './params.js';

/** Data of `templates/validators/validators.hbs`. Public API: see docs/templates.md. */
export interface ValidatorsFileView {
  banner: BannerView;
  /** Module specifier of the types file (`./types.js`). */
  typesModule: string;
  /** Whether the file names the types module's namespace `T` (a spec without schemas or typed operation parts does not): only then is it imported. */
  importsTypes: boolean;
  /** Module-level constants of the compiled checks (patterns, enum sets), one statement each. */
  constants: string[];
  /** The compiled check functions, one declaration each. */
  functions: string[];
  schemas: SchemaValidatorView[];
  operations: OperationValidatorsView[];
  /**
   * Whether the file calls the runtime (`runtime/validation.ts`, imported as the namespace `$`): every file with a
   * schema or an operation does; only then is it imported (an unread import fails `noUnusedLocals`).
   */
  usesRuntime: boolean;
}

/** `export const {{name}}: Validator<{{tsType}}> = $.validator({{label}}, {{check}});` */
export interface SchemaValidatorView {
  name: string;
  /** The TypeScript type it narrows to (from the types module: `T.DmMember`). */
  tsType: string;
  /** A string literal naming it. */
  label: string;
  /** The check function, as code: a named schema's (`$c_DmMember`) or a shared one bound to its place (`$.at($c3, "/paths/…")`). */
  check: string;
}

export interface OperationValidatorsView {
  /** The operation's identifier (camelCase operationId). */
  name: string;
  /** A string literal: its method and path template (`"GET /repos/{owner}/{repo}"`), by which a client's `validateResponses` finds it. */
  route: string;
  /** `[name, in, style, explode, shape]` entries for `$.params`. */
  paramSpecs: string[];
  /** The type `parseParams` returns on success. */
  paramsType: string;
  /** Check functions per location, as code (`$.any` where there is none). */
  pathCheck: string;
  queryCheck: string;
  headersCheck: string;
  cookiesCheck: string;
  /** Validators of each location that has parameters (already-coerced values). */
  locations: Array<SchemaValidatorView & { key: string }>;
  bodies: Array<SchemaValidatorView & { mediaType: string }>;
  /** Coercion shapes (code) of the form media types of the body. */
  forms: Array<{ mediaType: string; shape: string }>;
  responses: Array<{ status: string; media: Array<SchemaValidatorView & { mediaType: string }> }>;
}

export function validatorsView(ir: IrDocument, representation: Representation = DEFAULT_REPRESENTATION): { view: ValidatorsFileView; patternProblems: PatternProblem[] } {
  const compiler = new CheckCompiler(ir, representation);
  const printer = new TypePrinter(printContext(ir, 'T.', representation));
  const typeOf = (node: SchemaNode, direction: 'read' | 'write') => printer.expr(node, direction, '');
  const schemas: SchemaValidatorView[] = [];
  for (const s of ir.schemas) {
    schemas.push({ name: s.name, tsType: `T.${s.name}`, label: stringLiteral(s.name), check: compiler.namedFunction(s.id, 'read') });
    if (s.writeName) {
      schemas.push({ name: s.writeName, tsType: `T.${s.writeName}`, label: stringLiteral(s.writeName), check: compiler.namedFunction(s.id, 'write') });
    }
  }
  const byId = new Map(ir.schemas.map((s) => [s.id, s.schema]));
  const operations = ir.operations.map((op) => operationView(op, compiler, typeOf, (id) => byId.get(id), representation));
  // What the template writes from the view: the types (for `T.`).
  const types = schemas.map((s) => s.tsType);
  let validates = schemas.length > 0;
  for (const op of operations) {
    types.push(op.paramsType);
    for (const v of [...op.locations, ...op.bodies, ...op.responses.flatMap((r) => r.media)]) {
      types.push(v.tsType);
      validates = true;
    }
  }
  return {
    view: {
      banner: banner(ir, 'Runtime validators'),
      typesModule: stringLiteral('./types.js'),
      importsTypes: namesNamespace(types, 'T'),
      constants: compiler.constants,
      functions: compiler.functions,
      schemas,
      operations,
      usesRuntime: validates || operations.length > 0,
    },
    patternProblems: compiler.patternProblems,
  };
}

function operationView(
  op: Operation,
  compiler: CheckCompiler,
  typeOf: (node: SchemaNode, direction: 'read' | 'write') => string,
  lookup: (id: string) => SchemaNode | undefined,
  representation: Representation,
): OperationValidatorsView {
  const n = op.typeNames;
  const locations: OperationValidatorsView['locations'] = [];
  const checks: Record<string, string> = { path: '$.any', query: '$.any', headers: '$.any', cookies: '$.any' };
  const paramTypes: string[] = [];
  const typeName = { path: n.pathParams, query: n.query, headers: n.headers, cookies: n.cookies };
  for (const loc of LOCATIONS) {
    const params = op.parameters.filter((p) => p.in === loc.in);
    if (params.length === 0) {
      paramTypes.push(`${loc.key}: Record<string, never>`);
      continue;
    }
    const check = compiler.checkFor(paramsObject(params, `${op.pointer}/parameters`), 'write');
    checks[loc.key] = check;
    paramTypes.push(`${loc.key}: T.${typeName[loc.key]}`);
    locations.push({ key: loc.key, name: loc.key, tsType: `T.${typeName[loc.key]}`, label: stringLiteral(`${op.name} ${loc.key}`), check });
  }
  const content = op.requestBody?.content ?? [];
  const bodies = content.map((c) => ({
    mediaType: tableKey(c.mediaType),
    name: c.mediaType,
    tsType: content.length === 1 ? `T.${n.body}` : typeOf(c.schema, 'write'),
    label: stringLiteral(`${op.name} body ${c.mediaType}`),
    check: compiler.checkFor(c.schema, 'write'),
  }));
  const responses = op.responses
    .filter((r) => r.content.length > 0)
    .map((r) => ({
      status: tableKey(r.status),
      media: r.content.map((c) => ({
        mediaType: tableKey(c.mediaType),
        name: c.mediaType,
        tsType: r.content.length === 1 || bodySchema(r.content, r.pointer) === c.schema ? `T.${n.responses}[${stringLiteral(r.status)}]` : typeOf(c.schema, 'read'),
        label: stringLiteral(`${op.name} ${r.status} ${c.mediaType}`),
        check: compiler.checkFor(c.schema, 'read'),
      })),
    }));
  const forms = content
    .filter((c) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(c.mediaType))
    .map((c) => {
      // A form whose Encoding Object styles some properties otherwise: ["styled", shape, styles] (runtime decodeForm).
      const shape = shapeCode(shapeOf(lookup, c.schema, new Set(), representation));
      const styles = mediaKind(c.mediaType) === 'form' ? formStyles(c) : [];
      return { mediaType: tableKey(c.mediaType), shape: styles.length > 0 ? `["styled", ${shape}, ${formStylesCode(styles)}]` : shape };
    });
  return {
    name: op.name,
    route: stringLiteral(`${op.method.toUpperCase()} ${op.path}`),
    forms,
    paramSpecs: op.parameters.map((p) => paramSpecCode(lookup, p, representation)),
    paramsType: `{ ${paramTypes.join('; ')} }`,
    pathCheck: checks.path!,
    queryCheck: checks.query!,
    headersCheck: checks.headers!,
    cookiesCheck: checks.cookies!,
    locations,
    bodies,
    responses,
  };
}
