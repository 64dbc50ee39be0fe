import type { Document } from 'yaml';
import { join as joinPointer } from '../diagnostics/pointer.js';
import { yaml } from './yaml.js';

/** Where the aliases of a YAML document expand too far, and why. */
export interface AliasOverrun {
  /** The alias's offset in the text and its JSON pointer in the document. */
  offset: number;
  pointer: string;
  /** `limit`: the nodes the aliases add pass the limit here; `cycle`: the alias is inside the node it names. */
  reason: 'limit' | 'cycle';
}

/**
 * Checks what the document's aliases would add once expanded, before anything is expanded. The `yaml` package
 * caps the number of aliases (`maxAliasCount`), not their size: an anchor of a few thousand keys aliased a few
 * thousand times passed its check and became millions of nodes for everything after parsing (the document is
 * serialised for validation, walked by the bundler and the IR builder), which took seconds and gigabytes. And an
 * alias inside the node it names (`&a [*a]`) became a cyclic value, which no later step expects.
 *
 * Each node's expanded size is computed once, in document order (an anchor comes before its aliases); each alias
 * adds its target's expanded size (nested aliases included). The first alias at which the sum passes `limit`
 * nodes is returned; so is an alias whose target is still open (a cycle). Linear in the document's nodes.
 */
export function aliasOverrun(doc: Document.Parsed, limit: number): AliasOverrun | undefined {
  const { isAlias, isCollection, isPair, isScalar } = yaml();
  /** Expanded sizes of finished anchored nodes (the only ones an alias can name). */
  const size = new Map<unknown, number>();
  /** Each anchor name's latest node so far in document order (a later anchor of the same name takes over). */
  const anchors = new Map<string, unknown>();
  /** Anchored nodes entered and not yet finished: an alias to one of them is a cycle. */
  const open = new Set<unknown>();
  let added = 0;

  /** A collection being walked: its items, the next one (a pair is two steps: key, value), its size so far. */
  interface Frame {
    node: unknown;
    items: readonly unknown[];
    /** The pointer token of this collection in its parent (undefined: no token, the root or a key). */
    token: string | number | undefined;
    step: number;
    total: number;
  }
  const anchorOf = (node: unknown): string | undefined => (node as { anchor?: string } | null)?.anchor || undefined;
  const enter = (node: unknown, token: string | number | undefined): Frame => {
    const anchor = anchorOf(node);
    if (anchor) {
      anchors.set(anchor, node);
      open.add(node);
    }
    return { node, items: isCollection(node) ? node.items : [], token, step: 0, total: 1 };
  };
  // Pointers are made only for the answer: the walk itself keeps one token per open collection.
  const pointerAt = (stack: readonly Frame[], token: string | number | undefined): string => {
    const tokens = [...stack.map((f) => f.token), token].filter((t) => t !== undefined);
    return joinPointer('', ...tokens);
  };

  // Without recursion: a deeply nested document must not overflow the stack here.
  const stack: Frame[] = [enter(doc.contents, undefined)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    const index = frame.step >> 1;
    if (index < frame.items.length) {
      const item = frame.items[index];
      let child: unknown;
      let token: string | number | undefined;
      if (isPair(item)) {
        // A key has no pointer of its own: a collection or alias as a key is counted at its mapping's.
        const onKey = (frame.step & 1) === 0;
        child = onKey ? item.key : item.value;
        token = onKey ? undefined : isScalar(item.key) ? String(item.key.value) : String(item.key);
        frame.step += 1;
      } else {
        child = item;
        token = index;
        frame.step += 2;
      }
      if (child === null || child === undefined) continue;
      if (isAlias(child)) {
        const target = anchors.get(child.source);
        if (target === undefined) continue; // unresolved: the parser reports it
        const offset = child.range?.[0] ?? 0;
        if (open.has(target)) return { offset, pointer: pointerAt(stack, token), reason: 'cycle' };
        const n = size.get(target) ?? 1;
        added += n;
        if (added > limit) return { offset, pointer: pointerAt(stack, token), reason: 'limit' };
        frame.total += n;
      } else if (isCollection(child)) {
        stack.push(enter(child, token));
      } else {
        if (anchorOf(child)) {
          anchors.set(anchorOf(child)!, child);
          size.set(child, 1);
        }
        frame.total += 1;
      }
      continue;
    }
    stack.pop();
    if (open.delete(frame.node)) size.set(frame.node, frame.total);
    const parent = stack[stack.length - 1];
    if (parent) parent.total += frame.total;
  }
  return undefined;
}
