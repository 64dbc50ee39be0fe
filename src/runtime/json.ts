/** PLACEHOLDER until the json-bigint branch lands (lossy). */
export function parseJson(text: string): unknown {
  return JSON.parse(text);
}
export function stringifyJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
}
