// Small building blocks the case files share: reading bodies, comparing fields, listing this
// run's webhooks, and watching the receiver.
import { isDeepStrictEqual } from 'node:util';
import { isEmptyBody, isRecord } from '../expect.js';
import type { Delivery } from '../receiver.js';
import type { CaseContext, HttpResponse, RequestOptions } from '../types.js';

export const REST = '/api/v1/Webhook';
export const AGENT = '/api/v1/Agents/Webhook';

/** The unset date of the .NET carrier (reference §2a). */
export const MIN_DATE = '0001-01-01T00:00:00';

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

export async function getWebhook(ctx: CaseContext, id: number, options?: RequestOptions) {
  const res = await ctx.request('GET', `${REST}/${id}`, options);
  ctx.expectStatus(res, 200, `GET ${REST}/${id}`);
  return { res, body: objectBody(ctx, res) };
}

/** The ids GET /Webhook lists for a filter query. */
export async function listedIds(ctx: CaseContext, query: RequestOptions['query']) {
  const res = await ctx.request('GET', REST, { query });
  ctx.expectStatus(res, 200, `GET ${REST}`);
  return { res, ids: arrayBody(ctx, res).map((w) => w.WebhookId) };
}

/** After a refused request: the webhook still has these field values. */
export async function expectUnchanged(
  ctx: CaseContext,
  id: number,
  before: Record<string, unknown>,
): Promise<void> {
  const { res } = await getWebhook(ctx, id);
  expectFields(ctx, res, before, 'the refused request changed the webhook');
}

/** After a refused create: no webhook listens for the case's event. */
export async function expectNothingCreated(ctx: CaseContext, event: string): Promise<void> {
  const { res, ids } = await listedIds(ctx, { eventFilter: event });
  ctx.check(ids.length === 0, `the refused request created webhook(s) ${ids.join(', ')}`, res);
}

export const nonTest =
  (path: string) =>
  (d: Delivery): boolean =>
    d.path === path && !d.isTest;

/** Waits for a delivery at `path` (the save-time `test` ping excluded unless asked for). */
export async function awaitDelivery(
  ctx: CaseContext,
  path: string,
  match: (d: Delivery) => boolean = nonTest(path),
): Promise<Delivery> {
  const receiver = ctx.requireReceiver();
  const found = await receiver.waitFor(match, ctx.deliveryTimeoutMs, ctx.signal);
  if (found) return found;
  const seen = receiver.deliveries(path).length;
  return ctx.fail(
    `no matching delivery reached ${path} within ${ctx.deliveryTimeoutMs / 1000} s (${seen} other request(s) there)`,
  );
}

export async function signalEvent(
  ctx: CaseContext,
  eventName: string,
  primaryKey: number,
  data: Record<string, unknown> = {},
): Promise<void> {
  const res = await ctx.request('POST', `${AGENT}/SignalEvent`, {
    body: { EventName: eventName, PrimaryKey: primaryKey, Data: data },
  });
  ctx.expectStatus(res, 204, 'SignalEvent');
}

/** The delivery as evidence: what the target sent to the receiver. */
export function deliveryEvidence(ctx: CaseContext, d: Delivery) {
  return {
    request: {
      method: d.method,
      url: ctx.requireReceiver().url + d.path,
      headers: d.headers,
      body: d.raw.toString('utf8'),
    },
  };
}

/** Polls `probe` until it returns a value, at most `timeoutMs`; undefined when it never does. */
export async function pollFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() >= deadline || signal.aborted) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
