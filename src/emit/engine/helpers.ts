import { TypePrinter, type PrintContext, type TypeExpr } from '../printers/type-expr.js';
import type { Helper } from './engine.js';

/**
 * The built-in helpers every template may use.
 * - `{{type expr}}`: prints a type expression (a TypeExpr from a view-model) with the separator before it: a
 *   space, or a line break when a long union is written one member per line.
 * - `{{concat a b …}}`: joins strings (to build a `{{#file}}` path).
 * (`{{#file path}}…{{/file}}`, which writes its block to a file of its own, comes from the Engine.)
 */
export function builtinHelpers(ctx: PrintContext): Record<string, Helper> {
  const printer = new TypePrinter(ctx);
  return {
    type(expr: unknown): string {
      const e = expr as TypeExpr;
      if (!e || typeof e !== 'object' || !('node' in e)) throw new Error('{{type}} expects a TypeExpr from the view-model');
      return printer.printAfterSeparator(e);
    },
    concat(...args: unknown[]): string {
      return args.slice(0, -1).map(String).join(''); // the last argument is Handlebars' options object
    },
  };
}
