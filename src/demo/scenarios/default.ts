// The life of a webhook (docs/sources.md §3): register with a Secret, the save-time test event, a
// signed delivery, retries, TooManyErrors after 9 failed cycles, the mail, re-activation.
import { verifySignature, SIGNATURE_HEADER } from '../../delivery/signature.js';
import { MAX_CONSECUTIVE_ERRORS } from '../../delivery/retry-policy.js';
import { headerValue } from '../printer.js';
import { deliveriesView, field, on, pick, retryOf, type Session } from '../session.js';
import type { Scenario } from './scenario.js';

const HOOK = '/hooks/crm';
const MONITOR = '/hooks/monitor';
const SECRET = 'whsec_demo_5f2b8c1e';
const STATS = pick(
  'WebhookId',
  'State',
  'ConsecutiveErrors',
  'TotalCalls',
  'TotalErrors',
  'LastError',
);

async function register(s: Session): Promise<number> {
  let id = 0;
  await s.step('Register a webhook with a Secret', async () => {
    s.receiver.expectSecret(HOOK, SECRET);
    const saved = await s.api(
      'POST',
      '/api/v1/Webhook',
      {
        Name: 'Demo CRM sync',
        Events: ['contact.created', 'contact.changed'],
        TargetUrl: `${s.receiver.url}${HOOK}`,
        Secret: SECRET,
        Headers: { 'X-Demo': 'so-webhook-mock' },
        Properties: { tenant: 'demo' },
        ErrorEmails: ['ops@example.com'],
        NotifyVia: 'Email',
        NotifyWhen: 'FirstFailure, Disabling',
      },
      { view: pick('WebhookId', 'Name', 'State', 'TargetUrl', 'Secret', 'Registered') },
    );
    id = Number(field(saved.json, 'WebhookId'));
    s.check(saved.status === 200 && id > 0, `saved as webhook ${id}`);
  });
  await s.step('The save-time test event arrived', async () => {
    const ping = await s.receiver.take('test event', on(HOOK, 'test'));
    s.print.note(
      'The mock POSTed the test event while saving; a 200 answer let the save go through.',
    );
    s.check(headerValue(ping.headers, 'X-Hook-Test') === 'true', 'X-Hook-Test: true');
  });
  return id;
}

async function monitor(s: Session, id: number): Promise<void> {
  await s.step(`Register a monitor for webhook${id}.errors and webhook${id}.started`, async () => {
    const saved = await s.api(
      'POST',
      '/api/v1/Webhook',
      {
        Name: 'Demo monitor',
        Events: [`webhook${id}.errors`, `webhook${id}.started`],
        TargetUrl: `${s.receiver.url}${MONITOR}`,
      },
      { view: pick('WebhookId', 'Name', 'Events') },
    );
    await s.receiver.take('monitor test event', on(MONITOR, 'test'));
    s.check(saved.status === 200, 'the monitor listens to the state events of the first hook');
  });
}

async function signedDelivery(s: Session): Promise<void> {
  await s.step('Signal contact.created (SignalEvent)', async () => {
    const answer = await s.api('POST', '/api/v1/Agents/Webhook/SignalEvent', {
      EventName: 'contact.created',
      PrimaryKey: 42,
      Data: { name: 'Acme AS', orgnr: '987654321' },
    });
    s.check(answer.status === 204, 'SignalEvent answers 204 and queues one delivery per listener');
  });
  const delivery = await s.receiver.take('contact.created delivery', on(HOOK, 'contact.created'));
  await s.step('The signed delivery arrived', async () => {
    s.check(retryOf(delivery) === 0, 'first attempt: X-SuperOffice-Retry 0');
    s.check(delivery.status === 200, 'the receiver answered 200: delivered');
  });
  await s.step('Verify the signature', async () => {
    const signature = headerValue(delivery.headers, SIGNATURE_HEADER);
    s.print.note(`${SIGNATURE_HEADER}: ${signature ?? '(none)'}`);
    // The raw bytes, never a re-serialization: whitespace and key order are signed too.
    s.print.note('= Base64(HMAC-SHA256(UTF-8 Secret, the raw body bytes)), docs/sources.md §3c');
    s.check(verifySignature(SECRET, delivery.raw, signature), 'signature verified with the Secret');
    s.check(!verifySignature('wrong-secret', delivery.raw, signature), 'a wrong Secret fails');
  });
}

