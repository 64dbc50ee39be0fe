// Writes one benchmark's table into bench/RESULTS.md, between its `<!-- bench:NAME:begin/end -->` markers
// (appending a section with a heading and the reproducing command when the markers are not there yet).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

export function writeResults(name, table, { heading, reproduce }) {
  let text = readFileSync(FILE, 'utf8');
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  if (!text.includes(begin)) text += `\n## ${heading}\n\nReproduce: ${reproduce}\n\n${begin}\n${end}\n`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  writeFileSync(FILE, text.slice(0, i + begin.length) + '\n' + table + '\n' + text.slice(j));
  console.log('\nwritten to bench/RESULTS.md');
}
