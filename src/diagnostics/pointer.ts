/** JSON pointer helpers (RFC 6901). */
export function escapeToken(token: string | number): string {
  const t = String(token);
  if (t.indexOf('~') === -1 && t.indexOf('/') === -1) return t;
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeToken(token: string): string {
  if (token.indexOf('~') === -1) return token;
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function join(pointer: string, ...tokens: Array<string | number>): string {
  let out = pointer;
  for (const t of tokens) out += '/' + escapeToken(t);
  return out;
}

export function split(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeToken);
}

/** Reads the value at `pointer` inside `doc`; undefined when absent. Own properties only. */
export function get(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const t of split(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(cur, t)) return undefined;
    cur = (cur as Record<string, unknown>)[t];
  }
  return cur;
}
