import type { IrDocument, NamedSchema, Operation, SchemaNode } from '../../ir/types.js';
import { jsdoc } from '../printers/jsdoc.js';
import { valueLiteral } from '../printers/literal.js';
import type { Direction, TypeExpr } from '../printers/type-expr.js';
import { asMember, bodySchema, paramsObject } from '../operation-shapes.js';
import { banner, NO_CONTENT, type BannerView } from '../shared.js';

/** Data of `templates/types/types.hbs`. Public API: see docs/templates.md. */
export interface TypesFileView {
  banner: BannerView;
  declarations: DeclarationView[];
}

/** One exported declaration. Exactly one of isInterface / isAlias / isEnum is true. */
export interface DeclarationView {
  name: string;
  /** A ready JSDoc block ending in a newline, or ''. */
  docComment: string;
  isInterface: boolean;
  isAlias: boolean;
  isEnum: boolean;
  /** For the `{{type}}` helper: the interface body, or the alias's right-hand side. */
  type: TypeExpr;
  /** For enums: the members of the `const` object. */
  members: EnumMemberView[];
  /**
   * For enums, the layout of the `const` object, as prettier would write it: `export const X = {` (or, when
   * that line would pass 80 columns, `export const X =` and an indented object), the members' indentation,
   * and the closing line.
   */
  constHead: string;
  memberIndent: string;
  constTail: string;
}

export interface EnumMemberView {
  name: string;
  /** The value as a literal (`"requested"`, `1`, `true`). */
  literal: string;
  docComment: string;
}

export function typesView(ir: IrDocument): TypesFileView {
  const declarations: DeclarationView[] = [];
  for (const s of ir.schemas) {
    declarations.push(schemaDeclaration(s, s.name, 'read'));
    if (s.writeName) declarations.push(schemaDeclaration(s, s.writeName, 'write'));
  }
  for (const op of ir.operations) declarations.push(...operationDeclarations(op));
  return { banner: banner(ir, 'TypeScript types'), declarations };
}

function docOf(node: SchemaNode, indent = ''): string {
  return jsdoc(
    {
      description: node.description ?? node.title,
      deprecated: node.deprecated,
      defaultValue: node.default,
      format: node.kind === 'string' || node.kind === 'number' ? node.format : undefined,
    },
    indent,
  );
}

function declaration(name: string, node: SchemaNode, direction: Direction, docComment: string): DeclarationView {
  const isInterface =
    node.kind === 'object' && !node.nullable && node.properties.some((p) => !(direction === 'read' ? p.schema.writeOnly : p.schema.readOnly));
  const isEnum = node.kind === 'enum' && !node.isConst && !node.nullable && node.members.every((m) => typeof m.value !== 'object');
  const column = isInterface ? 0 : `export type ${name} =`.length + 1;
  const longConst = `export const ${name} = {`.length > 80;
  const memberIndent = longConst ? '    ' : '  ';
  return {
    name,
    docComment,
    isInterface,
    isAlias: !isInterface && !isEnum,
    isEnum,
    type: { node, direction, indent: '', column, context: 'alias' },
    members:
      isEnum && node.kind === 'enum'
        ? node.members.map((m) => ({ name: m.name, literal: valueLiteral(m.value), docComment: jsdoc({ description: m.description }, memberIndent) }))
        : [],
    constHead: longConst ? `export const ${name} =\n  {` : `export const ${name} = {`,
    memberIndent,
    constTail: longConst ? '  } as const;' : '} as const;',
  };
}

function schemaDeclaration(s: NamedSchema, name: string, direction: Direction): DeclarationView {
  return declaration(name, s.schema, direction, docOf(s.schema));
}

function operationDeclarations(op: Operation): DeclarationView[] {
  const out: DeclarationView[] = [];
  const n = op.typeNames;
  const opDoc = (what: string) => jsdoc({ description: `${what} of \`${op.method.toUpperCase()} ${op.path}\` (${op.operationId}).` }, '');
  for (const [loc, name, what] of [
    ['path', n.pathParams, 'Path parameters'],
    ['query', n.query, 'Query parameters'],
    ['header', n.headers, 'Header parameters'],
    ['cookie', n.cookies, 'Cookie parameters'],
  ] as const) {
    const params = op.parameters.filter((p) => p.in === loc);
    if (params.length > 0) out.push(declaration(name, paramsObject(params, op.pointer + '/parameters'), 'write', opDoc(what)));
  }
  if (op.requestBody && op.requestBody.content.length > 0) {
    const body = bodySchema(op.requestBody.content, op.requestBody.pointer);
    out.push(declaration(n.body, body, 'write', opDoc('Request body')));
  }
  if (op.responses.length > 0) {
    const responses: SchemaNode = {
      kind: 'object',
      pointer: op.pointer + '/responses',
      properties: op.responses.map((r) => ({
        name: r.status,
        required: true,
        schema: r.content.length > 0 ? { ...asMember(bodySchema(r.content, r.pointer)), description: r.description } : { kind: 'ref', target: NO_CONTENT, pointer: r.pointer, description: r.description },
      })),
    };
    out.push(declaration(n.responses, responses, 'read', opDoc('Response bodies by status')));
    const success = op.responses.filter((r) => r.status.startsWith('2'));
    const successNode: SchemaNode =
      success.length === 0
        ? { kind: 'unknown', pointer: op.pointer }
        : success.length === 1
          ? success[0]!.content.length > 0 ? bodySchema(success[0]!.content, success[0]!.pointer) : { kind: 'ref', target: NO_CONTENT, pointer: op.pointer }
          : { kind: 'union', mode: 'anyOf', pointer: op.pointer, members: success.map((r): SchemaNode => (r.content.length > 0 ? bodySchema(r.content, r.pointer) : { kind: 'ref', target: NO_CONTENT, pointer: r.pointer })) };
    out.push(declaration(n.response, successNode, 'read', opDoc('Successful response body')));
  }
  return out;
}
