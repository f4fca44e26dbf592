// Finding: off loopback, the published default login (tje0/Tje0) opened the control plane too:
// --admin-token added a way in instead of replacing it. Now only the token opens it, and a
// server off loopback without one keeps it closed.
import { afterEach, describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../src/mock.js';
import { BASIC } from '../support/test-app.js';

const TOKEN = 'a-long-admin-token-for-tests';
const PROTECTED = ['/', '/docs', '/__admin/deliveries', '/__admin/inbox', '/__inbox/tickets'];

let mock: Mock | undefined;
afterEach(async () => {
  mock?.endStreams();
  await mock?.close();
  mock = undefined;
});

/** The mock as bound to a wildcard address, answered in process (tests bind no such socket). */
async function offLoopback(adminToken?: string): Promise<Mock> {
  mock = await createMock(
    { host: '0.0.0.0', db: ':memory:', ...(adminToken && { adminToken }) },
    'http://127.0.0.1:3000',
  );
  return mock;
}

const get = (m: Mock, path: string, authorization?: string) =>
  m.app.request(`http://127.0.0.1:3000${path}`, {
    headers: { host: '127.0.0.1:3000', ...(authorization && { authorization }) },
  });

describe('off loopback', () => {
  it.each(PROTECTED)(
    'the default login does not open %s, with or without a token',
    async (path) => {
      const closed = await offLoopback();
      const refused = await get(closed, path, BASIC);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('--admin-token');
      closed.endStreams();
      await closed.close();
      const guarded = await offLoopback(TOKEN);
      expect((await get(guarded, path, BASIC)).status).toBe(401);
    },
  );

  it.each(PROTECTED)('the admin token opens %s', async (path) => {
    const m = await offLoopback(TOKEN);
    expect((await get(m, path, `Bearer ${TOKEN}`)).status).toBe(200);
    const login = `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}`;
    expect((await get(m, path, login)).status).toBe(200);
  });

  it('the API keeps its own credentials', async () => {
    const m = await offLoopback(TOKEN);
    expect((await get(m, '/api/v1/Webhook', BASIC)).status).toBe(200);
    expect((await get(m, '/api/v1/Webhook', `Bearer ${TOKEN}`)).status).toBe(401);
  });
});
