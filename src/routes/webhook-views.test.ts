import { describe, expect, it } from 'vitest';
import { defaultWebhook, type WebhookRecord } from '../domain/webhook.js';
import { WebhookViews } from './webhook-views.js';

const hook = (id: number, extra: Partial<WebhookRecord> = {}): WebhookRecord => ({
  ...defaultWebhook(),
  WebhookId: id,
  Name: `Hook ${id} – “quoted” \u2028`,
  TargetUrl: `https://example.com/${id}`,
  ...extra,
});
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('WebhookViews', () => {
  it('writes exactly the JSON of the value it stands for, in every form', () => {
    const views = new WebhookViews();
    const records = [hook(1), hook(2, { Events: ['a.b'] }), hook(3)];
    const forms = [
      views.entity(records[0]!, undefined),
      views.entity(records[1]!, 'Name, events/x'),
      views.entityWithLinks(records[2]!, undefined, 'http://h:1'),
      views.entityWithLinks(records[2]!, 'TargetUrl', 'http://h:1/Cust1'),
      views.list(records, undefined),
      views.list(records, 'name'),
      views.list([], undefined),
    ];
    for (const form of forms) expect(text(form.bytes)).toBe(JSON.stringify(form.value()));
    expect(forms[3]!.value()).toMatchObject({
      Name: null,
      TargetUrl: 'https://example.com/3',
      _Links: { Self: 'http://h:1/Cust1/api/v1/Webhook/3' },
    });
  });

  it('encodes and checks a version once, however often and however it is read', () => {
    const checked: string[] = [];
    const views = new WebhookViews({
      check: (entity) => (checked.push(String(entity.Description)), undefined),
      report: () => undefined,
    });
    const v1 = hook(1);
    const first = views.entity(v1, undefined).bytes;
    expect(views.entity(v1, undefined).bytes).toBe(first);
    expect(views.list([v1], undefined).bytes).toEqual(Buffer.from(`[${text(first)}]`));
    views.entityWithLinks(v1, undefined, 'http://h');
    expect(views.entity(v1, 'Name,Events').bytes).toBe(views.entity(v1, 'events , NAME').bytes);
    expect(checked).toEqual(['null', 'null']); // the whole form, and one selection

    const v2 = { ...v1, Description: 'changed' };
    expect(text(views.entity(v2, undefined).bytes)).toContain('"Description":"changed"');
    expect(checked).toEqual(['null', 'null', 'changed']);
  });

  it('reports a form that breaks the response schema, and still serves what is stored', () => {
    const reports: string[] = [];
    const views = new WebhookViews({
      check: (entity) => (entity.Name === 'bad' ? 'Name is bad' : undefined),
      report: (problem) => reports.push(problem),
    });
    const bad = hook(9, { Name: 'bad' });
    expect(text(views.entity(bad, undefined).bytes)).toContain('"Name":"bad"');
    views.entity(bad, undefined);
    expect(reports).toEqual(['Webhook 9 does not match the response schema: Name is bad']);
  });

  it('keeps a bounded number of selections per version', () => {
    let checks = 0;
    const views = new WebhookViews({ check: () => (checks++, undefined), report: () => undefined });
    const v = hook(1);
    const fields = Object.keys(v);
    for (const field of fields) views.entity(v, field);
    const after = checks;
    // The selection just made is kept; the first ones were dropped to make room, so asking
    // again makes them anew (checked in this order, so the count of fields does not matter).
    views.entity(v, fields.at(-1));
    expect(checks).toBe(after);
    views.entity(v, fields[0]);
    expect(checks).toBe(after + 1);
  });
});
