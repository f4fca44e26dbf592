// The dashboard's "Check a receiver" card in a real browser: the form posts as JSON through
// the control plane, and the verdicts of a correct receiver and a faulty one are listed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import type { LocalListener } from '../../src/platform/local-listener.js';
import { startSampleReceiver } from '../../conformance/test-support/sample-receivers.js';
import { launchChromium } from './harness.js';

const SECRET = 'browser s3cret';
let browser: Browser;
let server: RunningServer;
const receivers: LocalListener[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  receivers.push(await startSampleReceiver('correct', { secret: SECRET }));
  receivers.push(await startSampleReceiver('rejects-test-event', { secret: SECRET }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all(receivers.map((r) => r.close()));
});

async function check(page: Page, url: string): Promise<string> {
  await page.fill('#check-receiver-form [name=url]', url);
  await page.fill('#check-receiver-form [name=secret]', SECRET);
  await page.check('#check-receiver-form [name=strict]');
  await page.click('#check-receiver-form button[type=submit]');
  await page.locator('#check-receiver-result ul.verdicts li').first().waitFor();
  return page.locator('#check-receiver-result').innerText();
}

describe('Check a receiver', { timeout: 60_000 }, () => {
  it('lists the verdicts of a correct receiver and a faulty one', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/`);
    const [correct, faulty] = receivers;
    const good = await check(page, `${correct?.url}/hook`);
    expect(good).toMatch(/\d+ passed, 0 failed, 0 errors, 0 skipped/);
    expect(good).toContain('receiver.raw-bytes.non-ascii');
    expect(good).toContain('source: https://docs.superoffice.com/');
    const bad = await check(page, `${faulty?.url}/hook`);
    expect(bad).toMatch(/\d+ passed, 1 failed/);
    expect(bad).toMatch(/the real server refuses to save a webhook/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
