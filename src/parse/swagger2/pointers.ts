/**
 * Where the parts of an upgraded document came from: pointer prefixes of the new document → pointers into the
 * old one. A pointer is mapped by its longest recorded prefix (the rest of it is the same below that point);
 * a pointer no recorded prefix covers is the same in both (`/info`, `/paths/~1a/get/responses/200`).
 */
export class PointerMap {
  private readonly map = new Map<string, string>();

  moved(to: string, from: string): void {
    this.map.set(to, from);
  }

  original(pointer: string): string {
    let prefix = pointer;
    for (;;) {
      const from = this.map.get(prefix);
      if (from !== undefined) return from + pointer.slice(prefix.length);
      if (prefix === '') return pointer;
      prefix = prefix.slice(0, prefix.lastIndexOf('/'));
    }
  }
}
