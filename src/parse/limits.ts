/** Documented input limits (docs/diagnostics.md, README "Security"). */
export const LIMITS = {
  /** Largest document read, in bytes. */
  maxDocumentBytes: 64 * 1024 * 1024,
  /** Most YAML alias nodes expanded in one document (an alias bomb stops here). */
  maxAliasCount: 10_000,
  /** Deepest object/array nesting accepted. */
  maxDepth: 512,
  /** Most files in one `$ref` graph. */
  maxFiles: 2_000,
} as const;
