// What the browser test needs around it: a Chromium (see find-chromium.ts; failing loudly
// when none can be had), and a fixture whose webhooks point at a local receiver.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { findChromium } from './find-chromium.js';
import { shippedChromium } from './shipped-chromium.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Not a skip: a machine with only Node has the npm-shipped Chromium, so none is a failure. */
export async function launchChromium(): Promise<Browser> {
  const choice = await findChromium({
    // Only the tests read these; the product reads its environment in src/config.ts.
    env: process.env,
    exists: existsSync,
    shipped: () => shippedChromium(join(ROOT, 'node_modules/.cache/so-webhook-mock')),
  });
  // launch() gives the browser a fresh temporary profile (its own --user-data-dir).
  const browser = await chromium.launch({
    executablePath: choice.executablePath,
    args: CHROMIUM_ARGS,
    env: { ...process.env, ...choice.env },
  });
  console.info(`browser test: Chromium ${browser.version()} (${choice.source})`);
  return browser;
}

/** Four hooks a developer might have: two listen to the event we signal, one always fails. */
export async function writeFixture(dir: string, target: string): Promise<string> {
  const base = JSON.parse(await readFile(join(ROOT, 'fixtures/default.json'), 'utf8')) as {
    users: unknown[];
  };
  const hook = (fields: Record<string, unknown>) => ({
    State: 'Active',
    Type: 'webhook',
    ...fields,
  });
  const fixture = {
    users: base.users,
    webhooks: [
      hook({
        Name: 'Order service',
        Events: ['contact.created', 'contact.changed'],
        TargetUrl: `${target}/orders`,
        Secret: 'whsec_orders_2024',
        Description: 'Receives every contact change.',
      }),
      hook({
        Name: 'Analytics (flaky)',
        Events: ['contact.created'],
        TargetUrl: `${target}/analytics`,
        Secret: 'whsec_analytics',
        Description: 'Answers 500: watch the retries.',
      }),
      hook({
        Name: 'CRM sync',
        Events: ['person.changed'],
        TargetUrl: `${target}/crm`,
        Secret: null,
        State: 'Stopped',
      }),
      hook({
        Name: 'Sale won script',
        Events: ['sale.sold'],
        TargetUrl: 'SaleWonHandler',
        Type: 'crmscript',
        Secret: null,
      }),
    ],
  };
  const file = join(dir, 'browser.json');
  await writeFile(file, JSON.stringify(fixture));
  return file;
}
