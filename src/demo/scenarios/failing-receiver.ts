// Receivers that fail (docs/sources.md §3d): a retry that recovers, then 410 Gone, which disables a
// hook at once and mails both ErrorsEmail and ErrorEmails; the delivery log can replay it.
import { deliveriesView, field, on, pick, retryOf, type Session } from '../session.js';
import type { Scenario } from './scenario.js';

const HOOK = '/hooks/orders';
const EVENT = 'activity.created';
const SECRET = 'whsec_activity_demo';

const STATS = pick('WebhookId', 'State', 'ConsecutiveErrors', 'TotalCalls', 'TotalErrors');
const list = (json: unknown): unknown[] => (Array.isArray(json) ? json : []);

async function fixtureHooks(s: Session): Promise<void> {
  await s.step('The fixture: hooks that have already failed', async () => {
    const disabled = await s.api('GET', '/api/v1/Webhook?statusFilter=TooManyErrors', undefined, {
      brief: true,
    });
    for (const hook of list(disabled.json)) {
      const name = String(field(hook, 'Name'));
      const lastError = String(field(hook, 'LastError')).split('\r\n')[0];
      s.print.note(`${name}: ${String(field(hook, 'State'))}, last error "${lastError}"`);
    }
    s.check(list(disabled.json).length === 2, 'two hooks are disabled already');
  });
}

async function register(s: Session): Promise<number> {
  let id = 0;
  await s.step('Register a webhook with ErrorsEmail and ErrorEmails', async () => {
    s.receiver.expectSecret(HOOK, SECRET);
    const saved = await s.api(
      'POST',
      '/api/v1/Webhook',
      {
        Name: 'Activity feed',
        Events: [EVENT],
        TargetUrl: `${s.receiver.url}${HOOK}`,
        Secret: SECRET,
        ErrorsEmail: 'ops@example.com',
        ErrorEmails: ['activity-team@example.com'],
        NotifyVia: 'Email',
        NotifyWhen: 'Disabling',
      },
      { view: pick('WebhookId', 'Name', 'State', 'ErrorsEmail', 'ErrorEmails') },
    );
    await s.receiver.take('test event', on(HOOK, 'test'));
    id = Number(field(saved.json, 'WebhookId'));
    s.check(saved.status === 200 && id > 0, `saved as webhook ${id}`);
  });
  return id;
}

async function recovering(s: Session, id: number): Promise<void> {
  await s.step('A failed attempt, then a retry that succeeds', async () => {
    s.receiver.answer(HOOK, 500, 200);
    await s.api('POST', `/api/v1/Webhook/${EVENT}/7`, { subject: 'Call Acme' });
    const first = await s.receiver.take('first attempt', on(HOOK, EVENT));
    const second = await s.receiver.take('retry', on(HOOK, EVENT));
    await s.settle();
    s.check(first.status === 500 && retryOf(second) === 1, 'retry 1 came after the 500');
    const hook = await s.api('GET', `/api/v1/Webhook/${id}`, undefined, { view: STATS });
    s.check(field(hook.json, 'ConsecutiveErrors') === 0, 'a delivered cycle is no error');
  });
}

interface Gone {
  deliveryId: number;
  body: string;
}

async function gone(s: Session, id: number): Promise<Gone> {
  const result: Gone = { deliveryId: 0, body: '' };
  await s.step('The receiver answers 410 Gone', async () => {
    s.receiver.answer(HOOK, 410);
    const before = s.receiver.arrivals.filter(on(HOOK, EVENT)).length;
    await s.api('POST', `/api/v1/Webhook/${EVENT}/8`, { subject: 'Meeting' });
    const arrival = await s.receiver.take('attempt', on(HOOK, EVENT));
    result.body = arrival.body;
    await s.settle();
    const attempts = s.receiver.arrivals.filter(on(HOOK, EVENT)).length - before;
    s.check(arrival.status === 410 && attempts === 1, '410 is final: no retry');
    const log = await s.api('GET', `/__admin/deliveries?webhookId=${id}&limit=1`, undefined, {
      anonymous: true,
      view: deliveriesView,
    });
    const last = list(log.json)[0];
    result.deliveryId = Number(field(last, 'DeliveryId'));
    s.check(field(last, 'State') === 'gone', `delivery ${result.deliveryId} is logged as gone`);
  });
  await s.step('410 disables the webhook at once', async () => {
    const hook = await s.api('GET', `/api/v1/Webhook/${id}`, undefined, { view: STATS });
    s.check(field(hook.json, 'State') === 'TooManyErrors', 'State TooManyErrors after one 410');
    await s.api('GET', `/api/v1/Webhook/${id}/LastError`);
  });
  return result;
}

async function mailAndReplay(s: Session, { deliveryId, body }: Gone): Promise<void> {
  await s.step('The outbox: ErrorsEmail and ErrorEmails', async () => {
    const outbox = await s.api('GET', '/__admin/outbox', undefined, {
      anonymous: true,
      view: pick('To', 'Subject'),
    });
    const to = field(list(outbox.json)[0], 'To');
    const everyone = Array.isArray(to) ? to.join(', ') : '';
    s.check(everyone === 'ops@example.com, activity-team@example.com', `mail to ${everyone}`);
  });
  await s.step('Replay the delivery from the log', async () => {
    s.receiver.answer(HOOK, 200);
    const replay = await s.api('POST', `/__admin/deliveries/${deliveryId}/replay`, undefined, {
      anonymous: true,
      view: pick('DeliveryId', 'ReplayOf', 'Event', 'EventId', 'State'),
    });
    const arrival = await s.receiver.take('replayed delivery', on(HOOK, EVENT));
    await s.settle();
    s.check(replay.status === 202 && arrival.status === 200, 'the replay was delivered');
    s.check(arrival.body === body, 'the same EventId and body as the original');
    s.check(arrival.signature === 'valid', 'with a valid signature');
  });
}

export const failingReceiverScenario: Scenario = {
  name: 'failing-receiver',
  summary: 'a retry that recovers, 410 Gone disables at once, mail, replay from the log',
  fixture: 'failing-receiver',
  tryEvent: EVENT,
  async run(s) {
    await fixtureHooks(s);
    const id = await register(s);
    s.webhookId = id;
    await recovering(s, id);
    await mailAndReplay(s, await gone(s, id));
  },
};
