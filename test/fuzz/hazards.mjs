// What type-checking cannot see in generated files, checked beside it by npm run fuzz -- --typecheck: comments
// that TypeScript obeys as directives (a description `@ts-ignore` printed as `/** @ts-ignore */` silences the
// next line's errors; `@ts-expect-error` fails tsc only while that line has none), and bidi controls (U+202A–
// U+202E, U+2066–U+2069: "Trojan Source" text that displays differently from what it is) written as they are.
import ts from 'typescript';

const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** `file(line): what` for each hazard in `files` ({ path, content }), in file order (at most 10 a file). */
export function outputHazards(files) {
  const out = [];
  for (const f of files) {
    if (!f.path.endsWith('.ts')) continue;
    const found = [];
    const lineOf = (pos) => f.content.slice(0, pos).split('\n').length;
    const sf = ts.createSourceFile(f.path, f.content, ts.ScriptTarget.ES2022, false);
    // The scanner records the comments it will obey (an internal field, stable since TypeScript 3.9).
    for (const d of sf.commentDirectives ?? []) {
      const text = f.content.slice(d.range.pos, d.range.end).replace(/\s+/g, ' ');
      found.push(`${f.path}(${lineOf(d.range.pos)}): comment directive ${JSON.stringify(text.slice(0, 60))} (TypeScript obeys it)`);
    }
    if (sf.checkJsDirective && !sf.checkJsDirective.enabled) found.push(`${f.path}(${lineOf(sf.checkJsDirective.pos)}): @ts-nocheck pragma (the file is not checked)`);
    for (const m of f.content.matchAll(BIDI)) {
      if (found.length >= 10) break;
      found.push(`${f.path}(${lineOf(m.index)}): bidi control U+${m[0].charCodeAt(0).toString(16).toUpperCase()} written as it is`);
    }
    out.push(...found.slice(0, 10));
  }
  return out;
}
