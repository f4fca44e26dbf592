// bench/README.md: the tables of the latest run, written by the bench itself from
// bench/results/latest.json, so the figures a reader sees are never copied by hand or stale
// against the results beside them. `npm run bench -- --readme-only` rewrites it from the
// results without measuring (after a change to how the tables are formatted).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './process.js';
import { markdown, type BenchResult } from './report.js';

export const RESULTS_PATH = join(ROOT, 'bench', 'results', 'latest.json');
export const README_PATH = join(ROOT, 'bench', 'README.md');

/** The whole file for a result: what it is, how it is made, then the run's tables. */
export function benchReadme(result: BenchResult): string {
  const tables = markdown(result).replace(/^## Benchmarks\n\n/, '');
  return (
    [
      '# Benchmark results',
      '<!-- Written by `npm run bench` from bench/results/latest.json: do not edit by hand. -->',
      'The latest run of `npm run bench`. What is measured, against what and how, and how to read' +
        ' it:\n[docs/benchmarks.md](../docs/benchmarks.md). Figures move by up to a fifth between' +
        ' runs on a shared\nmachine; the ratios, measured side by side in one run, hold.',
      `## The run\n\n${tables}`,
    ].join('\n\n') + '\n'
  );
}

export async function readResult(path = RESULTS_PATH): Promise<BenchResult> {
  return JSON.parse(await readFile(path, 'utf8')) as BenchResult;
}

export async function writeBenchReadme(result: BenchResult, path = README_PATH): Promise<void> {
  await writeFile(path, benchReadme(result));
}
