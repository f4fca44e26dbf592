// The official TypeScript client, @superoffice/webapi, unchanged against the real listener: a
// client written for SuperOffice must work against the mock as it is (docs/sources.md §0.3, §2c).
// The client sends camelCase bodies, its own string `state` enum, Dates for the read-only
// fields it got back, and `null` bodies on the id-in-query calls.
import { createRequire } from 'node:module';
import type * as WebApiSdk from '@superoffice/webapi' with { 'resolution-mode': 'require' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';

// Its CommonJS build, as a Node client would load it. The types come from the same build: the
// ESM build's declarations use extensionless re-exports that NodeNext cannot follow.
const sdk = createRequire(import.meta.url)('@superoffice/webapi') as typeof WebApiSdk;
const { WebApi, WebhookState } = sdk;

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', verifyTargets: false });
});

afterAll(async () => {
  await server?.close();
});

/** A WebhookAgent as the client's README sets one up: WebApi(baseUrl) + credentials. */
function webhookAgent(password: string) {
  // WebApi keeps its credentials in a static shared by every instance until an agent is made,
  // so each agent is created right after its own authenticate call.
  const api = new WebApi(`${server.url}/api/`);
  api.authenticateWithPassword('tje0', password);
  return api.getWebhookAgent();
}

/** The HTTP status of a rejected axios call. */
async function rejectionStatus(call: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  const error: unknown = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  const response = (error as { response?: { status: number; data: unknown } } | undefined)
    ?.response;
  if (!response) throw new Error(`expected an HTTP error, got ${String(error)}`);
  return response;
}

describe('@superoffice/webapi WebhookAgent against the mock', () => {
  it('creates a default, saves, gets, lists with filters, updates and deletes a webhook', async () => {
    const agent = webhookAgent('Tje0');

    const blank = await agent.createDefaultWebhookAsync();
    expect(blank).toMatchObject({ webhookId: 0, state: WebhookState.Active, type: 'webhook' });

    blank.name = 'Official client hook';
    blank.events = ['contact.created', 'person.changed'];
    blank.targetUrl = 'https://example.com/official-client';
    blank.secret = 'official-secret';
    blank.headers = { 'X-Client': 'webapi' };
    blank.properties = { tenant: 'acme' };
    const saved = await agent.saveWebhookAsync(blank);
    expect(saved.webhookId).toBeGreaterThan(0);
    expect(saved).toMatchObject({
      name: 'Official client hook',
      events: ['contact.created', 'person.changed'],
      targetUrl: 'https://example.com/official-client',
      secret: 'official-secret',
      state: WebhookState.Active,
      type: 'webhook',
      headers: { 'X-Client': 'webapi' },
      properties: { tenant: 'acme' },
      registeredAssociate: { associateId: 5, userName: 'tje0' },
    });
    expect(saved.registered).toBeInstanceOf(Date);
    expect(Number.isNaN(saved.registered?.getTime())).toBe(false);

    expect(await agent.getWebhookAsync(saved.webhookId!)).toEqual(saved);
    // "Error message, or empty string if no errors received" (the client's getLastErrorAsync).
    expect(await agent.getLastErrorAsync(saved.webhookId!)).toBe('');
    expect(await agent.getLastErrorAsync({ webhookId: saved.webhookId! })).toBe('');

    const byName = await agent.getAllWebhooksAsync({
      nameFilter: 'official CLIENT HOOK',
      eventFilter: '',
      statusFilter: WebhookState.Unknown,
    });
    expect(byName.map((w) => w.webhookId)).toEqual([saved.webhookId]);
    const byEvent = await agent.getAllWebhooksAsync('', 'person.changed', WebhookState.Unknown);
    expect(byEvent.map((w) => w.webhookId)).toContain(saved.webhookId);
    expect(byEvent.every((w) => w.events?.includes('person.changed'))).toBe(true);
    const stopped = await agent.getAllWebhooksAsync('', '', WebhookState.Stopped);
    expect(stopped.length).toBeGreaterThan(0); // fixtures/default.json has a stopped hook
    expect(stopped.every((w) => w.state === WebhookState.Stopped)).toBe(true);
    expect(stopped.map((w) => w.webhookId)).not.toContain(saved.webhookId);

    // Update: the object the client got back, changed and saved again as it is.
    saved.name = 'Official client hook, renamed';
    saved.state = WebhookState.Stopped;
    const updated = await agent.saveWebhookAsync(saved);
    expect(updated).toMatchObject({
      webhookId: saved.webhookId,
      name: 'Official client hook, renamed',
      state: WebhookState.Stopped,
      registered: saved.registered,
    });
    const nowStopped = await agent.getAllWebhooksAsync(
      'Official client hook, renamed',
      '',
      WebhookState.Stopped,
    );
    expect(nowStopped.map((w) => w.webhookId)).toEqual([saved.webhookId]);

    await agent.deleteWebhookAsync(saved.webhookId!);
    // The Agent getter answers null for an unknown id (spec/README.md C4).
    expect(await agent.getWebhookAsync(saved.webhookId!)).toBeNull();
    const afterDelete = await agent.getAllWebhooksAsync(
      'official client',
      '',
      WebhookState.Unknown,
    );
    expect(afterDelete).toEqual([]);
  });

  it('a wrong password is a 401 in the error shape', async () => {
    const agent = webhookAgent('not-the-password');
    const { status, data } = await rejectionStatus(agent.createDefaultWebhookAsync());
    expect(status).toBe(401);
    expect(data).toMatchObject({ Error: true, ErrorType: 'SoCredentialsInvalidException' });
    const listing = await rejectionStatus(agent.getAllWebhooksAsync('', '', WebhookState.Unknown));
    expect(listing.status).toBe(401);
  });
});
