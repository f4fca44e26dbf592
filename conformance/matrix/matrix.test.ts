// The matrix misses nothing: every row of spec/README.md's tables, every fact-sheet section §1–§6
// and every file in spec/vendor/ has a matrix rule, and every cell names existing cases or says
// why HTTP cannot check it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CASES } from '../cases/index.js';
import { coverage, coverageLine, matrixReport } from './coverage.js';
import { MATRIX, REFERENCE_ROWS } from './rules.js';

const SPEC_README = new URL('../../spec/README.md', import.meta.url);
const VENDOR_DIR = new URL('../../spec/vendor/', import.meta.url);

/** The first cell of every body row of every table in spec/README.md. */
function specRows(): string[] {
  const rows: string[] = [];
  let header = true;
  for (const line of readFileSync(SPEC_README, 'utf8').split('\n')) {
    if (!line.startsWith('|')) {
      header = true;
      continue;
    }
    if (/^\|\s*-{3}/.test(line)) {
      header = false;
      continue;
    }
    if (!header) rows.push((line.split('|')[1] ?? '').trim());
  }
  return rows;
}

describe('the behaviour matrix', () => {
  it('has a rule for every row of spec/README.md', () => {
    const rows = specRows();
    expect(rows.length).toBeGreaterThan(100);
    const missing = rows.filter((row) => !MATRIX.some((m) => row.startsWith(m.rule)));
    expect(missing).toEqual([]);
  });

  it('has a rule for every section §1–§6 of the reference fact sheet', () => {
    const sections = [
      '1a',
      '1b',
      '2',
      '2a',
      '2b',
      '2c',
      '3a',
      '3b',
      '3c',
      '3d',
      '3e',
      '4',
      '5',
      '6',
    ];
    const covered = REFERENCE_ROWS.map((m) => m.rule);
    expect(sections.filter((s) => !covered.includes(`reference §${s}`))).toEqual([]);
  });

  it('has a rule for every vendor file in spec/vendor/', () => {
    const files = readdirSync(VENDOR_DIR).map((f) => `spec/vendor/${f}`);
    expect(files.filter((f) => !MATRIX.some((m) => m.rule === f))).toEqual([]);
  });

  it('has no unreasoned empty cell and names only existing cases', () => {
    const figures = coverage(MATRIX, ALL_CASES);
    expect(figures.problems).toEqual([]);
    expect(figures.checked + figures.reasoned).toBe(figures.cells);
  });

  it('fails a cell with no case and no reason, or an unknown case', () => {
    const figures = coverage(
      [
        { rule: 'x', cells: { empty: { cases: [] }, short: { reason: 'no' } } },
        { rule: 'y', cells: { gone: { cases: ['no.such-case'] } } },
      ],
      ALL_CASES,
    );
    expect(figures.problems).toEqual([
      'x × empty: no case, no reason',
      'x × short: no reason',
      'y × gone: no case no.such-case',
    ]);
  });

  it('prints every rule and the coverage figure the README states', () => {
    const printed = matrixReport(MATRIX, ALL_CASES);
    for (const m of MATRIX) expect(printed).toContain(m.rule);
    const line = coverageLine(coverage(MATRIX, ALL_CASES));
    expect(printed).toContain(line);
    expect(readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8')).toContain(
      line,
    );
  });
});