async function failing(s: Session, id: number): Promise<void> {
  await s.step('The receiver starts failing (500)', async () => {
    s.receiver.answer(HOOK, 500);
    await s.api('POST', '/api/v1/Webhook/contact.changed/42', { name: 'Acme ASA' });
  });
  await s.step('Retries: X-SuperOffice-Retry 1, 2', async () => {
    const retries = [];
    for (let i = 0; i < 3; i++) {
      retries.push(retryOf(await s.receiver.take('retry', on(HOOK, 'contact.changed'))));
    }
    await s.settle();
    s.check(retries.join(',') === '0,1,2', `three attempts: retry ${retries.join(', ')}`);
    s.print.note('Waits of 1 s and 4 s between them, ×0.01 in the demo (docs/sources.md §3d).');
    const log = await s.api('GET', `/__admin/deliveries?webhookId=${id}&limit=1`, undefined, {
      anonymous: true,
      view: deliveriesView,
    });
    const last = Array.isArray(log.json) ? log.json[0] : undefined;
    s.check(field(last, 'State') === 'failed', 'the delivery log says failed after 3 attempts');
  });
  await s.step('Repeated failures: TooManyErrors', async () => {
    // The retries of each cycle one line each; the monitor's webhook.errors event in full.
    s.brief = (arrival) => arrival.path === HOOK;
    for (let cycle = 2; cycle <= MAX_CONSECUTIVE_ERRORS; cycle++) {
      await s.api('POST', `/api/v1/Webhook/contact.changed/${40 + cycle}`, {}, { brief: true });
      await s.settle();
    }
    s.brief = () => false;
    const hook = await s.api('GET', `/api/v1/Webhook/${id}`, undefined, { view: STATS });
    s.check(
      field(hook.json, 'State') === 'TooManyErrors',
      `${MAX_CONSECUTIVE_ERRORS} failed cycles disable the hook`,
    );
    s.check(
      field(hook.json, 'ConsecutiveErrors') === MAX_CONSECUTIVE_ERRORS,
      `ConsecutiveErrors ${MAX_CONSECUTIVE_ERRORS}`,
    );
    const errors = await s.receiver.take('errors event', on(MONITOR, `webhook${id}.errors`));
    s.check(errors.status === 200, `webhook${id}.errors reached the monitor`);
  });
}

async function outboxAndRestart(s: Session, id: number): Promise<void> {
  await s.step('The outbox: mail to ErrorEmails', async () => {
    const outbox = await s.api('GET', '/__admin/outbox', undefined, {
      anonymous: true,
      view: pick('To', 'Subject'),
    });
    const subjects = Array.isArray(outbox.json) ? outbox.json.map((m) => field(m, 'Subject')) : [];
    s.check(
      subjects.some((t) => String(t).includes('disabled')),
      'a mail says the hook was disabled',
    );
    s.check(
      subjects.some((t) => String(t).includes('failed')),
      'FirstFailure mailed too',
    );
  });
  await s.step('The receiver recovers; re-activate with PATCH State Active', async () => {
    s.receiver.answer(HOOK, 200);
    const patched = await s.api(
      'PATCH',
      `/api/v1/Webhook/${id}`,
      [{ op: 'replace', path: '/State', value: 'Active' }],
      { contentType: 'application/json-patch+json', view: STATS },
    );
    await s.receiver.take('test event', on(HOOK, 'test'));
    s.check(field(patched.json, 'State') === 'Active', 'State Active again');
    s.check(field(patched.json, 'ConsecutiveErrors') === 0, 'ConsecutiveErrors back to 0');
  });
  await s.step(`webhook${id}.started arrived`, async () => {
    const started = await s.receiver.take('started event', on(MONITOR, `webhook${id}.started`));
    s.check(started.status === 200, `the monitor heard webhook${id}.started`);
    await s.settle();
  });
}

export const defaultScenario: Scenario = {
  name: 'default',
  summary: 'register, test event, signed delivery, retries, TooManyErrors, mail, re-activate',
  fixture: 'default',
  tryEvent: 'contact.created',
  async run(s) {
    const id = await register(s);
    s.webhookId = id;
    await monitor(s, id);
    await signedDelivery(s);
    await failing(s, id);
    await outboxAndRestart(s, id);
  },
};
