// Fixtures seed a new store: users (credentials and their associate) and webhooks. A fixture
// is validated against fixtures/fixture.schema.json, which scripts/fixture-schema.mjs derives
// from the spec's Webhook and Associate schemas, so a broken fixture fails with the file, the
// JSON path and the problem, and a fixture can never hold a webhook the API would refuse.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { buildSaved, type WebhookInput } from './domain/save.js';
import { READ_ONLY_FIELDS, type WebhookRecord } from './domain/webhook.js';
import { fixtureProblems } from './fixture-schema.js';
import { bindToSchema } from './http/binding.js';
import type { Contract } from './http/contract.js';
import { jsonErrorPosition } from './json-error-position.js';
import { FIXTURES_DIR } from './paths.js';
import { emptyState, type StoreState, type UserRecord } from './store/state.js';

export class FixtureError extends Error {}

/** What fixtures/fixture.schema.json guarantees once a fixture has passed it. */
interface FixtureData {
  contextIdentifier?: string;
  users: (Omit<UserRecord, 'Tickets' | 'Tokens'> & Partial<UserRecord>)[];
  webhooks?: Record<string, unknown>[];
}

/** A bare name means fixtures/<name>.json; anything with a slash or .json is a file path. */
export function fixturePath(nameOrFile: string): string {
  if (/[\\/]|\.json$/i.test(nameOrFile)) {
    return isAbsolute(nameOrFile) ? nameOrFile : resolve(nameOrFile);
  }
  return `${FIXTURES_DIR}${nameOrFile}.json`;
}

/** The fixture names in `dir` (fixtures/ by default), sorted; the schema is not a fixture. */
export async function fixtureNamesIn(dir: string = FIXTURES_DIR): Promise<string[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch {
    return [];
  }
  return files
    .filter((file) => file.endsWith('.json') && !file.endsWith('.schema.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** `fixtures/x.json` below the working directory, the absolute path elsewhere. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

function validated(file: string, data: unknown): FixtureData {
  const problems = fixtureProblems(data);
  if (problems.length > 0) {
    throw new FixtureError(problems.map((p) => `${shown(file)}: ${p}`).join('\n'));
  }
  return data as FixtureData;
}

/** Read-only fields a fixture gives are kept: it may show a hook that has already failed. */
function readOnlyGiven(webhook: Record<string, unknown>): Partial<WebhookRecord> {
  const kept = Object.entries(webhook).filter(
    ([key]) => key !== 'WebhookId' && READ_ONLY_FIELDS.has(key as keyof WebhookRecord),
  );
  return Object.fromEntries(kept) as Partial<WebhookRecord>;
}

export function stateFromFixture(
  file: string,
  data: unknown,
  contract: Contract,
  now: Date,
): StoreState {
  const fixture = validated(file, data);
  const state = emptyState();
  state.users = fixture.users.map((u) => ({
    ...u,
    Tickets: u.Tickets ?? [],
    Tokens: u.Tokens ?? [],
  }));
  if (fixture.contextIdentifier !== undefined) state.contextIdentifier = fixture.contextIdentifier;
  const associate = state.users[0]?.Associate ?? null;
  const schema = contract.requestSchema('saveWebhook', 'application/json');
  state.webhooks = (fixture.webhooks ?? []).map((webhook, i) => ({
    // Bound like a SaveWebhook body, so the stored record is what the API would store.
    ...buildSaved(undefined, bindToSchema(webhook, schema) as WebhookInput, { now, associate }),
    ...readOnlyGiven(webhook),
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
    const names = await fixtureNamesIn();
    throw new FixtureError(
      `${shown(file)}: no such fixture (a name from fixtures/, or a path to a .json file)` +
        (names.length > 0 ? `; the fixtures are: ${names.join(', ')}` : ''),
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = jsonErrorPosition(text);
    const where = at ? ` at line ${at.line}, column ${at.column}` : '';
    throw new FixtureError(`${shown(file)}: not valid JSON${where}: ${(error as Error).message}`);
  }
  return stateFromFixture(file, data, contract, now);
}
