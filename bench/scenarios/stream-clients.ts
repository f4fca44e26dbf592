// API throughput while the dashboard's event stream has idle clients: a SignalEvent flood
// (each signal is a store change broadcast to every stream client) with 0 and with 200
// clients connected, reported as a ratio. Clients read what they are sent and never close.
import { request, type ClientRequest } from 'node:http';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { measure, type Measurement } from '../load.js';
import { writeStore } from '../seed.js';
import { AUTH, startOurs } from '../servers.js';

export const STREAM_CLIENTS = [0, 200] as const;
/** How long one client may take to receive its snapshot (bounded wait). */
const CONNECT_MS = 10_000;

export interface StreamRun {
  clients: number;
  /** Clients that got the stream (200) and their snapshot. */
  connected: number;
  signal: Measurement;
}

export interface StreamResult {
  runs: StreamRun[];
  /** req/s with 200 clients ÷ req/s with none; 1× means the stream costs the API nothing. */
  ratio: number | null;
}

/** Opens one stream; resolves once its first bytes (the snapshot) arrive, or refused/late. */
export function openStream(url: string): Promise<ClientRequest | undefined> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const outgoing = request(
      { hostname, port, path: '/__admin/events', agent: false },
      (response) => {
        if (response.statusCode !== 200) {
          response.resume();
          return resolve(undefined);
        }
        response.once('data', () => resolve(outgoing));
        response.on('data', () => undefined);
      },
    );
    outgoing.setTimeout(CONNECT_MS, () => {
      outgoing.destroy();
      resolve(undefined);
    });
    outgoing.on('error', () => resolve(undefined));
    outgoing.end();
  });
}

export async function runStreamClients(
  dir: string,
  base: StoreState,
  log: (line: string) => void,
): Promise<StreamResult> {
  const db = join(dir, 'stream-clients.json');
  await writeStore(db, base);
  const target = await startOurs(db);
  const open: ClientRequest[] = [];
  try {
    const runs: StreamRun[] = [];
    for (const clients of STREAM_CLIENTS) {
      while (open.length < clients) {
        const stream = await openStream(target.url);
        if (!stream) break;
        open.push(stream);
      }
      log(`  ${open.length} stream clients`);
      let n = 0;
      const signal = await measure({
        url: target.url,
        method: 'POST',
        path: '/api/v1/Webhook/bench.stream/1',
        nextPath: () => `/api/v1/Webhook/bench.stream/${++n}`,
        // The REST signal requires its EventData body (spec); without one every signal is a 400.
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: '{}',
        pid: target.pid,
      });
      runs.push({ clients, connected: open.length, signal });
    }
    const [none, many] = runs;
    const ratio = none && many && none.signal.rps > 0 ? many.signal.rps / none.signal.rps : null;
    return { runs, ratio };
  } finally {
    for (const stream of open) stream.destroy();
    await target.stop();
  }
}
