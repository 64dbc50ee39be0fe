import type { Document } from 'yaml';
import { yaml } from './yaml.js';

/**
 * The duplicate keys of a parsed YAML document: the offset of each key that repeats an earlier key of its
 * mapping. The `yaml` package's own check (`uniqueKeys`) compares each new key with every key before it, which
 * made a mapping of 40,000 keys take seconds (quadratic); here each mapping keeps a set of its keys' values.
 *
 * Equality is the package's: two scalar keys are the same when their values are (`===`: `1` and `0x1` are,
 * `1` and `"1"` are not, no NaN is); a key that is a collection or an alias equals no other key.
 */
export function duplicateKeyOffsets(doc: Document.Parsed): number[] {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const out: number[] = [];
  // Without recursion: the walk must not be where a deeply nested document overflows the stack.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const v = key.value;
          // NaN equals no key, not even NaN (which a set would match): it stays out of the set.
          if (!(typeof v === 'number' && Number.isNaN(v))) {
            if (seen.has(v)) out.push(key.range?.[0] ?? 0);
            seen.add(v);
          }
        } else if (key !== null && !isAlias(key)) stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return out.sort((a, b) => a - b);
}
