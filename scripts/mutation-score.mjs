// The mutation score, computed from the record rather than typed: StrykerJS's incremental file
// (what was measured) and the rows of survivors.md that list a mutant as not counted. Prints the
// per-file table of survivors.md; `--check` fails when the table in survivors.md differs, so the
// figures a reader sees are the ones the record gives.
//
//   node scripts/mutation-score.mjs [--check | --write]   (--write puts the table in survivors.md)
import { readFileSync, writeFileSync } from 'node:fs';

const DIR = new URL('../conformance/mutation/', import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));
const page = readFileSync(new URL('survivors.md', DIR), 'utf8');
/**
 * Two records: the suite against the default tenant's root (stryker.config.json), and against a
 * tenant's path (stryker.tenants.config.json), the only target that runs the tenant router and
 * the prefix it hands on. src/tenants/ is taken from the tenant run; any other mutant that run
 * measured counts as detected when either run detected it: both are targets the suite judges.
 */
const TENANTS = 'src/tenants/';
const main = read('stryker-incremental.json');
const tenants = read('stryker-incremental-tenants.json');
const DETECTED = new Set(['Killed', 'Timeout']);
const mutantKey = (m) => {
  const { start, end } = m.location;
  return [start.line, start.column, end.line, end.column, m.mutatorName, m.replacement].join(':');
};

function merged(file, mutants) {
  const other = tenants.files[file]?.mutants ?? [];
  const detected = new Map(
    other.filter((m) => DETECTED.has(m.status)).map((m) => [mutantKey(m), m]),
  );
  return mutants.map((m) => (DETECTED.has(m.status) ? m : (detected.get(mutantKey(m)) ?? m)));
}

const record = {
  files: Object.fromEntries([
    ...Object.entries(main.files)
      .filter(([file]) => !file.startsWith(TENANTS))
      .map(([file, data]) => [file, { mutants: merged(file, data.mutants) }]),
    ...Object.entries(tenants.files).filter(([file]) => file.startsWith(TENANTS)),
  ]),
};

/** The rows of the markdown table that follows `heading`. */
function tableAfter(heading) {
  const from = page.indexOf(heading);
  if (from < 0) throw new Error(`survivors.md has no "${heading}"`);
  const lines = page.slice(from).split('\n').slice(1);
  const start = lines.findIndex((line) => line.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  return rows.slice(2);
}

/** Listed mutants per file: each row names its file first and ends its first cell with (n). */
function listedPerFile() {
  const listed = new Map();
  for (const row of tableAfter('## Equivalent, unobservable')) {
    const cell = row.split(' | ')[0] ?? '';
    const file = /`([\w/.-]+\.ts)`/.exec(cell)?.[1];
    const count = [...cell.matchAll(/\((\d+)\)/g)].pop()?.[1];
    if (!file || !count) throw new Error(`a listed row without its file or count: ${cell}`);
    listed.set(file, (listed.get(file) ?? 0) + Number(count));
  }
  return listed;
}

const pct = (part, whole) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

export function scoreTable() {
  const listed = listedPerFile();
  const rows = [];
  const sum = { mutants: 0, killed: 0, timeout: 0, survived: 0, none: 0, listed: 0 };
  const files = Object.keys(record.files).sort((a, b) =>
    a.replace('src/', '').localeCompare(b.replace('src/', '')),
  );
  for (const file of files) {
    const short = file.replace(/^src\//, '');
    const mutants = record.files[file].mutants;
    const count = (status) => mutants.filter((m) => m.status === status).length;
    const f = {
      mutants: mutants.length,
      killed: count('Killed'),
      timeout: count('Timeout'),
      survived: count('Survived'),
      none: count('NoCoverage'),
      listed: listed.get(short) ?? 0,
    };
    if (f.listed > f.survived + f.none) {
      throw new Error(`${short}: ${f.listed} listed, but only ${f.survived + f.none} undetected`);
    }
    listed.delete(short);
    for (const key of Object.keys(sum)) sum[key] += f[key];
    rows.push([`\`${short}\``, f]);
  }
  if (listed.size > 0) throw new Error(`listed rows for unmeasured files: ${[...listed.keys()]}`);
  rows.push(['**all**', sum]);
  const line = (name, f, bold) => {
    const b = (v) => (bold ? `**${v}**` : String(v));
    const detected = f.killed + f.timeout;
    return `| ${name} | ${[f.mutants, f.killed, f.timeout, f.survived, f.none, f.listed].map(b).join(' | ')} | ${b(pct(detected, f.mutants))} | ${b(pct(detected, f.mutants - f.listed))} |`;
  };
  return [
    '| file | mutants | killed | timeout | survived | no coverage | listed | score | score over the unlisted |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(([name, f]) => line(name, f, name === '**all**')),
  ].join('\n');
}

const table = scoreTable();
if (process.argv.includes('--write')) {
  const shown = tableAfter('## Score');
  const header = table.split('\n').slice(0, 2).join('\n');
  const old = `${header}\n${shown.join('\n')}`;
  if (!page.includes(old)) throw new Error('survivors.md: the score table was not found whole');
  writeFileSync(new URL('survivors.md', DIR), page.replace(old, table));
  console.log('survivors.md: the score table was rewritten from the record');
} else if (process.argv.includes('--check')) {
  const shown = tableAfter('## Score');
  const expected = table.split('\n');
  if (shown.join('\n') !== expected.slice(2).join('\n')) {
    console.error('survivors.md: the score table differs from the record; it should read:\n');
    console.error(table);
    process.exit(1);
  }
  console.log('survivors.md: the score table matches the record');
} else {
  console.log(table);
}
