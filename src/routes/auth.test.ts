// Credentials on every API route (spec/README.md C3): Basic, SOTicket and Bearer with
// case-insensitive scheme names; anything else is 401 with WWW-Authenticate, and `--auth none`
// lets every request through as the fixture's first user.
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASIC,
  BEARER,
  createTestApp,
  errorOf,
  SOTICKET,
  specProblems,
  type TestApp,
} from '../../test/support/test-app.js';

let t: TestApp;
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A 401 in the error shape with the challenge, valid against the operation's 401 in the spec. */
async function expectUnauthorized(response: Response, operationId: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe(
    'Basic realm="SuperOffice", SOTicket, Bearer',
  );
  const error = await errorOf(response);
  expect(error).toMatchObject({
    ErrorType: 'SoCredentialsInvalidException',
    ErrorSource: 'SuperOffice.WebApi',
  });
  // Authentication runs before an operation is chosen, so the onResponse hook does not see
  // 401s; check them against the spec here.
  const headers = Object.fromEntries(response.headers);
  expect(specProblems(t.contract, { operationId, status: 401, headers, body: error })).toEqual([]);
}

describe('auth on (the default)', () => {
  it('answers 401 with WWW-Authenticate when no credentials are sent', async () => {
    t = await createTestApp();
    const response = await t.call('/api/v1/Webhook/1', { headers: { authorization: '' } });
    await expectUnauthorized(response, 'getWebhook');
  });

  it.each([
    ['a wrong password', basic('tje0', 'wrong')],
    ['the password in another case', basic('tje0', 'TJE0')],
    ['an unknown user', basic('nobody', 'Tje0')],
    ['Basic without a colon', `Basic ${Buffer.from('tje0').toString('base64')}`],
    ['a scheme alone', 'Basic'],
    ['an unknown ticket', 'SOTicket 7T:forged'],
    ['an unknown token', 'Bearer 8A:forged'],
    ['a ticket sent as a Bearer token', 'Bearer 7T:mock-ticket-tje0'],
    ['an unknown scheme', 'Digest username="tje0"'],
  ])('answers 401 for %s', async (_, authorization) => {
    t = await createTestApp();
    await expectUnauthorized(
      await t.call('/api/v1/Webhook', { headers: { authorization } }),
      'getWebhookList',
    );
  });

  it('stores nothing and pings nothing for a refused save', async () => {
    t = await createTestApp();
    const before = structuredClone(t.store.list());
    const response = await t.call('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      headers: { authorization: basic('tje0', 'nope') },
      body: { Name: 'x', TargetUrl: 'https://a.example/x' },
    });
    await expectUnauthorized(response, 'saveWebhook');
    expect(t.store.list()).toEqual(before);
    expect(t.sent).toEqual([]);
  });

  it.each([
    ['Basic', BASIC],
    ['Basic with the user name in another case', basic('TJE0', 'Tje0')],
    ['SOTicket', SOTICKET],
    ['soticket', 'soticket 7T:mock-ticket-tje0'],
    ['SoTicket (the pages spell it so)', 'SoTicket 7T:mock-ticket-tje0'],
    ['Bearer', BEARER],
    ['BEARER', 'BEARER 8A:mock-token-tje0'],
  ])('lets %s through', async (_, authorization) => {
    t = await createTestApp();
    const response = await t.call('/api/v1/Webhook/1', { headers: { authorization } });
    expect(response.status).toBe(200);
  });

  it('records the authenticated user as the associate of a save', async () => {
    t = await createTestApp();
    const response = await t.call('/api/v1/Webhook', {
      method: 'POST',
      headers: { authorization: BEARER },
      body: { Name: 'x', TargetUrl: 'https://a.example/x' },
    });
    expect(response.status).toBe(200);
    expect(t.store.get(4)?.RegisteredAssociate?.UserName).toBe('tje0');
  });

  it('guards the Agent surface and unknown paths under /api alike', async () => {
    t = await createTestApp();
    const none = { authorization: '' };
    await expectUnauthorized(
      await t.call('/api/v1/Agents/Webhook/CreateDefaultWebhook', {
        method: 'POST',
        headers: none,
      }),
      'createDefaultWebhook',
    );
    const unknown = await t.call('/api/v1/Nothing', { headers: none });
    expect(unknown.status).toBe(401);
  });
});

describe('auth none', () => {
  it('lets requests without credentials through', async () => {
    t = await createTestApp({ auth: 'none' });
    const response = await t.call('/api/v1/Webhook', { headers: { authorization: '' } });
    expect(response.status).toBe(200);
  });

  it('ignores wrong credentials', async () => {
    t = await createTestApp({ auth: 'none' });
    const response = await t.call('/api/v1/Webhook/1', {
      headers: { authorization: basic('nobody', 'x') },
    });
    expect(response.status).toBe(200);
  });

  it("saves as the fixture's first user", async () => {
    t = await createTestApp({ auth: 'none' });
    const response = await t.call('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      headers: { authorization: '' },
      body: { Name: 'x', TargetUrl: 'https://a.example/x' },
    });
    expect(response.status).toBe(200);
    expect(t.store.get(4)?.UpdatedAssociate?.AssociateId).toBe(5);
  });
});
