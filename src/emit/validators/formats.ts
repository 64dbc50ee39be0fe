/**
 * The `format`s the validators check, and the runtime function each calls (src/runtime/formats.ts, written to
 * the output folder's runtime/ and imported as `$`). Any other format is an annotation only (not checked);
 * docs/validators.md lists both.
 */
export const FORMAT_CHECKS: Readonly<Record<string, string>> = table({
  'date-time': '$.fmtDateTime',
  date: '$.fmtDate',
  time: '$.fmtTime',
  duration: '$.fmtDuration',
  email: '$.fmtEmail',
  hostname: '$.fmtHostname',
  ipv4: '$.fmtIpv4',
  ipv6: '$.fmtIpv6',
  uri: '$.fmtUri',
  'uri-reference': '$.fmtUriReference',
  uuid: '$.fmtUuid',
  byte: '$.fmtByte',
  regex: '$.fmtRegex',
  'json-pointer': '$.fmtJsonPointer',
});

/** Numeric formats with their ranges (int64 is checked as an integer within JavaScript's exact range). */
export const NUMBER_FORMATS: Readonly<Record<string, readonly [string, string]>> = table({
  int32: ['-2147483648', '2147483647'],
  int64: ['Number.MIN_SAFE_INTEGER', 'Number.MAX_SAFE_INTEGER'],
});

/**
 * A lookup table keyed by the spec's strings, without a prototype: `format: constructor` (or `toString`,
 * `__proto__`) must find nothing, not Object.prototype's function.
 */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
