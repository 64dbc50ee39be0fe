/** Documented input limits (docs/diagnostics.md, README "Security"). */
export const LIMITS = {
  /** Largest document read, in bytes (a caller may raise it: `maxDocumentMiB`, up to `maxDocumentMiBCeiling`). */
  maxDocumentBytes: 64 * 1024 * 1024,
  /** The most `maxDocumentMiB` may be: V8 holds no string of 2^29 - 24 characters or more (just under 512 Mi). */
  maxDocumentMiBCeiling: 500,
  /** Most YAML alias nodes expanded in one document (an alias bomb stops here). */
  maxAliasCount: 10_000,
  /**
   * Most nodes YAML aliases may add to a document once expanded (an anchor of 2,000 keys aliased 600 times is
   * 2.4 million: few aliases, but a wide target). About 20 MB of JSON: far more than real specs' shared
   * responses and parameters add, and little next to what a document within the size limit may hold.
   */
  maxAliasExpansion: 1_000_000,
  /** Deepest JSON nesting accepted where a document is walked whole: a document object, a file's copied content. */
  maxDepth: 1024,
  /**
   * Deepest schema nesting accepted, and nesting of the data in a schema (`enum`, `const`, `default`,
   * examples). TypeScript's own parser overflows its stack on an object type nested about 500 deep (the types
   * of a schema nested so), so the limit leaves it room.
   */
  maxSchemaDepth: 256,
  /** Most files in one `$ref` graph. */
  maxFiles: 2_000,
} as const;
