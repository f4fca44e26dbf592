// The dashboard's tenant picker in a browser: choosing a tenant shows its page, whose signal
// form reaches that tenant's API (its delivery lands in its own inbox view, live), whose API
// calls show live in the requests panel, and whose reset resets that tenant only.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { BASIC } from '../support/spawn-server.js';
import { launchChromium } from './harness.js';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  // Opens the tenant, as its first API call does.
  await fetch(`${server.url}/Cust71/api/v1/Webhook`, { headers: { authorization: BASIC } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('dashboard tenant picker', { timeout: 60_000 }, () => {
  it("signals, shows and resets the chosen tenant's data", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await page.goto(`${server.url}/`);
      await page.locator('#live-status.on').waitFor();
      await Promise.all([
        page.waitForURL(/\?tenant=Cust71$/),
        page.selectOption('#tenant-picker select', 'Cust71'),
      ]);
      await page.locator('#live-status.on').waitFor();

      await page.click('#signal-form button[type=submit]');
      const arrived = page.locator('#inbox-list li', { hasText: 'Cust71' });
      await arrived.first().waitFor();
      await page
        .locator('#request-list li', { hasText: '/Cust71/api/v1/Agents/Webhook/SignalEvent' })
        .first()
        .waitFor();
      const tenant = await server.tenants.get('Cust71');
      expect(tenant.store.signals()).toHaveLength(1);
      expect(server.store.signals()).toEqual([]);

      await page.selectOption('#reset-form select', 'empty');
      const reloaded = page.waitForEvent('load');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.click('#reset-form button[type=submit]');
      await reloaded;
      expect(tenant.store.list()).toEqual([]);
      expect(server.store.list().length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
