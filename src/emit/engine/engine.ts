import * as runtimeModule from 'handlebars/runtime.js';
import { createRequire } from 'node:module';
import { diagnostic, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { PRECOMPILED } from './precompiled.js';
import type { TemplateSet } from './templates.js';

export type Helper = (...args: unknown[]) => unknown;

/** How every template is compiled (scripts/precompile-templates.mjs compiles the built-in ones with these too). */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

type HandlebarsApi = typeof import('handlebars');
/**
 * Handlebars' runtime (environments, helpers, partials, templates compiled ahead): all that rendering the
 * built-in templates needs. The bin bundles it and not the compiler, which is half its size again.
 */
const Handlebars = (runtimeModule as unknown as { default: HandlebarsApi }).default;
let compiler: HandlebarsApi | undefined;
/** The whole of Handlebars with its parser and code generator, loaded for the first template not compiled ahead. */
function handlebarsCompiler(): HandlebarsApi {
  compiler ??= createRequire(import.meta.url)('handlebars') as HandlebarsApi;
  return compiler;
}

const cache = new Map<string, HandlebarsTemplateDelegate>();

/** Where an error from inside a partial records the partial's file (the innermost one: set once). */
const PARTIAL_FILE = Symbol('specforge.partialFile');

/** A partial that marks what it throws with its file, so that SF4001 names it rather than the template using it. */
function blamed(partial: HandlebarsTemplateDelegate, file: string): HandlebarsTemplateDelegate {
  return (context, options) => {
    try {
      return partial(context, options);
    } catch (e) {
      if (e !== null && typeof e === 'object' && !(PARTIAL_FILE in e)) Object.defineProperty(e, PARTIAL_FILE, { value: file });
      throw e;
    }
  };
}

function compile(source: string): HandlebarsTemplateDelegate {
  let t = cache.get(source);
  if (!t) {
    // A built-in template as it was at build time comes compiled; any other text is compiled now.
    const spec = PRECOMPILED.get(source);
    t = spec ? Handlebars.template(spec) : handlebarsCompiler().compile(source, COMPILE_OPTIONS);
    cache.set(source, t);
  }
  return t;
}

/**
 * An isolated Handlebars environment for one run: its own helpers and partials, templates compiled with
 * `strict` (a missing field throws) and `noEscape` (this is code, not HTML), no prototype access.
 */
export class Engine {
  private readonly hb = Handlebars.create();
  private extra: Array<{ path: string; content: string }> = [];

  constructor(
    private readonly set: TemplateSet,
    helpers: Record<string, Helper>,
  ) {
    for (const [name, fn] of Object.entries(helpers)) this.hb.registerHelper(name, fn as Handlebars.HelperDelegate);
    for (const [name, p] of set.partials) this.hb.registerPartial(name, blamed(compile(p.source), p.file));
    // {{#file "path/in/output.ts"}}…{{/file}}: the block becomes a file of its own (e.g. one per resource) and
    // renders nothing where it stands. The path is checked like every output path (SF5001).
    const extra = this.extra;
    this.hb.registerHelper('file', function (this: unknown, path: unknown, options: Handlebars.HelperOptions) {
      if (typeof path !== 'string' || typeof options?.fn !== 'function') throw new Error('{{#file}} needs a path: {{#file "name.ts"}}…{{/file}}');
      extra.push({ path, content: options.fn(this) });
      return '';
    });
  }

  /** The files `{{#file}}` blocks produced since the last call. */
  takeExtraFiles(): Array<{ path: string; content: string }> {
    return this.extra.splice(0);
  }

  /** Runtime modules as output files (`runtime/<name>.ts`), each as it is: the built-in one or its override. */
  runtimeFiles(names: readonly string[]): Array<{ path: string; content: string }> {
    return names.map((name) => {
      const r = this.set.runtime.get(name);
      if (!r) throw new DiagnosticError([diagnostic('SF4001', `no runtime module named '${name}'`, '')]);
      return { path: `runtime/${name}.ts`, content: r.source };
    });
  }

  render(name: string, data: object): string {
    const t = this.set.templates.get(name);
    if (!t) throw new DiagnosticError([diagnostic('SF4001', `no template named '${name}'`, '')]);
    try {
      return compile(t.source)(data, { ...RUNTIME_OPTIONS, helpers: this.hb.helpers, partials: this.hb.partials });
    } catch (e) {
      // The file to blame is the innermost partial that failed, if a partial did: often a user's override.
      const file = (e as { [PARTIAL_FILE]?: string })[PARTIAL_FILE] ?? t.file;
      throw new DiagnosticError([diagnostic('SF4001', `template ${file} failed: ${(e as Error).message}`, '', { file })]);
    }
  }
}
