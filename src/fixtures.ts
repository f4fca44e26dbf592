// Fixtures seed a new store: users (credentials and their associate) and webhooks. Every
// webhook is bound and validated against the spec's Webhook schema like a SaveWebhook body, so
// a broken fixture fails with the file, the path and the problem.
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { buildSaved, type WebhookInput } from './domain/save.js';
import { bindToSchema } from './http/binding.js';
import type { Contract } from './http/contract.js';
import { FIXTURES_DIR } from './paths.js';
import { emptyState, type StoreState, type UserRecord } from './store/state.js';

export class FixtureError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A bare name means fixtures/<name>.json; anything with a slash or .json is a file path. */
export function fixturePath(nameOrFile: string): string {
  if (/[\\/]|\.json$/i.test(nameOrFile)) {
    return isAbsolute(nameOrFile) ? nameOrFile : resolve(nameOrFile);
  }
  return `${FIXTURES_DIR}${nameOrFile}.json`;
}

function fail(file: string, path: string, problem: string): never {
  throw new FixtureError(`${file}: ${path}: ${problem}`);
}

function checkUser(file: string, user: unknown, i: number): UserRecord {
  const at = `/users/${i}`;
  if (!isObject(user)) fail(file, at, 'must be an object');
  for (const key of ['UserName', 'Password'] as const) {
    if (typeof user[key] !== 'string' || user[key] === '')
      fail(file, `${at}/${key}`, 'must be a non-empty string');
  }
  for (const key of ['Tickets', 'Tokens'] as const) {
    const list = user[key] ?? [];
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) {
      fail(file, `${at}/${key}`, 'must be an array of strings');
    }
  }
  if (!isObject(user.Associate) || typeof user.Associate.AssociateId !== 'number') {
    fail(file, `${at}/Associate`, 'must be an Associate with an AssociateId');
  }
  return { Tickets: [], Tokens: [], ...user } as unknown as UserRecord;
}

function checkWebhook(file: string, contract: Contract, webhook: unknown, i: number): WebhookInput {
  const bound = bindToSchema(webhook, contract.requestSchema('saveWebhook', 'application/json'));
  const problems = contract.validateRequest('saveWebhook', {
    method: 'POST',
    path: '/api/v1/Agents/Webhook/SaveWebhook',
    headers: { 'content-type': 'application/json' },
    body: bound,
  });
  if (problems.length > 0) {
    const detail = problems.map(
      (p) => `${p.location.replace(/^body\.?/, '') || '(webhook)'}: ${p.message}`,
    );
    fail(file, `/webhooks/${i}`, detail.join('; '));
  }
  return bound as WebhookInput;
}

export function stateFromFixture(
  file: string,
  data: unknown,
  contract: Contract,
  now: Date,
): StoreState {
  if (!isObject(data)) fail(file, '/', 'a fixture is a JSON object');
  const users = Array.isArray(data.users) ? data.users : fail(file, '/users', 'must be an array');
  const hooks = data.webhooks ?? [];
  if (!Array.isArray(hooks)) fail(file, '/webhooks', 'must be an array');
  const state = emptyState();
  state.users = users.map((u, i) => checkUser(file, u, i));
  if (typeof data.contextIdentifier === 'string') state.contextIdentifier = data.contextIdentifier;
  const associate = state.users[0]?.Associate ?? null;
  state.webhooks = hooks.map((w, i) => ({
    ...buildSaved(undefined, checkWebhook(file, contract, w, i), { now, associate }),
    WebhookId: i + 1,
  }));
  state.nextId = state.webhooks.length + 1;
  return state;
}

export async function loadFixture(
  nameOrFile: string,
  contract: Contract,
  now: Date,
): Promise<StoreState> {
  const file = fixturePath(nameOrFile);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new FixtureError(
      `${file}: no such fixture (a name from fixtures/, or a path to a .json file)`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  return stateFromFixture(file, data, contract, now);
}
