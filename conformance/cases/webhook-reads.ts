// Reading this run's webhooks back: one by id, the ids a filter lists, and the checks that a
// refused request left them as they were (and nothing it created stays behind).
import type { CaseContext, HttpResponse, RequestOptions } from '../types.js';
import { arrayBody, expectFields, objectBody } from './body-checks.js';
import { REST } from './surfaces.js';

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

/** Deletes what a save that should have been refused created, so the run leaves nothing. */
export function trackIfCreated(ctx: CaseContext, res: HttpResponse): void {
  const body = res.body as Record<string, unknown> | null;
  if (res.status < 300 && typeof body?.WebhookId === 'number') ctx.track(body.WebhookId);
}
