// Which cases a run executes: --only and --skip take case ids, areas, tags or `*` globs over
// ids; --read-only keeps the cases that change nothing on the target.
import type { ConformanceCase } from './types.js';

export interface SelectionOptions {
  only?: readonly string[];
  skip?: readonly string[];
  readOnly?: boolean;
}

export interface SelectionResult {
  selected: ConformanceCase[];
  /** Selectors that match no case at all — almost always a typo, so the CLI refuses them. */
  unmatched: string[];
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** Whether `--read-only` keeps the case: it changes nothing and pings only the receiver. */
export const runsReadOnly = (c: ConformanceCase): boolean => !c.mutates && !c.probesElsewhere;

export function matchesSelector(testCase: ConformanceCase, selector: string): boolean {
  const wanted = selector.trim().toLowerCase();
  if (wanted === '') return false;
  if (testCase.id.toLowerCase() === wanted || testCase.area === wanted) return true;
  if (testCase.tags.some((tag) => tag.toLowerCase() === wanted)) return true;
  return wanted.includes('*') && globToRegExp(wanted).test(testCase.id);
}

/** Splits repeated and comma-separated selector flags into one list. */
export function splitSelectors(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function selectCases(
  all: readonly ConformanceCase[],
  options: SelectionOptions,
): SelectionResult {
  const only = options.only ?? [];
  const skip = options.skip ?? [];
  const unmatched = [...only, ...skip].filter((s) => !all.some((c) => matchesSelector(c, s)));
  const selected = all.filter(
    (c) =>
      (only.length === 0 || only.some((s) => matchesSelector(c, s))) &&
      !skip.some((s) => matchesSelector(c, s)) &&
      !(options.readOnly && !runsReadOnly(c)),
  );
  return { selected, unmatched };
}
