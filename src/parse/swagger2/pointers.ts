/** What a moved part's pointers below it map to: a pointer prefix, or a function of the rest (`/content/…`). */
export type Origin = string | ((rest: string) => string);

/**
 * Where the parts of an upgraded document came from: pointer prefixes of the new document → pointers into the
 * old one. A pointer is mapped by its longest recorded prefix (the rest of it is the same below that point, or
 * what the prefix's function makes of it); a pointer no recorded prefix covers is the same in both (`/info`).
 */
export class PointerMap {
  private readonly map = new Map<string, Origin>();

  moved(to: string, from: Origin): void {
    this.map.set(to, from);
  }

  original(pointer: string): string {
    let prefix = pointer;
    for (;;) {
      const from = this.map.get(prefix);
      if (from !== undefined) return typeof from === 'string' ? from + pointer.slice(prefix.length) : from(pointer.slice(prefix.length));
      if (prefix === '') return pointer;
      prefix = prefix.slice(0, prefix.lastIndexOf('/'));
    }
  }
}

/** The first token of a pointer's rest (`/a/b` → `a`, still escaped) and what follows it (`/b`). */
export function firstToken(rest: string): [string, string] {
  const end = rest.indexOf('/', 1);
  return end < 0 ? [rest.slice(1), ''] : [rest.slice(1, end), rest.slice(end)];
}
