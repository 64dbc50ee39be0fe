import { basename, extname } from 'node:path';
import { diagnostic, DiagnosticError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { escapeToken, get as getAt, join as joinPointer, unescapeToken } from '../diagnostics/pointer.js';
import { LIMITS } from './limits.js';
import { resolveRef, type FileGraph, type RefTarget } from './load.js';
import { isObject, isSchemaPosition } from './schema-positions.js';

/** Where a part of the bundled document came from: the subtree at `pointer` was copied from `file`#`filePointer`. */
export interface Origin {
  pointer: string;
  file: string;
  filePointer: string;
}

export interface Bundle {
  document: Record<string, unknown>;
  origins: Origin[];
}

/**
 * Makes one document out of a multi-file spec without dereferencing it: a `$ref` to a schema in another file
 * becomes a schema under `components/schemas` (named after the component that refers to it, else the last
 * pointer token or the file's name, made unique), and every other external `$ref` (a parameter, a response, a
 * path item) is replaced by a copy of its target. Local refs stay as they are. Single-file specs are returned
 * untouched.
 */
export function bundle(graph: FileGraph): Bundle {
  const root = graph.root;
  const doc = root.value as Record<string, unknown>;
  if (graph.files.size === 1) return { document: doc, origins: [] };
  return new Bundler(graph, doc).run();
}

class Bundler {
  private readonly origins: Origin[] = [];
  private readonly hoisted = new Map<string, string>();
  private readonly errors: Diagnostic[] = [];
  private readonly schemas: Record<string, unknown>;
  /** Where named schemas are: `components/schemas`, or a Swagger 2.0 document's `definitions`. */
  private readonly schemasAt: string[];

  constructor(
    private readonly graph: FileGraph,
    private readonly doc: Record<string, unknown>,
  ) {
    if (typeof doc.swagger === 'string') {
      this.schemasAt = ['definitions'];
      this.schemas = isObject(doc.definitions) ? doc.definitions : (doc.definitions = {});
    } else {
      this.schemasAt = ['components', 'schemas'];
      const components = isObject(doc.components) ? doc.components : (doc.components = {});
      this.schemas = isObject(components.schemas) ? components.schemas : (components.schemas = {});
    }
  }

  run(): Bundle {
    const rootPath = this.graph.root.path;
    // A component that is nothing but an external ref gives its name to the schema it points at.
    const aliases: Array<[string, RefTarget]> = [];
    for (const [name, value] of Object.entries(this.schemas)) {
      if (isObject(value) && typeof value.$ref === 'string' && Object.keys(value).length === 1) {
        const target = resolveRef(rootPath, value.$ref);
        if (target.file !== rootPath && !this.hoisted.has(key(target))) {
          this.hoisted.set(key(target), name);
          aliases.push([name, target]);
        }
      }
    }
    for (const [name, target] of aliases) {
      const tokens = [...this.schemasAt, name];
      this.schemas[name] = this.copy(this.lookup(target, joinPointer('', ...tokens)), target.file, tokens, 0);
      this.origins.push({ pointer: joinPointer('', ...tokens), file: target.file, filePointer: target.pointer });
    }
    this.rewriteInPlace(this.doc, [], rootPath);
    if (this.errors.length > 0) throw new DiagnosticError(this.errors);
    this.origins.sort((a, b) => b.pointer.length - a.pointer.length);
    return { document: this.doc, origins: this.origins };
  }

  /** Walks the root document, rewriting external refs where they stand. */
  private rewriteInPlace(value: unknown, tokens: string[], file: string): void {
    const stack: Array<[unknown, string[]]> = [[value, tokens]];
    while (stack.length > 0) {
      const [v, t] = stack.pop()!;
      if (v === null || typeof v !== 'object') continue;
      const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
      for (const [k, child] of entries) {
        if (k === 'example' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default') continue;
        const childTokens = [...t, k];
        if (isObject(child) && typeof child.$ref === 'string' && resolveRef(file, child.$ref).file !== file) {
          (v as Record<string, unknown>)[k] = this.replaceRef(child, childTokens, file, 0);
        } else {
          stack.push([child, childTokens]);
        }
      }
    }
  }

  /** Deep copy of external content; its refs are rewritten relative to the file it came from. */
  private copy(value: unknown, file: string, tokens: string[], depth: number): unknown {
    if (depth > LIMITS.maxDepth) {
      this.errors.push(diagnostic('SF1009', `nesting is deeper than ${LIMITS.maxDepth} levels`, joinPointer('', ...tokens), { file }));
      return {};
    }
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((x, i) => this.copy(x, file, [...tokens, String(i)], depth + 1));
    const obj = value as Record<string, unknown>;
    if (typeof obj.$ref === 'string') return this.replaceRef(obj, tokens, file, depth);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      const data = k === 'example' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default';
      out[k] = data ? structuredClone(v) : this.copy(v, file, [...tokens, k], depth + 1);
    }
    return out;
  }

  private replaceRef(refObj: Record<string, unknown>, tokens: string[], file: string, depth: number): unknown {
    const target = resolveRef(file, refObj.$ref as string);
    const rootPath = this.graph.root.path;
    const siblings = Object.fromEntries(Object.entries(refObj).filter(([k]) => k !== '$ref'));
    if (target.file === rootPath) return { ...siblings, $ref: '#' + target.pointer };
    if (isSchemaPosition(tokens)) {
      return { ...siblings, $ref: joinPointer('#', ...this.schemasAt, this.hoist(target, joinPointer('', ...tokens))) };
    }
    const pointer = joinPointer('', ...tokens);
    this.origins.push({ pointer, file: target.file, filePointer: target.pointer });
    return this.copy(this.lookup(target, pointer), target.file, tokens, depth + 1);
  }

  private hoist(target: RefTarget, refPointer: string): string {
    const k = key(target);
    const known = this.hoisted.get(k);
    if (known !== undefined) return known;
    const base = target.pointer !== '' ? target.pointer.split('/').pop()! : basename(target.file, extname(target.file));
    let name = unescapeToken(base) || 'Schema';
    for (let i = 2; Object.prototype.hasOwnProperty.call(this.schemas, name); i++) name = `${base}${i}`;
    this.hoisted.set(k, name);
    this.schemas[name] = {};
    const tokens = [...this.schemasAt, name];
    this.schemas[name] = this.copy(this.lookup(target, refPointer), target.file, tokens, 0);
    this.origins.push({ pointer: joinPointer('', ...tokens), file: target.file, filePointer: target.pointer });
    return name;
  }

  private lookup(target: RefTarget, refPointer: string): unknown {
    const file = this.graph.files.get(target.file);
    const value = file === undefined ? undefined : getAt(file.value, target.pointer);
    if (value === undefined) {
      this.errors.push(
        diagnostic('SF2001', `$ref target #${target.pointer} does not exist in ${target.file}`, joinPointer(refPointer, '$ref')),
      );
      return {};
    }
    return value;
  }
}

function key(t: RefTarget): string {
  return t.file + '#' + t.pointer;
}
