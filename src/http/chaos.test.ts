// The chaos feature (src/http/chaos.ts, docs/api.md "Chaos"): latency and `Prefer: delay=` reach the
// injected sleep with the right milliseconds (createApp with a fake sleep, no real waiting);
// `Prefer: fault=` breaks a real 127.0.0.1 connection (startServer), and the server lives on.
import { connect } from 'node:net';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Env } from '../app.js';
import { ConfigError, parseLatency, parseServeArgs } from '../config.js';
import { stateFromFixture } from '../fixture-loader/fixtures.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import { startServer, type RunningServer } from '../server.js';
import { memoryStore } from '../store/memory-store.js';
import type { Deliveries } from '../delivery/deliveries.js';
import { BASIC, errorOf, sharedContract } from '../../test/support/test-app.js';
import type { ChaosOptions } from './chaos.js';

const quietDeliveries: Deliveries = {
  signal: () => Promise.resolve(),
  stateChanged: () => Promise.resolve(),
  verifyTarget: () => Promise.resolve(undefined),
  test: () => Promise.resolve({ Success: true, Message: null }),
  forget: () => Promise.resolve(),
};

interface ChaosApp {
  app: Hono<Env>;
  slept: number[];
}

async function chaosApp(options: Omit<ChaosOptions, 'sleep'> = {}): Promise<ChaosApp> {
  const contract = await sharedContract();
  const fixture = {
    users: [{ UserName: 'tje0', Password: 'Tje0', Associate: { AssociateId: 5 } }],
  };
  const state = stateFromFixture('chaos.json', fixture, contract, new Date());
  const slept: number[] = [];
  const app = createApp({
    contract,
    store: memoryStore(state),
    deliveries: quietDeliveries,
    limits: { ...DEFAULT_LIMITS },
    chaos: {
      ...options,
      sleep: (ms) => {
        slept.push(ms);
        return Promise.resolve();
      },
    },
  });
  return { app, slept };
}

const get = (app: Hono<Env>, prefer?: string) =>
  app.request('/api/v1/Webhook/default', {
    headers: { authorization: BASIC, ...(prefer === undefined ? {} : { prefer }) },
  });

describe('parseLatency (--latency <ms|min-max>)', () => {
  it('accepts 100 and 50-150', () => {
    expect(parseLatency('100')).toEqual({ min: 100, max: 100 });
    expect(parseLatency('50-150')).toEqual({ min: 50, max: 150 });
    expect(parseServeArgs(['--latency', '50-150'])).toMatchObject({
      latency: { min: 50, max: 150 },
    });
  });

  it.each(['150-50', 'abc', '', '-5', '10-', '1.5', '50-150-250'])('refuses %j', (value) => {
    expect(() => parseLatency(value)).toThrow(ConfigError);
  });
});

describe('latency and Prefer: delay= call the injected sleep', () => {
  it('sleeps not at all without latency or a delay preference', async () => {
    const { app, slept } = await chaosApp();
    expect((await get(app)).status).toBe(200);
    expect(slept).toEqual([]);
  });

  it('Prefer: delay=250 sleeps 250 ms, then answers normally', async () => {
    const { app, slept } = await chaosApp();
    const response = await get(app, 'delay=250');
    expect(response.status).toBe(200);
    expect(slept).toEqual([250]);
  });

  it('a fixed --latency 100 sleeps 100 ms on every API request', async () => {
    const { app, slept } = await chaosApp({ latency: { min: 100, max: 100 } });
    await get(app);
    await get(app);
    expect(slept).toEqual([100, 100]);
  });

  it('a --latency 50-150 range spans both ends, inclusive', async () => {
    const low = await chaosApp({ latency: { min: 50, max: 150 }, random: () => 0 });
    await get(low.app);
    const high = await chaosApp({ latency: { min: 50, max: 150 }, random: () => 0.999999 });
    await get(high.app);
    expect([...low.slept, ...high.slept]).toEqual([50, 150]);
  });

  it('latency and a delay preference add up', async () => {
    const { app, slept } = await chaosApp({ latency: { min: 100, max: 100 } });
    await get(app, 'delay=20');
    expect(slept).toEqual([120]);
  });

  it('the admin API is not delayed', async () => {
    const { app, slept } = await chaosApp({ latency: { min: 100, max: 100 } });
    await app.request('/__admin/signals');
    expect(slept).toEqual([]);
  });

  it.each([
    'delay=abc',
    'delay=-5',
    'delay=1.5',
    'delay=',
    'delay=1000000',
    'fault=explode',
    'fault=',
    'code=abc',
  ])('Prefer: %s → 400 with the SuperOffice error body, no sleep', async (prefer) => {
    const { app, slept } = await chaosApp();
    const response = await get(app, prefer);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).ErrorType).toBe('ArgumentException');
    expect(slept).toEqual([]);
  });

  it('a fault without a real connection to break (app.request) is a 400, not a crash', async () => {
    const { app } = await chaosApp();
    const response = await get(app, 'fault=reset');
    expect(response.status).toBe(400);
    await errorOf(response);
  });
});

interface RawReply {
  bytes: Buffer;
  error: string | undefined;
}

/** One raw GET on a fresh connection; resolves when the server closes it (bounded: 10 s). */
function rawGet(port: number, prefer: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within 10 s for ${prefer}`));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), error });
    });
    socket.write(
      `GET /api/v1/Webhook/default HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: ${BASIC}\r\nPrefer: ${prefer}\r\nConnection: close\r\n\r\n`,
    );
  });
}

describe('Prefer: fault= against a real listener (startServer on 127.0.0.1, port 0)', () => {
  let server: RunningServer;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: ':memory:',
      logger: { error: (message) => logged.push(message) },
    });
  });

  afterAll(async () => {
    await server.close();
  });

  const healthy = async () => {
    const response = await fetch(`${server.url}/api/v1/Webhook/default`, {
      headers: { authorization: BASIC },
    });
    expect(response.status).toBe(200);
    await response.json();
  };

  it('fault=reset: the client sees ECONNRESET; the server answers afterwards', async () => {
    const reply = await rawGet(server.port, 'fault=reset');
    expect(reply.error).toBe('ECONNRESET');
    expect(reply.bytes.toString('latin1')).not.toMatch(/^HTTP\//);
    await healthy();
  });

  it('fault=empty: the socket closes cleanly without a status line; the server answers afterwards', async () => {
    const reply = await rawGet(server.port, 'fault=empty');
    expect(reply.error).toBeUndefined();
    expect(reply.bytes.length).toBe(0);
    await healthy();
  });

  it('fault=garbage: bytes that are not HTTP, then close; the server answers afterwards', async () => {
    const reply = await rawGet(server.port, 'fault=garbage');
    expect(reply.bytes.length).toBeGreaterThan(0);
    expect(reply.bytes.subarray(0, 5).toString('latin1')).not.toBe('HTTP/');
    await healthy();
  });

  it('fetch rejects on each fault (what a typical client sees); 3 × 3 faults, server still healthy', async () => {
    for (let round = 0; round < 3; round++) {
      for (const fault of ['reset', 'empty', 'garbage']) {
        const attempt = fetch(`${server.url}/api/v1/Webhook/default`, {
          headers: { authorization: BASIC, prefer: `fault=${fault}` },
        }).then((response) => response.arrayBuffer());
        await expect(attempt, fault).rejects.toThrow();
      }
    }
    await healthy();
    expect(logged).toEqual([]);
  });
});
