// The mails the real server sends about a failing webhook (reference §3d). The mock never
// sends mail: each one is written to the outbox the admin API shows.
import type { WebhookRecord } from '../domain/webhook.js';
import type { WebhookStore } from '../store/webhook-store.js';

function recipients(webhook: WebhookRecord): string[] {
  const all = [webhook.ErrorsEmail, ...(webhook.ErrorEmails ?? [])];
  return [...new Set(all.filter((a): a is string => typeof a === 'string' && a.trim() !== ''))];
}

const wants = (webhook: WebhookRecord, flag: 'FirstFailure' | 'Disabling'): boolean =>
  webhook.NotifyWhen.split(/,\s*/).includes(flag);

function body(webhook: WebhookRecord, eventId: string, headline: string): string {
  return [
    headline,
    '',
    `Webhook: ${webhook.Name ?? '(no name)'} (id ${webhook.WebhookId})`,
    `Target: ${webhook.TargetUrl ?? ''}`,
    `State: ${webhook.State}`,
    `Consecutive errors: ${webhook.ConsecutiveErrors}`,
    `EventId: ${eventId}`,
    '',
    'Last error:',
    webhook.LastError ?? '',
  ].join('\n');
}

/** On disabling: ErrorsEmail always (it predates NotifyWhen), ErrorEmails unless opted out. */
export async function notifyDisabled(
  store: WebhookStore,
  webhook: WebhookRecord,
  eventId: string,
  at: Date,
): Promise<void> {
  const to = recipients(webhook);
  if (to.length === 0) return;
  await store.addMail({
    WebhookId: webhook.WebhookId,
    To: to,
    Subject: `Webhook '${webhook.Name ?? webhook.WebhookId}' has been disabled: too many errors`,
    Body: body(webhook, eventId, 'The webhook was disabled (State TooManyErrors).'),
    SentAt: at.toISOString(),
  });
}

export async function notifyFirstFailure(
  store: WebhookStore,
  webhook: WebhookRecord,
  eventId: string,
  at: Date,
): Promise<void> {
  const to = recipients(webhook);
  if (to.length === 0 || !wants(webhook, 'FirstFailure')) return;
  await store.addMail({
    WebhookId: webhook.WebhookId,
    To: to,
    Subject: `Webhook '${webhook.Name ?? webhook.WebhookId}' failed to deliver an event`,
    Body: body(webhook, eventId, 'The webhook failed to deliver an event.'),
    SentAt: at.toISOString(),
  });
}
