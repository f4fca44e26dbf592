import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SCHEMA_PATH } from './fixture-schema.js';
import { FixtureError, loadFixture, stateFromFixture } from './fixtures.js';
import { loadContract, type Contract } from './http/contract.js';
import { FIXTURES_DIR, SPEC_PATH } from './paths.js';

const NOW = new Date('2026-01-02T03:04:05Z');
const fixtureNames = readdirSync(FIXTURES_DIR)
  .filter((f) => f.endsWith('.json') && f !== 'fixture.schema.json')
  .map((f) => f.slice(0, -'.json'.length));

const user = {
  UserName: 'tje0',
  Password: 'Tje0',
  Associate: { AssociateId: 5, Name: 'TJE0' },
};
const hook = { Name: 'x', Events: ['contact.created'], TargetUrl: 'https://example.com/hook' };

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

/** The message stateFromFixture throws for `data`, as if read from fixtures/x.json. */
function problem(data: unknown): string {
  try {
    stateFromFixture('fixtures/x.json', data, contract, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    return (error as Error).message;
  }
  throw new Error('the fixture was accepted');
}

describe('every fixture in fixtures/', () => {
  it('finds the named scenarios', () => {
    expect(fixtureNames).toEqual(
      expect.arrayContaining(['default', 'empty', 'crm-sync', 'failing-receiver', 'crmscript']),
    );
  });

  it.each(fixtureNames)('%s loads, points at the schema and says what it shows', async (name) => {
    const state = await loadFixture(name, contract, NOW);
    expect(state.users.length).toBeGreaterThan(0);
    expect(state.webhooks.map((w) => w.WebhookId)).toEqual(state.webhooks.map((_, i) => i + 1));
    const raw = JSON.parse(readFileSync(`${FIXTURES_DIR}${name}.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    expect(raw.$schema).toBe('./fixture.schema.json');
    expect(typeof raw.description).toBe('string');
  });
});

describe('fixture.schema.json', () => {
  const schema = JSON.parse(readFileSync(FIXTURE_SCHEMA_PATH, 'utf8')) as {
    $defs: Record<string, { properties?: Record<string, unknown> }>;
  };
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as {
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };

  it('carries every Webhook and Associate field of the spec', () => {
    for (const name of ['WebhookFields', 'Associate']) {
      const fields = Object.keys(spec.components.schemas[name]?.properties ?? {});
      expect(fields.length).toBeGreaterThan(10);
      expect(Object.keys(schema.$defs[name]?.properties ?? {})).toEqual(fields);
    }
  });

  it('is self-contained: every $ref points into its own $defs', () => {
    const refs = [...readFileSync(FIXTURE_SCHEMA_PATH, 'utf8').matchAll(/"\$ref": "([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, ref] of refs) {
      expect(schema.$defs[(ref ?? '').replace('#/$defs/', '')]).toBeDefined();
    }
  });
});

describe('a broken fixture names the file, the JSON path and the problem', () => {
  it.each([
    [
      'a State that is no State',
      { users: [user], webhooks: [{ ...hook, State: 'Running' }] },
      'fixtures/x.json: /webhooks/0/State: must be equal to one of the allowed values ("Unknown", "Active", "Stopped", "TooManyErrors")',
    ],
    [
      'a wrong type',
      { users: [user], webhooks: [{ ...hook, Events: 'contact.created' }] },
      'fixtures/x.json: /webhooks/0/Events: must be array or null',
    ],
    [
      'an unknown webhook field',
      { users: [user], webhooks: [hook, { ...hook, Colour: 'red' }] },
      'fixtures/x.json: /webhooks/1/Colour: unknown field',
    ],
    [
      'an unknown top-level field',
      { users: [user], hooks: [] },
      'fixtures/x.json: /hooks: unknown field',
    ],
    ['missing users', { webhooks: [] }, "fixtures/x.json: /: must have required property 'users'"],
    ['no users at all', { users: [] }, 'fixtures/x.json: /users: must NOT have fewer than 1 items'],
    [
      'a user without a password',
      { users: [{ UserName: 'a', Associate: { AssociateId: 1 } }] },
      "fixtures/x.json: /users/0: must have required property 'Password'",
    ],
    [
      'an associate without an id',
      { users: [{ ...user, Associate: { Name: 'A' } }] },
      "fixtures/x.json: /users/0/Associate: must have required property 'AssociateId'",
    ],
    [
      'a bad read-only associate',
      { users: [user], webhooks: [{ ...hook, RegisteredAssociate: { AssociateId: 'five' } }] },
      'fixtures/x.json: /webhooks/0/RegisteredAssociate/AssociateId: must be integer',
    ],
    ['not an object', [], 'fixtures/x.json: /: must be object'],
  ])('%s', (_, data, expected) => {
    expect(problem(data)).toBe(expected);
  });

  it('lists every problem, one line each', () => {
    const lines = problem({
      users: [{ ...user, Password: 7 }],
      webhooks: [{ ...hook, NotifyWhen: 'Sometimes' }],
    }).split('\n');
    expect(lines).toEqual([
      'fixtures/x.json: /users/0/Password: must be string',
      'fixtures/x.json: /webhooks/0/NotifyWhen: must match pattern "^(None|FirstFailure|Disabling)(, ?(None|FirstFailure|Disabling))*$"',
    ]);
  });
});

describe('loadFixture on files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fixture-schema-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports bad JSON with the file, line and column', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{\n  "users": [,]\n}\n');
    await expect(loadFixture(file, contract, NOW)).rejects.toThrow(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON at line 2, column 13: `,
      ),
    );
  });

  it('reports an unknown fixture name', async () => {
    await expect(loadFixture('no-such-fixture', contract, NOW)).rejects.toThrow(
      /no-such-fixture\.json: no such fixture/,
    );
  });

  it('validates a file like a named fixture', async () => {
    const file = join(dir, 'state.json');
    writeFileSync(file, JSON.stringify({ users: [user], webhooks: [{ ...hook, State: 5 }] }));
    await expect(loadFixture(file, contract, NOW)).rejects.toThrow(
      `${file}: /webhooks/0/State: must be string`,
    );
  });
});

describe('what a fixture seeds', () => {
  it('keeps read-only statistics, ignores a WebhookId, and fills Tickets and Tokens', () => {
    const state = stateFromFixture(
      'fixtures/x.json',
      {
        contextIdentifier: 'Cust1234',
        users: [user],
        webhooks: [{ ...hook, WebhookId: 40, ConsecutiveErrors: 7, LastError: 'boom' }],
      },
      contract,
      NOW,
    );
    expect(state.contextIdentifier).toBe('Cust1234');
    expect(state.users[0]).toMatchObject({ Tickets: [], Tokens: [] });
    expect(state.webhooks[0]).toMatchObject({
      WebhookId: 1,
      ConsecutiveErrors: 7,
      LastError: 'boom',
      TotalCalls: 0,
      Registered: NOW.toISOString(),
      RegisteredAssociate: user.Associate,
      State: 'Active',
    });
    expect(state.nextId).toBe(2);
  });
});
