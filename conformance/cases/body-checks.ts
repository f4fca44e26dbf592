// Reading an answer's body as the shape a case expects, and naming every mismatch at once.
import { isDeepStrictEqual } from 'node:util';
import { isEmptyBody, isRecord } from '../expect.js';
import type { CaseContext, HttpResponse } from '../types.js';

export function asObject(
  ctx: CaseContext,
  value: unknown,
  what: string,
  res?: HttpResponse,
): Record<string, unknown> {
  if (!isRecord(value)) return ctx.fail(`${what} is ${describe(value)}, not an object`, res);
  return value;
}

export function objectBody(ctx: CaseContext, res: HttpResponse): Record<string, unknown> {
  return asObject(ctx, res.body, 'the body', res);
}

export function arrayBody(ctx: CaseContext, res: HttpResponse): Record<string, unknown>[] {
  ctx.check(Array.isArray(res.body), `expected a JSON array, got ${describe(res.body)}`, res);
  return (res.body as unknown[]).filter(isRecord);
}

export function describe(value: unknown): string {
  if (value === undefined) return 'an empty body';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** Every mismatch between `expected` and the body's fields, in one failure. */
export function expectFields(
  ctx: CaseContext,
  res: HttpResponse,
  expected: Record<string, unknown>,
  what = 'the body',
): Record<string, unknown> {
  const body = objectBody(ctx, res);
  const wrong = Object.entries(expected)
    .filter(([name, value]) => !isDeepStrictEqual(body[name], value))
    .map(([name, value]) => `${name} is ${describe(body[name])}, expected ${describe(value)}`);
  ctx.check(wrong.length === 0, `${what}: ${wrong.join('; ')}`, res);
  return body;
}

export function expectNoContent(ctx: CaseContext, res: HttpResponse, status = 204): void {
  ctx.expectStatus(res, status);
  ctx.check(isEmptyBody(res), `expected an empty (or null) body, got ${describe(res.body)}`, res);
}
