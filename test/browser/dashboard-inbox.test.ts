// The dashboard with the default fixture and nothing else running: the signal form's default
// event reaches the built-in inbox and shows up there live, verified; the reset list offers
// fixtures only, and a reset asks first.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchChromium } from './harness.js';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  browser = await launchChromium();
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openDashboard(): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.url}/`);
  await page.locator('#live-status.on').waitFor();
  return page;
}

describe('dashboard with the default fixture', { timeout: 60_000 }, () => {
  it('shows the default signal arriving, verified, in the inbox', async () => {
    const page = await openDashboard();
    try {
      await page.click('#signal-form button[type=submit]');
      const arrived = page.locator('#inbox-list li', { hasText: 'tickets' });
      await arrived.first().waitFor();
      await expect(arrived.first().locator('[data-role=signature]').textContent()).resolves.toBe(
        'verified',
      );
      expect(server.inbox.list('tickets')[0]).toMatchObject({ Signature: 'verified' });
    } finally {
      await page.close();
    }
  });

  it('offers fixtures only, and resets only when the user confirms', async () => {
    const page = await openDashboard();
    try {
      const options = await page.locator('#reset-form option').allTextContents();
      expect(options).toContain('default');
      expect(options).not.toContain('fixture.schema');

      await page.selectOption('#reset-form select', 'empty');
      let asked = '';
      page.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.dismiss();
      });
      await page.click('#reset-form button[type=submit]');
      expect(asked).toContain('"empty"');
      expect(server.store.list().length).toBeGreaterThan(0);

      const reloaded = page.waitForEvent('load');
      page.once('dialog', (dialog) => void dialog.accept());
      await page.click('#reset-form button[type=submit]');
      await reloaded;
      expect(server.store.list()).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
