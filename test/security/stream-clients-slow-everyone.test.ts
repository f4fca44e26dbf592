// Finding: connections without credentials slowed everyone. 500 clients on the dashboard's event
// stream each got their own rendering of a 110 KB snapshot, and with 200 of them connected a
// SignalEvent flood fell from ~2 800 to ~40 requests/s. The stream now has a client cap (503
// beyond it), one shared snapshot per store version, one encoding per change for all clients,
// and a bounded queue per client: one that falls behind is dropped. (Throughput with 200 idle
// clients is measured in `npm run bench`, not asserted here.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { openClient, sseText } from '../../src/web/feed.js';

describe('a capped event stream', () => {
  let server: RunningServer;
  const streams: AbortController[] = [];
  const open = async () => {
    const abort = new AbortController();
    const response = await fetch(`${server.url}/__admin/events`, { signal: abort.signal });
    if (response.status === 200) {
      streams.push(abort);
      // The first chunk is the snapshot: the server has counted this client.
      await response.body?.getReader().read();
    }
    return response;
  };

  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:', limits: { maxStreamClients: 3 } });
  });
  afterAll(async () => {
    for (const abort of streams) abort.abort();
    await server.close();
  });

  it('admits up to the cap, then answers 503 in the error shape', async () => {
    for (let i = 0; i < 3; i++) expect((await open()).status).toBe(200);
    const refused = await open();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ Error: true, ErrorType: 'SoQueueFullException' });
  });

  it('a client that leaves frees its place', async () => {
    streams.shift()?.abort();
    let status = 0;
    // The server hears of the abort on its own schedule; each try is one round trip, bounded.
    for (let attempt = 0; attempt < 200 && status !== 200; attempt++) {
      status = (await open()).status;
    }
    expect(status).toBe(200);
  });

  it('the default cap is below the 500 clients of the finding', () => {
    expect(DEFAULT_LIMITS.maxStreamClients).toBeLessThan(500);
  });
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('a client that falls behind is dropped, not buffered', () => {
  it('a stalled writer ends the client once its backlog is full', () => {
    const written: string[] = [];
    let ends = 0;
    // write() never settles: a browser tab that stopped reading.
    const stalled = {
      write: (bytes: Uint8Array) => (written.push(text(bytes)), new Promise(() => {})),
    };
    const client = openClient(stalled, () => ends++, 4);
    for (let i = 0; i < 10; i++) client.send(`m${i}\n`);
    expect(ends).toBe(1);
    // The first text went out; the next four waited; the sixth ended the client.
    expect(written).toEqual(['m0\n']);
  });

  it('texts queued during a write go out together, in order', async () => {
    const written: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const writer = {
      write: (bytes: Uint8Array) => {
        written.push(text(bytes));
        return written.length === 1 ? first : Promise.resolve();
      },
    };
    const client = openClient(writer, () => undefined, 8);
    for (const text of ['a', 'b', 'c']) client.send(text);
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual(['a', 'bc']);
    client.end();
  });

  it('an event is encoded once, multi-line data as several data lines', () => {
    expect(sseText({ event: 'webhook', data: '<tr>\n</tr>' })).toBe(
      'event: webhook\ndata: <tr>\ndata: </tr>\n\n',
    );
  });
});
