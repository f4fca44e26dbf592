// A mutant that breaks loading the mock or the suite (code run once, at import) makes
// conformance.mutation.ts fail to collect its cases, and StrykerJS counts a run in which no test
// ran as a survivor. Here the imports and the start happen inside a test, so such a mutant fails
// it: a mock that does not load or start is as observable as one that answers wrongly.
import { expect, it } from 'vitest';

it('the mock loads, starts and answers a list', async () => {
  const { startServer } = await import('../../src/server.js');
  const { ALL_CASES } = await import('../cases/index.js');
  expect(ALL_CASES.length).toBeGreaterThan(0);
  const server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on' });
  try {
    const res = await fetch(`${server.url}/api/v1/Webhook`, {
      headers: { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` },
    });
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  } finally {
    await server.close();
  }
});
