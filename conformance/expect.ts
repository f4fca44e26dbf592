// The expectations every case shares. Each failure names the behaviour, lists every problem it
// found (not the first only) and carries the exchange that shows it.
import type { Contract } from '../src/http/contract.js';
import { CaseFailure } from './outcome.js';
import { choiceOfProblem } from './rule-origin.js';
import type { HttpResponse } from './types.js';

/** `404 or 410`, and `400–499` for a run of three or more, so "any 4xx" reads as such. */
export function describeStatuses(allowed: readonly number[]): string {
  const runs: number[][] = [];
  for (const status of allowed) {
    const run = runs.at(-1);
    if (run && run.at(-1) === status - 1) run.push(status);
    else runs.push([status]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${run[0]}–${run.at(-1)}` : run.join(' or ')))
    .join(' or ');
}

export function expectStatus(
  res: HttpResponse,
  expected: number | readonly number[],
  what?: string,
): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  if (allowed.includes(res.status)) return;
  const wanted = describeStatuses(allowed);
  const subject = what ? `${what}: ` : '';
  const cause = `expected status ${wanted}, got ${res.status}`;
  throw new CaseFailure(`${subject}${cause}`, res.evidence, { cause });
}

/** Our own spec is the yardstick; a 204 with an empty body is as good as one with `null`. */
export function expectSchema(contract: Contract, operationId: string, res: HttpResponse): void {
  const problems = contract.validateResponse(operationId, {
    status: res.status,
    headers: res.headers,
    body: res.body,
  });
  if (problems.length === 0) return;
  const choices = problems.map(choiceOfProblem);
  const listed = problems.map((p, i) => {
    const text = p.location ? `${p.location}: ${p.message}` : p.message;
    return choices[i] ? `${text} (the contract's choice: ${choices[i]})` : text;
  });
  const noun = problems.length === 1 ? 'problem' : 'problems';
  // Grouped by what differed: the fields and messages, array positions folded together.
  const fields = [...new Set(problems.map((p) => p.message.replace(/\b\d+\./g, '*.')))];
  const allChoices = choices.every((c) => c !== undefined);
  throw new CaseFailure(
    `${operationId} ${res.status} does not match the spec (${problems.length} ${noun}): ${listed.join('; ')}`,
    res.evidence,
    {
      cause: `the answer does not match the spec: ${fields.join('; ')}`,
      ...(allChoices && {
        choice: `spec/README.md: ${[...new Set(choices)].join(', ')}, which the vendor's definitions do not state`,
      }),
    },
  );
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The SuperOffice error body (docs/sources.md §5): `Error: true`, a string `ErrorType` and the text
 * under `ErrorMessage` (REST overview) or `Message` (the client's fixture) — either is fine (C1).
 */
export function errorShapeProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['the body is not a JSON object'];
  const problems: string[] = [];
  if (body.Error !== true) problems.push(`Error is ${JSON.stringify(body.Error)}, not true`);
  if (typeof body.ErrorType !== 'string' || body.ErrorType === '') {
    problems.push('ErrorType is not a non-empty string');
  }
  const message = [body.ErrorMessage, body.Message].find((m) => typeof m === 'string');
  if (message === undefined) problems.push('neither ErrorMessage nor Message is a string');
  return problems;
}

export function expectErrorShape(res: HttpResponse): void {
  const problems = errorShapeProblems(res.body);
  if (problems.length === 0) return;
  throw new CaseFailure(`not the SuperOffice error shape: ${problems.join('; ')}`, res.evidence);
}

/** A 204 answer: no body, or the `null` the vendor's samples show (docs/sources.md §6). */
export function isEmptyBody(res: HttpResponse): boolean {
  return res.raw.trim() === '' || res.raw.trim() === 'null';
}
