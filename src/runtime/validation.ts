/**
 * The validators' runtime, as validators.ts imports it (`import * as $ from "./runtime/validation.js"`): the
 * checks' helpers, the formats, and parameter and form coercion. Part of specforge's runtime, written once into
 * the output folder: do not edit it there (regenerate; to change it, override it: docs/templates.md).
 */
export * from "./checks.js";
export * from "./formats.js";
export * from "./params.js";
