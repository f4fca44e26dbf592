// Finding: `Prefer: delay=` and `fault=` ran before authentication. A caller without
// credentials could hold a socket for 70 s (past the request timeout) or have connections
// reset. Chaos now applies only to authenticated API requests, and a delay is capped below
// the request timeout (src/platform/limits.ts).
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import { BASIC, createTestApp, errorOf } from '../support/test-app.js';

async function sleepRecordingApp() {
  const t = await createTestApp();
  const slept: number[] = [];
  const app = createApp({
    contract: t.contract,
    store: t.store,
    deliveries: t.dispatcher,
    limits: { ...DEFAULT_LIMITS },
    chaos: {
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    },
  });
  return { app, slept };
}

describe('Prefer chaos waits for authentication', () => {
  it('delay=70000 without credentials is a 401 at once, with no sleep', async () => {
    const { app, slept } = await sleepRecordingApp();
    const response = await app.request('/api/v1/Webhook', { headers: { prefer: 'delay=7000' } });
    expect(response.status).toBe(401);
    expect(slept).toEqual([]);
  });

  it('fault=reset without credentials is a 401, not a broken connection', async () => {
    const { app } = await sleepRecordingApp();
    const response = await app.request('/api/v1/Webhook', { headers: { prefer: 'fault=reset' } });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).ErrorType).toBe('SoCredentialsInvalidException');
  });

  it('with credentials the delay still applies', async () => {
    const { app, slept } = await sleepRecordingApp();
    const response = await app.request('/api/v1/Webhook', {
      headers: { prefer: 'delay=250', authorization: BASIC },
    });
    expect(response.status).toBe(200);
    expect(slept).toEqual([250]);
  });

  it('a delay is capped below the request timeout: delay=70000 is a 400', async () => {
    expect(DEFAULT_LIMITS.maxDelayMs).toBeLessThan(DEFAULT_LIMITS.requestTimeoutMs);
    const { app, slept } = await sleepRecordingApp();
    const response = await app.request('/api/v1/Webhook', {
      headers: { prefer: 'delay=70000', authorization: BASIC },
    });
    expect(response.status).toBe(400);
    expect(slept).toEqual([]);
  });
});
