// Drives the web UI in a real browser (playwright-core with the system Chromium or the one an
// npm package ships, see find-chromium.ts): the dashboard shows a signalled event's deliveries live over server-sent events,
// and the API reference performs a "Try it out" call against the running mock. With
// UPDATE_SCREENSHOTS=1 it refreshes the screenshots the docs show (docs/*.png); otherwise
// it writes them to a temp dir, so a test run never changes tracked files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { launchChromium, ROOT, writeFixture } from './harness.js';

let SHOTS = join(ROOT, 'docs');

let browser: Browser;
let server: RunningServer;
let receiver: Receiver;
let workDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  workDir = await mkdtemp(join(tmpdir(), 'so-webhook-mock-browser-'));
  // Only the test reads UPDATE_SCREENSHOTS; the product reads its environment in src/config.ts.
  if (process.env.UPDATE_SCREENSHOTS !== '1') SHOTS = workDir;
  receiver = await startReceiver();
  receiver.script('/analytics', [{ status: 500, body: 'analytics is down' }]);
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    fixture: await writeFixture(workDir, receiver.url),
    // The documented retry delays (1 s, 4 s) shrunk a hundredfold.
    timeScale: 0.01,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await receiver?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const pageProblems = new WeakMap<Page, string[]>();

/** Opens a page that records script errors and failed requests, for closePage to check. */
async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  // Below vitest's own timeout, so a missing element fails with Playwright's description.
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  pageProblems.set(page, problems);
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => {
    // The live feed is cancelled when the page closes; no other request may fail.
    if (!request.url().endsWith('/__admin/events')) problems.push(`failed: ${request.url()}`);
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

async function closePage(page: Page): Promise<void> {
  await page.close();
  expect(pageProblems.get(page)).toEqual([]);
}

// A browser on a busy two-core CI machine is slow; the waits are bounded, not sleeps.
const SLOW = { timeout: 60_000 };

describe('dashboard', SLOW, () => {
  it('shows a signalled event delivered, live, without reloading', async () => {
    const page = await openPage('/');
    await page.locator('#live-status.on').waitFor();
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    await page.fill('#signal-form [name=event]', 'contact.created');
    await page.fill('#signal-form [name=primaryKey]', '42');
    await page.fill('#signal-form [name=data]', '{ "name": "Acme Inc.", "number1": "42" }');
    await page.click('#signal-form button[type=submit]');

    const delivered = page.locator('li.delivery[data-state=succeeded]', {
      hasText: 'Order service',
    });
    await delivered.waitFor();
    const ok = page.locator(`#${await delivered.getAttribute('id')}`);
    await expect(ok.locator('[data-role=status]').textContent()).resolves.toBe('200');
    const failed = page.locator('li.delivery[data-state=failed]', { hasText: 'Analytics' });
    await failed.waitFor();
    await expect(failed.locator('.tries').textContent()).resolves.toBe('3 attempts');
    // Counters count attempts (docs/sources.md §3d): the failing hook was called three times.
    const counter = (id: number, name: string, value: number) =>
      page.locator(`#webhook-${id} [data-counter=${name}]`, { hasText: new RegExp(`^${value}$`) });
    await counter(2, 'TotalErrors', 3).waitFor();
    await counter(2, 'ConsecutiveErrors', 1).waitFor();
    await counter(1, 'TotalCalls', 1).waitFor();
    expect(await page.evaluate(() => 'notReloaded' in globalThis)).toBe(true);

    const [sent] = receiver.requests('/orders').filter((r) => r.headers['x-hook-test'] !== '1');
    expect(JSON.parse(sent?.text ?? '{}')).toMatchObject({
      Event: 'contact.created',
      PrimaryKey: 42,
      FieldValues: { name: 'Acme Inc.' },
    });

    await ok.locator('button[data-replay]').click();
    const original = (await ok.getAttribute('id'))?.replace('delivery-', '');
    await page
      .locator('li.delivery[data-state=succeeded]', { hasText: `replay of #${original}` })
      .waitFor();

    await ok.locator('summary').click({ position: { x: 20, y: 12 } });
    await ok.locator('.detail pre').waitFor();
    await page.locator('#flash:not(.show)').waitFor(); // the toast would cover the screenshot
    await page.screenshot({
      path: join(SHOTS, 'dashboard.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await closePage(page);
  });
});

describe('API reference', SLOW, () => {
  it('renders the spec and performs a "Try it out" call against the mock', async () => {
    const page = await openPage('/docs');
    const operation = page.locator('#operations-Webhook-getDefaultWebhook');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status');
    await status.first().waitFor();
    await expect(status.first().textContent()).resolves.toContain('200');
    await expect(
      operation.locator('.live-responses-table .microlight').first().textContent(),
    ).resolves.toContain('"Events"');
    await page.setViewportSize({ width: 1440, height: 1640 });
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: join(SHOTS, 'docs-page.png'), animations: 'disabled' });
    await closePage(page);
  });

  it('sends a SOTicket entered in the Authorize dialog', async () => {
    const page = await openPage('/docs');
    await page.click('.auth-wrapper button.authorize');
    // The page pre-authorized Basic; switch to the ticket, as the page's own text tells.
    const basic = page.locator('.auth-container', { hasText: 'Authorization: Basic' });
    await basic.locator('button', { hasText: 'Logout' }).click();
    const ticket = page.locator('.auth-container', { hasText: 'SOTicket' });
    await ticket.locator('input').fill('SOTicket 7T:mock-ticket-tje0');
    await ticket.locator('button.authorize').click();
    await page.click('.modal-ux button.close-modal');

    const operation = page.locator('#operations-Webhook-getDefaultWebhook');
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    await operation.locator('.live-responses-table .response').first().waitFor();
    const curl = await operation.locator('.curl-command').textContent();
    expect(curl).toContain('Authorization: SOTicket 7T:mock-ticket-tje0');
    expect(curl).not.toContain('Basic');
    const status = operation.locator('.live-responses-table .response .response-col_status');
    await expect(status.first().textContent()).resolves.toContain('200');
    await closePage(page);
  });
});
