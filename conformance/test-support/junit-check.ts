// Checks a JUnit report the way a CI system reads it: structurally against conformance/junit.xsd
// (xsd-lite.ts), and its counts against its contents — every total on <testsuites> and each
// <testsuite> equals the testcases, failures, errors and skips it holds.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { loadXsdRules, xsdProblems } from './xsd-lite.js';

export const JUNIT_XSD = new URL('../junit.xsd', import.meta.url);

interface Case {
  failure?: unknown;
  error?: unknown;
  skipped?: unknown;
}
interface Suite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped?: string;
  testcase?: Case[];
}
interface Doc {
  testsuites: { tests: string; failures: string; errors: string; testsuite?: Suite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
});

function tally(cases: Case[]) {
  const count = (key: keyof Case) => cases.filter((c) => c[key] !== undefined).length;
  return {
    tests: cases.length,
    failures: count('failure'),
    errors: count('error'),
    skipped: count('skipped'),
  };
}

function countProblems(xml: string): string[] {
  const { testsuites } = parser.parse(xml) as Doc;
  const suites = testsuites.testsuite ?? [];
  const problems: string[] = [];
  const compare = (where: string, stated: Record<string, string | undefined>, cases: Case[]) => {
    for (const [name, actual] of Object.entries(tally(cases))) {
      const claimed = stated[name];
      if (claimed !== undefined && Number(claimed) !== actual) {
        problems.push(`${where} says ${name}="${claimed}" but holds ${actual}`);
      }
    }
  };
  for (const { name, tests, failures, errors, skipped, testcase = [] } of suites) {
    compare(`testsuite ${name}`, { tests, failures, errors, skipped }, testcase);
  }
  const { tests, failures, errors } = testsuites;
  compare(
    'testsuites',
    { tests, failures, errors },
    suites.flatMap((s) => s.testcase ?? []),
  );
  return problems;
}

/** Every problem of a JUnit report: XSD structure first, then counts. */
export function junitProblems(xml: string): string[] {
  const rules = loadXsdRules(readFileSync(JUNIT_XSD, 'utf8'));
  const structural = xsdProblems(rules, xml, 'testsuites');
  return structural.length > 0 ? structural : countProblems(xml);
}
