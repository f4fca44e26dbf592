// What the browser test needs around it: Debian's Chromium (failing loudly when it is absent),
// and a fixture whose webhooks point at a local receiver.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
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

/** Not a skip: CI installs Chromium, so its absence is a broken machine, not a choice. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Chromium at ${CHROMIUM}. Install it with ` +
        '`apt-get update && apt-get install -y chromium` (.ci/run does this when it is missing).',
    );
  }
  // launch() gives the browser a fresh temporary profile (its own --user-data-dir).
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
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
