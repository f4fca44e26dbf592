import { describe, expect, it } from 'vitest';
import { delivery, webApp } from '../../test/support/web-test-kit.js';
import { COUNTER_MEANING } from './counter-legend.js';

const attempt = (Status: number) => ({
  At: '2024-05-01T08:09:11.000Z',
  Status,
  Error: null,
  LatencyMs: 3,
  ResponseHeaders: {},
  ResponseBody: '',
});

/** The HTML of one delivery's list item. */
const item = (html: string, id: number) =>
  new RegExp(`<li class="delivery" id="delivery-${id}"[\\s\\S]*?</li>`).exec(html)?.[0] ?? '';

const escaped = (text: string) => text.replaceAll("'", '&#39;');

describe('what the dashboard says its counters count', () => {
  it('explains each counter under the webhooks and on its column heading', async () => {
    const { app } = webApp();
    const html = await (await app.request('http://127.0.0.1:4321/')).text();
    const legend = /<dl class="legend sub" id="counter-legend">[\s\S]*?<\/dl>/.exec(html)?.[0];
    for (const [counter, meaning] of Object.entries(COUNTER_MEANING)) {
      expect(legend).toContain(`<dt>${counter}</dt><dd>${escaped(meaning)}</dd>`);
      expect(html).toContain(` title="${escaped(meaning)}">${counter}</th>`);
    }
    expect(COUNTER_MEANING.TotalCalls).toMatch(/still retrying is added when it ends/);
  });

  it('marks the attempts of a delivery still retrying as not yet in TotalCalls', async () => {
    const { app, store } = webApp();
    await store.addDelivery(delivery({ State: 'pending', Attempts: [attempt(500), attempt(500)] }));
    await store.addDelivery(
      delivery({ State: 'failed', Attempts: [attempt(500), attempt(500), attempt(500)] }),
    );
    await store.addDelivery(delivery({ State: 'pending', Attempts: [] }));
    const html = await (await app.request('http://127.0.0.1:4321/')).text();
    expect(item(html, 1)).toContain('2 attempts<span class="uncounted">not in TotalCalls yet');
    expect(item(html, 2)).toContain('<span class="tries">3 attempts</span>');
    expect(item(html, 3)).toContain('<span class="tries">0 attempts</span>');
  });
});
