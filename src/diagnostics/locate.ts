import type { LineCounter, Node as YamlNode, parseDocument } from 'yaml';
import { yaml } from '../parse/yaml.js';
import { split } from './pointer.js';

export interface Position {
  line: number;
  column: number;
}

/**
 * The line and column (1-based) of the value at `pointer` in a JSON or YAML text; for a member, the position
 * of its key. When the pointer leads nowhere, the deepest position that exists. Only called for diagnostics,
 * never on the hot path.
 */
export function locate(text: string, format: 'json' | 'yaml', pointer: string): Position | undefined {
  const tokens = split(pointer);
  return format === 'json' ? locateJson(text, tokens) : locateYaml(text, tokens);
}

let yamlCache: { text: string; lc: LineCounter; doc: ReturnType<typeof parseDocument> } | undefined;


function locateYaml(text: string, tokens: string[]): Position | undefined {
  const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  if (yamlCache?.text !== text) {
    const lc = new LineCounter();
    yamlCache = { text, lc, doc: parseDocument(text, { lineCounter: lc }) };
  }
  const { lc, doc } = yamlCache;
  let node: unknown = doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (const t of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === t);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(t)] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const p = lc.linePos(offset);
  return { line: p.line, column: p.col };
}

/** A small scanner that walks JSON text along the pointer without building values. */
function locateJson(text: string, tokens: string[]): Position | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return '';
    }
  };
  const skipValue = () => {
    ws();
    const c = text[i];
    if (c === '"') return void readString();
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '"') {
          readString();
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < text.length && !',}] \t\r\n'.includes(text[i]!)) i++;
  };
  ws();
  let found = i;
  outer: for (const t of tokens) {
    ws();
    if (text[i] === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break outer;
        const keyStart = i;
        const k = readString();
        ws();
        i++; // ':'
        if (k === t) {
          found = keyStart;
          ws();
          continue outer;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else break outer;
      }
    } else if (text[i] === '[') {
      i++;
      const want = Number(t);
      for (let n = 0; ; n++) {
        ws();
        if (text[i] === ']') break outer;
        if (n === want) {
          found = i;
          continue outer;
        }
        skipValue();
        ws();
        if (text[i] === ',') i++;
        else break outer;
      }
    } else {
      break;
    }
  }
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j !== -1 && j < found; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: found - lineStart + 1 };
}
