// Writes the allow-list of layers.cjs into ARCHITECTURE.md ("What each folder may import"), so
// the document says exactly what `npm run lint` enforces. `--check` fails instead of writing
// when the document is out of date (part of `npm run lint`).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { layers, files } = require('../layers.cjs');
const DOC = new URL('../ARCHITECTURE.md', import.meta.url);
const BEGIN =
  '<!-- layers:begin (generated from layers.cjs by `node scripts/architecture.mjs`) -->';
const END = '<!-- layers:end -->';

const label = (pattern) =>
  '`' +
  pattern
    .replace(/^\^/, '')
    .replace(/\(\?!.*?\)/, '')
    .replace(/\[\.\]/g, '.')
    .replace(/\$$/, '') +
  '`';
const byName = new Map(layers.map((layer) => [layer.name, layer]));
const fileNames = new Map(Object.entries(files).map(([what, file]) => [file, what]));
const target = (entry) =>
  byName.has(entry) ? label(byName.get(entry).path) : `${label(entry)} (${fileNames.get(entry)})`;
const packages = (rule) =>
  rule === 'none'
    ? 'none: no npm package, no `node:` module'
    : rule
      ? `any but ${rule.join(', ')}`
      : 'any';

export function layerTable() {
  const rows = layers.map((layer) =>
    [
      label(layer.path),
      layer.holds,
      layer.may.map(target).join(', ') || 'nothing else',
      packages(layer.packages),
    ].join(' | '),
  );
  return [
    BEGIN,
    '| Part | Holds | May import besides itself (nothing else) | Packages |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    END,
  ].join('\n');
}

export function withTable(doc) {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`ARCHITECTURE.md has no ${BEGIN} … ${END} block`);
  return doc.slice(0, start) + layerTable() + doc.slice(end + END.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = readFileSync(DOC, 'utf8');
  const updated = withTable(doc);
  if (process.argv.includes('--check')) {
    if (updated !== doc) {
      console.error(
        'ARCHITECTURE.md is out of date with layers.cjs: run `node scripts/architecture.mjs`.',
      );
      process.exit(1);
    }
  } else if (updated !== doc) {
    writeFileSync(DOC, updated);
  }
}
