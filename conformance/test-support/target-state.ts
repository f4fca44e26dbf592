// What "the target's data" is for the tests that prove a run leaves it as it found it: every
// webhook as the API shows it (the list and each entity in full), and the store's records of
// webhooks, users and context. The store's logs — signals, deliveries, mails — and its id
// counter record what happened, not what the target holds, so they are left out.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../src/server.js';
import { basicAuthorization } from '../credentials.js';

export interface TargetState {
  list: unknown;
  entities: Record<number, unknown>;
  lastErrors: Record<number, unknown>;
  store: { webhooks: unknown; users: unknown; contextIdentifier: string };
}

async function getJson(server: RunningServer, path: string): Promise<unknown> {
  const res = await fetch(server.url + path, {
    headers: { authorization: basicAuthorization('tje0', 'Tje0'), accept: 'application/json' },
  });
  if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
  return res.json();
}

export async function targetState(server: RunningServer): Promise<TargetState> {
  const list = await getJson(server, '/api/v1/Webhook');
  const ids = (list as { WebhookId: number }[]).map((w) => w.WebhookId);
  const entities: Record<number, unknown> = {};
  const lastErrors: Record<number, unknown> = {};
  for (const id of ids) {
    entities[id] = await getJson(server, `/api/v1/Webhook/${id}`);
    lastErrors[id] = await getJson(server, `/api/v1/Webhook/${id}/LastError`);
  }
  return {
    list,
    entities,
    lastErrors,
    store: structuredClone({
      webhooks: server.store.list(),
      users: server.store.users(),
      contextIdentifier: server.store.contextIdentifier(),
    }),
  };
}

/**
 * The default fixture plus webhooks that look like a conformance run's own: one named with
 * another run's prefix, one on a `soconf.` event, one already failing. A run must touch none.
 */
export async function lookalikeFixture(): Promise<string> {
  const fixture = JSON.parse(
    await readFile(new URL('../../fixtures/default.json', import.meta.url), 'utf8'),
  ) as { webhooks: Record<string, unknown>[]; $schema?: string };
  delete fixture.$schema;
  fixture.webhooks.push(
    {
      Name: 'soconf-0badc0de left by another run',
      Events: ['soconf.0badc0de.operations.get'],
      TargetUrl: 'https://hooks.example.com/soconf/0badc0de',
      State: 'Active',
      Type: 'webhook',
    },
    {
      Name: 'soconf-lookalike without a run id',
      Events: ['contact.created', 'test'],
      TargetUrl: 'https://hooks.example.com/lookalike',
      Secret: 'lookalike-secret',
      State: 'TooManyErrors',
      Type: 'webhook',
    },
  );
  const dir = await mkdtemp(join(tmpdir(), 'soconf-fixture-'));
  const file = join(dir, 'lookalikes.json');
  await writeFile(file, JSON.stringify(fixture), 'utf8');
  return file;
}
