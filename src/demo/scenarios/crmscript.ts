// Webhooks of Type crmscript (docs/sources.md §3e): TargetUrl names a script inside the CRM, so
// nothing goes over HTTP; the mock records each invocation and counts it in TotalCalls.
import { deliveriesView, field, pick, type Session } from '../session.js';
import type { Scenario } from './scenario.js';

const list = (json: unknown): unknown[] => (Array.isArray(json) ? json : []);

async function recorded(s: Session, event: string): Promise<unknown> {
  await s.settle();
  const log = await s.api('GET', `/__admin/deliveries?event=${event}&limit=1`, undefined, {
    anonymous: true,
    view: deliveriesView,
  });
  return list(log.json)[0];
}

async function signal(s: Session): Promise<void> {
  await s.step('Signal sale.sold (SignalEvent)', async () => {
    const answer = await s.api('POST', '/api/v1/Agents/Webhook/SignalEvent', {
      EventName: 'sale.sold',
      PrimaryKey: 1017,
      Data: { amount: 125000, currency: 'EUR' },
    });
    s.check(answer.status === 204, 'SignalEvent answers 204');
  });
  await s.step('No HTTP call: the invocation is recorded', async () => {
    const delivery = await recorded(s, 'sale.sold');
    s.check(field(delivery, 'Kind') === 'crmscript', 'Kind crmscript');
    s.check(field(delivery, 'State') === 'recorded', 'State recorded, no attempts');
    s.check(field(delivery, 'Url') === 'SaleWonFollowUp', 'the script SaleWonFollowUp would run');
    const hook = await s.api('GET', '/api/v1/Webhook/1', undefined, {
      view: pick('Name', 'Type', 'TargetUrl', 'TotalCalls'),
    });
    s.check(field(hook.json, 'TotalCalls') === 1, 'TotalCalls counts the invocation');
  });
}

async function custom(s: Session): Promise<void> {
  await s.step('A custom event: button.clicked', async () => {
    await s.api('POST', '/api/v1/Webhook/button.clicked/42', { button: 'Create order' });
    const delivery = await recorded(s, 'button.clicked');
    s.check(field(delivery, 'Url') === 'HandleButtonClick', 'HandleButtonClick would run');
  });
  await s.step('A stopped script hook records nothing', async () => {
    await s.api('POST', '/api/v1/Webhook/document.edited/3', {});
    await s.settle();
    const log = await s.api('GET', '/__admin/deliveries?event=document.edited', undefined, {
      anonymous: true,
      brief: true,
    });
    s.check(list(log.json).length === 0, 'Document audit is Stopped: no record');
  });
  await s.step('TestWebhook on a crmscript definition', async () => {
    const result = await s.api('POST', '/api/v1/Agents/Webhook/TestWebhook', {
      Webhook: {
        Name: 'Try it',
        Events: ['sale.sold'],
        TargetUrl: 'SaleWonFollowUp',
        Type: 'crmscript',
      },
    });
    s.check(field(result.json, 'Success') === true, 'Success, without calling anything');
    s.check(s.receiver.arrivals.length === 0, 'the receiver got nothing in this scenario');
  });
}

export const crmscriptScenario: Scenario = {
  name: 'crmscript',
  summary: 'crmscript hooks: recorded instead of POSTed, TotalCalls, a custom event',
  fixture: 'crmscript',
  tryEvent: 'sale.sold',
  async run(s) {
    s.webhookId = 1;
    await signal(s);
    await custom(s);
  },
};
