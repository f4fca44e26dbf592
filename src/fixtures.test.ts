import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixtureError, fixturePath, loadFixture, stateFromFixture } from './fixtures.js';
import { loadContract, type Contract } from './http/contract.js';
import { FIXTURES_DIR } from './paths.js';
import { STORE_FORMAT } from './store/state.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
let contract: Contract;
let dir: string;
beforeAll(async () => {
  contract = await loadContract();
  dir = await mkdtemp(join(tmpdir(), 'so-webhook-mock-fixtures-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const USER = {
  UserName: 'ada',
  Password: 'secret',
  Associate: { AssociateId: 7, Name: 'ADA' },
};
const fixture = (extra: Record<string, unknown> = {}) => ({ users: [USER], ...extra });
const fromData = (data: unknown) => stateFromFixture('f.json', data, contract, NOW);

describe('fixturePath', () => {
  it('takes a bare name from fixtures/', () => {
    expect(fixturePath('default')).toBe(`${FIXTURES_DIR}default.json`);
  });

  it('takes anything with a slash or .json as a path', () => {
    expect(fixturePath('mine.json')).toBe(resolve('mine.json'));
    expect(fixturePath('./data/x')).toBe(resolve('data/x'));
    expect(fixturePath('/abs/x.json')).toBe('/abs/x.json');
  });
});

describe('loadFixture', () => {
  it('loads fixtures/default.json: the sample user and three webhooks numbered 1..3', async () => {
    const state = await loadFixture('default', contract, NOW);
    expect(state.format).toBe(STORE_FORMAT);
    expect(state.users.map((u) => u.UserName)).toEqual(['tje0']);
    expect(state.webhooks.map((w) => [w.WebhookId, w.Name, w.State])).toEqual([
      [1, 'Ticket System Integration', 'Active'],
      [2, 'CRM sync', 'Stopped'],
      [3, 'Sale won script', 'Active'],
    ]);
    expect(state.nextId).toBe(4);
    expect(state.contextIdentifier).toBe('Default');
    expect(state.webhooks[0]).toMatchObject({
      Registered: NOW.toISOString(),
      Updated: NOW.toISOString(),
      TotalCalls: 0,
      LastError: null,
    });
    expect(state.webhooks[0]?.RegisteredAssociate?.AssociateId).toBe(5);
  });

  it('names the file when there is no such fixture', async () => {
    await expect(loadFixture('no-such-fixture', contract, NOW)).rejects.toThrow(
      /no-such-fixture\.json: no such fixture/,
    );
  });

  it('lists the fixtures there are, without the schema, when there is no such fixture', async () => {
    await expect(loadFixture('nosuch', contract, NOW)).rejects.toThrow(
      /nosuch\.json: no such fixture .*; the fixtures are: crm-sync, crmscript, default, empty, failing-receiver, many-webhooks$/,
    );
  });

  it('names the file when it is not JSON', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "users": [');
    const loading = loadFixture(file, contract, NOW);
    await expect(loading).rejects.toBeInstanceOf(FixtureError);
    await expect(loadFixture(file, contract, NOW)).rejects.toThrow(`${file}: not valid JSON`);
  });

  it('loads a fixture file by path', async () => {
    const file = join(dir, 'one.json');
    const hook = { Name: 'one', TargetUrl: 'https://a.example/one' };
    await writeFile(
      file,
      JSON.stringify(fixture({ webhooks: [hook], contextIdentifier: 'Cust1' })),
    );
    const state = await loadFixture(file, contract, NOW);
    expect(state.contextIdentifier).toBe('Cust1');
    expect(state.webhooks.map((w) => w.Name)).toEqual(['one']);
  });
});

describe('stateFromFixture', () => {
  it('stores webhooks as a SaveWebhook would, defaults filled in, ids numbered 1..n', () => {
    const state = fromData(
      fixture({ webhooks: [{ Name: 'a', TargetUrl: 'https://a.example', State: 'Stopped' }] }),
    );
    expect(state.webhooks[0]).toMatchObject({
      WebhookId: 1,
      Name: 'a',
      TargetUrl: 'https://a.example',
      State: 'Stopped',
      Type: 'webhook',
      Events: ['contact.created', 'contact.deleted'],
      ErrorsEmail: null,
      Registered: NOW.toISOString(),
    });
    expect(state.webhooks[0]?.RegisteredAssociate?.AssociateId).toBe(7);
    expect(state.nextId).toBe(2);
  });

  it('gives users empty ticket and token lists, and takes no webhooks as none', () => {
    const state = fromData(fixture());
    expect(state.users[0]).toMatchObject({ Tickets: [], Tokens: [] });
    expect(state.webhooks).toEqual([]);
    expect(state.nextId).toBe(1);
  });

  it('keeps the statistics a fixture gives (a hook that already failed) but numbers ids itself', () => {
    const hook = {
      WebhookId: 9,
      TargetUrl: 'https://a.example',
      State: 'TooManyErrors',
      TotalCalls: 27,
      TotalErrors: 27,
      ConsecutiveErrors: 9,
      LastError: 'HTTP/1.1 500 Internal Server Error\r\n\r\n',
    };
    const state = fromData(fixture({ webhooks: [hook] }));
    expect(state.webhooks[0]).toMatchObject({ ...hook, WebhookId: 1 });
  });

  it.each([
    ['a fixture that is not an object', [], /^f\.json: \/: /],
    ['users missing', {}, /^f\.json: \/: .*users/],
    ['a user that is not an object', { users: [1] }, /^f\.json: \/users\/0: /],
    ['a user without a password', { users: [{ ...USER, Password: '' }] }, /\/users\/0\/Password: /],
    ['tickets that are not strings', { users: [{ ...USER, Tickets: [1] }] }, /\/users\/0\/Tickets/],
    [
      'an associate without an id',
      { users: [{ ...USER, Associate: { Name: 'x' } }] },
      /\/users\/0\/Associate: .*AssociateId/,
    ],
    ['webhooks that are not a list', fixture({ webhooks: {} }), /^f\.json: \/webhooks: /],
  ])('refuses %s, naming file and path', (_, data, message) => {
    expect(() => fromData(data)).toThrow(FixtureError);
    expect(() => fromData(data)).toThrow(message);
  });

  it('refuses an invalid webhook, naming its index, the fields and every problem', () => {
    const hooks = [
      { TargetUrl: 'https://a.example' },
      { TargetUrl: 'https://b.example', State: 'Sleeping', Name: 5, Colour: 'red' },
    ];
    let message = '';
    try {
      fromData(fixture({ webhooks: hooks }));
    } catch (error) {
      expect(error).toBeInstanceOf(FixtureError);
      message = (error as Error).message;
    }
    expect(message).toContain('f.json: /webhooks/1/State: ');
    expect(message).toContain('f.json: /webhooks/1/Name: ');
    expect(message).toContain('f.json: /webhooks/1/Colour: ');
    expect(message).not.toContain('/webhooks/0');
  });
});
