// The matrix's figures and its printed form (`conformance --matrix`), and the problems that make
// matrix.test.ts fail: a cell naming no case and giving no reason, or naming a case that does
// not exist.
import type { ConformanceCase } from '../types.js';
import type { Cell, MatrixRule } from './rules.js';

export interface Coverage {
  rules: number;
  cells: number;
  /** Cells some case checks. */
  checked: number;
  /** Cells with a reason why HTTP cannot check them. */
  reasoned: number;
  problems: string[];
}

const isReason = (cell: Cell): cell is { reason: string } => 'reason' in cell;

export function coverage(
  rules: readonly MatrixRule[],
  cases: readonly ConformanceCase[],
): Coverage {
  const ids = new Set(cases.map((c) => c.id));
  const result: Coverage = { rules: rules.length, cells: 0, checked: 0, reasoned: 0, problems: [] };
  for (const { rule, cells } of rules) {
    const entries = Object.entries(cells);
    if (entries.length === 0) result.problems.push(`${rule}: no cell`);
    for (const [variant, cell] of entries) {
      result.cells += 1;
      if (isReason(cell)) {
        if (cell.reason.trim().length < 20) result.problems.push(`${rule} × ${variant}: no reason`);
        else result.reasoned += 1;
        continue;
      }
      const unknown = cell.cases.filter((id) => !ids.has(id));
      if (cell.cases.length === 0) result.problems.push(`${rule} × ${variant}: no case, no reason`);
      else if (unknown.length > 0)
        result.problems.push(`${rule} × ${variant}: no case ${unknown.join(', ')}`);
      else result.checked += 1;
    }
  }
  return result;
}

export function coverageLine(c: Coverage): string {
  const percent = c.cells === 0 ? 0 : Math.round((1000 * c.checked) / c.cells) / 10;
  return (
    `${c.rules} rules, ${c.cells} cells: ${c.checked} checked by a case (${percent}%), ` +
    `${c.reasoned} not checkable over HTTP (reason given), ` +
    `${c.cells - c.checked - c.reasoned} empty`
  );
}

export function matrixReport(
  rules: readonly MatrixRule[],
  cases: readonly ConformanceCase[],
): string {
  const lines: string[] = [];
  for (const { rule, cells } of rules) {
    lines.push(rule);
    for (const [variant, cell] of Object.entries(cells)) {
      const what = isReason(cell)
        ? `not checkable over HTTP: ${cell.reason}`
        : cell.cases.join(', ');
      lines.push(`    ${variant}: ${what}`);
    }
  }
  const figures = coverage(rules, cases);
  lines.push('', coverageLine(figures), ...figures.problems.map((p) => `problem: ${p}`));
  return `${lines.join('\n')}\n`;
}
