import { describe, expect, it } from 'vitest';
import { matchesSelector, selectCases, splitSelectors } from './select.js';
import type { ConformanceCase } from './types.js';

const make = (id: string, area: ConformanceCase['area'], tags: string[], mutates: boolean) =>
  ({
    id,
    area,
    tags,
    mutates,
    title: id,
    source: 's',
    given: '',
    when: '',
    then: '',
    run: async () => undefined,
  }) satisfies ConformanceCase;

const CASES = [
  make('patch.replace', 'patch', ['doc', 'patch'], true),
  make('patch.test-failure-409', 'patch', ['doc', 'patch', 'errors'], true),
  make('operations.get-default', 'operations', ['doc', 'schema'], false),
  make('auth.missing-401', 'auth', ['choice', 'auth'], false),
];
const ids = (cases: readonly ConformanceCase[]) => cases.map((c) => c.id);

describe('case selection', () => {
  it('selects everything by default', () => {
    expect(ids(selectCases(CASES, {}).selected)).toEqual(ids(CASES));
  });

  it('matches by id, area, tag and glob, case-insensitively', () => {
    const replace = CASES[0] as ConformanceCase;
    expect(matchesSelector(replace, 'patch.replace')).toBe(true);
    expect(matchesSelector(replace, 'PATCH')).toBe(true);
    expect(matchesSelector(replace, 'doc')).toBe(true);
    expect(matchesSelector(replace, 'patch.*')).toBe(true);
    expect(matchesSelector(replace, '*.replace')).toBe(true);
    expect(matchesSelector(replace, 'patch.re')).toBe(false);
    expect(matchesSelector(replace, '')).toBe(false);
  });

  it('takes --only, then removes --skip', () => {
    const result = selectCases(CASES, { only: ['patch', 'auth.missing-401'], skip: ['errors'] });
    expect(ids(result.selected)).toEqual(['patch.replace', 'auth.missing-401']);
    expect(result.unmatched).toEqual([]);
  });

  it('keeps only cases that change nothing with --read-only', () => {
    expect(ids(selectCases(CASES, { readOnly: true }).selected)).toEqual([
      'operations.get-default',
      'auth.missing-401',
    ]);
  });

  it('reports selectors that match no case', () => {
    expect(selectCases(CASES, { only: ['patch'], skip: ['pach.*'] }).unmatched).toEqual(['pach.*']);
  });

  it('splits repeated and comma-separated flags', () => {
    expect(splitSelectors(['a,b', ' c ', ',,'])).toEqual(['a', 'b', 'c']);
    expect(splitSelectors(undefined)).toEqual([]);
  });
});
