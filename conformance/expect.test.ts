import { beforeAll, describe, expect, it } from 'vitest';
import { loadContract, type Contract } from '../src/http/contract.js';
import {
  describeStatuses,
  errorShapeProblems,
  expectSchema,
  expectStatus,
  isEmptyBody,
} from './expect.js';
import { CaseFailure } from './outcome.js';
import type { HttpResponse } from './types.js';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

function response(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResponse {
  const raw = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    raw,
    evidence: {
      request: { method: 'GET', url: 'http://t/x', headers: {} },
      response: { status, headers, body: raw },
    },
  };
}

function failureOf(fn: () => void): CaseFailure {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseFailure) return error;
    throw error;
  }
  throw new Error('expected a CaseFailure');
}

describe('expectations', () => {
  it('names the expected and actual status, with the evidence', () => {
    const res = response(200, {});
    const failure = failureOf(() => expectStatus(res, [404, 410], 'GET after DELETE'));
    expect(failure.message).toBe('GET after DELETE: expected status 404 or 410, got 200');
    const range = Array.from({ length: 100 }, (_, i) => 400 + i);
    expect(failureOf(() => expectStatus(response(200, {}), range)).message).toBe(
      'expected status 400–499, got 200',
    );
    expect(describeStatuses([200, 204, 400, 401, 402, 404])).toBe('200 or 204 or 400–402 or 404');
    expect(failure.evidence).toBe(res.evidence);
    expect(() => expectStatus(res, 200)).not.toThrow();
  });

  it('lists every schema problem in one failure', () => {
    const failure = failureOf(() =>
      expectSchema(contract, 'getWebhook', response(200, { WebhookId: 'one', State: 'Sleeping' })),
    );
    expect(failure.message).toMatch(/^getWebhook 200 does not match the spec \(\d+ problems\): /);
    expect(failure.message).toContain('body.WebhookId');
    expect(failure.message).toContain('body.State');
    expect(failure.message).toContain('_Links');
  });

  it('accepts a 204 with an empty body or null', () => {
    expect(() => expectSchema(contract, 'deleteWebhook', response(204, undefined))).not.toThrow();
    expect(() => expectSchema(contract, 'deleteWebhook', response(204, null))).not.toThrow();
    expect(isEmptyBody(response(204, undefined))).toBe(true);
    expect(isEmptyBody(response(204, null))).toBe(true);
    expect(isEmptyBody(response(204, {}))).toBe(false);
  });

  it('accepts either message key in the error shape (C1) and lists what is missing', () => {
    const base = { Error: true, ErrorType: 'SoNotFoundException' };
    expect(errorShapeProblems({ ...base, ErrorMessage: 'gone' })).toEqual([]);
    expect(errorShapeProblems({ ...base, Message: 'gone' })).toEqual([]);
    expect(errorShapeProblems({ Error: 'yes' })).toEqual([
      'Error is "yes", not true',
      'ErrorType is not a non-empty string',
      'neither ErrorMessage nor Message is a string',
    ]);
    expect(errorShapeProblems('Not Found')).toEqual(['the body is not a JSON object']);
  });
});
