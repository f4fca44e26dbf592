// The fuzzer passes a correct server and fails one that answers 500 where a 400 is due; the same
// seed generates the same requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/http/contract.js';
import { startServer } from '../../src/server.js';
import { runConformance } from '../run.js';
import { startMutatingProxy } from '../test-support/mutating-proxy.js';
import { fuzzCase } from './fuzz-case.js';
import { generateRequest, seededRandom } from './generate.js';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on' });
});
afterAll(async () => {
  await server?.close();
});

const run = (target: string) =>
  runConformance({
    target,
    credentials: { user: 'tje0', password: 'Tje0' },
    cases: [fuzzCase(60)],
    handleSignals: false,
    seed: 7,
    // The fuzz case judges the error shape, a choice of the contract (C2): strict fails it.
    strict: true,
  });

describe('--fuzz', () => {
  it('passes a correct server and notes its seed', async () => {
    const [verdict] = (await run(server.url)).verdicts;
    expect(verdict?.status, verdict?.reason).toBe('passed');
    expect(verdict?.notes).toEqual(['seed 7, 60 requests over 18 operations']);
  });

  it('fails a server that answers 500 to a bad PUT, naming the request and the seed', async () => {
    const proxy = await startMutatingProxy(server.url, {
      response: (res, req) =>
        req.method === 'PUT' && res.status === 400 ? { ...res, status: 500 } : res,
    });
    try {
      const [verdict] = (await run(proxy.url)).verdicts;
      expect(verdict?.status).toBe('failed');
      expect(verdict?.reason).toMatch(/replay with --fuzz 60 --seed 7: #\d+ PUT \S+.*answered 500/);
    } finally {
      await proxy.close();
    }
  });

  it('generates the same requests from the same seed', async () => {
    const contract = await loadContract();
    const values = { webhookId: 1, name: 'n', event: 'a.b', targetUrl: 'http://127.0.0.1:1/x' };
    const batch = (seed: number) => {
      const random = seededRandom(seed);
      return contract.operations.map((op) => {
        const { operation: _op, ...req } = generateRequest(contract, op, values, random);
        return req;
      });
    };
    expect(batch(3)).toEqual(batch(3));
    expect(batch(3)).not.toEqual(batch(4));
  });
});
