// Renders the chosen reporters and decides where each goes: stdout without --out, files with it
// (`<out>.<ext>`, or `<dir>/conformance.<ext>` for a directory), as the help text documents.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ReporterName } from './cli-args.js';
import { consoleReport } from './reporters/console.js';
import { jsonReport } from './reporters/json.js';
import { junitReport } from './reporters/junit.js';
import { summarize, type ReportMeta } from './reporters/shared.js';
import type { Verdict } from './types.js';

export const EXTENSIONS: Record<ReporterName, string> = {
  console: 'txt',
  json: 'json',
  junit: 'xml',
};

export function render(
  name: ReporterName,
  verdicts: readonly Verdict[],
  meta: ReportMeta,
  color: boolean,
  verbose = false,
): string {
  if (name === 'json') return jsonReport(verdicts, meta);
  if (name === 'junit') return junitReport(verdicts, meta);
  return consoleReport(verdicts, { color, meta, verbose });
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export async function outputPath(out: string, name: ReporterName): Promise<string> {
  const ext = EXTENSIONS[name];
  if (out.endsWith('/') || (await isDirectory(out))) return join(out, `conformance.${ext}`);
  return `${out}.${ext}`;
}

export interface Written {
  stdout: string;
  files: string[];
}

export async function writeReports(
  names: readonly ReporterName[],
  verdicts: readonly Verdict[],
  meta: ReportMeta,
  options: { out: string | undefined; color: boolean; verbose?: boolean },
): Promise<Written> {
  if (options.out === undefined) {
    const stdout = names
      .map((n) => render(n, verdicts, meta, options.color, options.verbose))
      .join('\n');
    return { stdout, files: [] };
  }
  const files: string[] = [];
  for (const name of names) {
    const path = await outputPath(options.out, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, render(name, verdicts, meta, false), 'utf8');
    files.push(path);
  }
  const s = summarize(verdicts);
  const stdout = names.includes('console')
    ? render('console', verdicts, meta, options.color, options.verbose)
    : `${s.passed} passed, ${s.failed} failed, ${s.error} errors, ${s.skipped} skipped — ${s.total} cases\n`;
  return { stdout, files };
}
