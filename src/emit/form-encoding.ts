import type { MediaTypeEntry, PropertyEncoding } from '../ir/types.js';
import { stringLiteral } from './printers/literal.js';

/** A form property's style and explode, as the runtime reads them: `[name, style, explode]`. */
export type FormStyle = readonly [name: string, style: NonNullable<PropertyEncoding['style']>, explode: boolean];

/**
 * The properties of a form body (`application/x-www-form-urlencoded`) that its Encoding Object writes other than
 * the default, `form` exploded: `deepObject` (arrays as `name[]=a`), `form` unexploded (`a,b`), `spaceDelimited`,
 * `pipeDelimited`. OpenAPI's defaults: `form` unless said; explode true for `form`, false for the others.
 */
export function formStyles(entry: MediaTypeEntry): FormStyle[] {
  const out: FormStyle[] = [];
  for (const e of entry.encoding ?? []) {
    const style = e.style ?? 'form';
    const explode = e.explode ?? style === 'form';
    if (style !== 'form' || !explode) out.push([e.name, style, explode]);
  }
  return out;
}

/** `[["expand", "deepObject", true], …]` as code; pairs keep a `__proto__` name plain data. */
export function formStylesCode(styles: readonly FormStyle[]): string {
  return `[${styles.map(([name, style, explode]) => `[${stringLiteral(name)}, ${JSON.stringify(style)}, ${explode}]`).join(', ')}]`;
}
