/**
 * The table of diagnostic codes. Codes are stable: never renumber or reuse one.
 * docs/diagnostics.md documents every code (a test keeps the two in step).
 */
export interface CodeInfo {
  readonly title: string;
  readonly severity: 'error' | 'warning';
}

export const CODES = {
  // Reading and parsing (SF1xxx)
  SF1001: { title: 'file cannot be read', severity: 'error' },
  SF1002: { title: 'YAML syntax error', severity: 'error' },
  SF1003: { title: 'JSON syntax error', severity: 'error' },
  SF1004: { title: 'document root is not an object', severity: 'error' },
  SF1005: { title: 'missing `openapi` version field', severity: 'error' },
  SF1006: { title: 'unsupported OpenAPI version', severity: 'error' },
  SF1007: { title: 'YAML alias expansion over the limit', severity: 'error' },
  SF1008: { title: 'document over the size limit', severity: 'error' },
  SF1009: { title: 'nesting deeper than the limit', severity: 'error' },
  SF1020: { title: 'Swagger 2.0 construct with no OpenAPI 3 equivalent', severity: 'warning' },
  // References (SF2xxx)
  SF2001: { title: 'unresolved local `$ref`', severity: 'error' },
  SF2002: { title: '`$ref` to a file that cannot be read', severity: 'error' },
  SF2003: { title: '`$ref` outside the allowed folders', severity: 'error' },
  SF2004: { title: 'remote `$ref` refused', severity: 'error' },
  SF2005: { title: 'malformed `$ref`', severity: 'error' },
  SF2006: { title: '`$ref` cycle that never reaches a schema', severity: 'error' },
  SF2007: { title: 'schema that refers to itself with no object or array in between', severity: 'error' },
  SF2008: { title: 'redirect to another origin refused', severity: 'error' },
  // Structure (SF3xxx)
  SF3001: { title: 'document does not match the OpenAPI schema', severity: 'error' },
  SF3002: { title: 'wrong type for a keyword', severity: 'error' },
  SF3003: { title: 'duplicate operationId', severity: 'error' },
  SF3004: { title: 'path template variable without a path parameter', severity: 'error' },
  SF3005: { title: 'path parameter not in the path template', severity: 'error' },
  SF3006: { title: 'path parameter not marked required', severity: 'error' },
  SF3007: { title: 'duplicate parameter', severity: 'error' },
  SF3008: { title: 'unknown security scheme', severity: 'error' },
  SF3009: { title: 'invalid regular expression in `pattern`', severity: 'warning' },
  SF3010: { title: 'discriminator mapping to an unknown schema', severity: 'error' },
  SF3011: { title: 'schema keyword the generator does not model', severity: 'warning' },
  SF3012: { title: 'two operations no request path tells apart', severity: 'warning' },
  SF3013: { title: 'GET or HEAD request body left out', severity: 'warning' },
  // Generation (SF4xxx)
  SF4001: { title: 'template failed to render', severity: 'error' },
  SF4002: { title: 'unknown target', severity: 'error' },
  SF4003: { title: 'formatting with prettier failed', severity: 'error' },
  SF4004: { title: 'pattern not checked by the validators', severity: 'warning' },
  SF4005: { title: 'pattern compiled without the `u` flag', severity: 'warning' },
  SF4006: { title: 'unknown template override', severity: 'error' },
  // Example data of the mocks (SF41xx)
  SF4101: { title: 'pattern the example generator cannot write', severity: 'warning' },
  SF4102: { title: 'schema the example generator finds no value for', severity: 'warning' },
  SF4103: { title: 'oneOf example that may match several members', severity: 'warning' },
  // Output (SF5xxx)
  SF5001: { title: 'output cannot be written', severity: 'error' },
  SF5002: { title: 'scaffold handler for an operation the spec no longer has', severity: 'warning' },
  SF5003: { title: 'scaffold file cannot be updated', severity: 'error' },
  SF5004: { title: 'eject would overwrite a changed file', severity: 'error' },
  SF5005: { title: 'symbolic link where the output needs a folder', severity: 'error' },
  // Usage (SF9xxx)
  SF9001: { title: 'invalid option', severity: 'error' },
  SF9002: { title: 'internal error', severity: 'error' },
  SF9003: { title: 'invalid config file', severity: 'error' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;
