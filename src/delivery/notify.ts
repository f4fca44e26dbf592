// The mails the real server sends about a failing webhook (docs/sources.md §3d). The mock never
// sends mail: each one is written to the outbox the admin API shows.
import type { WebhookRecord } from '../domain/webhook.js';
import type { StateStore } from '../store/state-store.js';

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

const NOTICES = {
  disabled: {
    subject: 'has been disabled: too many errors',
    headline: 'The webhook was disabled (State TooManyErrors).',
  },
  'first-failure': {
    subject: 'failed to deliver an event',
    headline: 'The webhook failed to deliver an event.',
  },
} as const;

export type Notice = keyof typeof NOTICES;

/**
 * Writes the mail about a failing webhook to the outbox. Disabling always mails (ErrorsEmail
 * predates NotifyWhen); the first failure only when NotifyWhen asks for it.
 */
export async function notify(
  store: StateStore,
  webhook: WebhookRecord,
  notice: Notice,
  context: { eventId: string; at: Date },
): Promise<void> {
  const to = recipients(webhook);
  if (to.length === 0) return;
  if (notice === 'first-failure' && !wants(webhook, 'FirstFailure')) return;
  const { subject, headline } = NOTICES[notice];
  await store.addMail({
    WebhookId: webhook.WebhookId,
    To: to,
    Subject: `Webhook '${webhook.Name ?? webhook.WebhookId}' ${subject}`,
    Body: body(webhook, context.eventId, headline),
    SentAt: context.at.toISOString(),
  });
}
