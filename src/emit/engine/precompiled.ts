/**
 * The built-in templates, compiled at build time: a template's source text → its Handlebars template spec.
 * This module is empty as written; `scripts/precompile-templates.mjs` (part of `npm run build`, after tsc)
 * replaces dist/emit/engine/precompiled.js with the filled map. A source that is not in it (a user's override,
 * or a template edited since the build) is compiled at run time as before: the key is the whole text, so a
 * stale entry can never be used for a changed template.
 */
export const PRECOMPILED: ReadonlyMap<string, TemplateSpecification> = new Map();
