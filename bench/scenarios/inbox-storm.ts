// API calls while anyone posts hostile bodies to the built-in inbox, with a dashboard open: GET
// by id measured with no storm and during a paced storm of 7 KB bodies of 3 500 nested `[`
// (each once ~23 MiB of HTML rendered on the post's own request, blocking the API ~1.2 s),
// reported as a ratio. Rounds alternate calm and storm, so load from other processes falls on
// both alike. One live-feed client stays connected throughout, so its rendering counts.
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import type { StoreState } from '../../src/store/state.js';
import { LOAD_DEFAULTS, measureRound, medianOf, warmUp, type Measurement } from '../load.js';
import { writeStore } from '../seed.js';
import { AUTH, startOurs } from '../servers.js';
import { openStream } from './stream-clients.js';

/** Posts per second the storm sends: 50 such posts once took the dashboard down. */
export const STORM_RATE = 25;
const NESTED = '['.repeat(3500) + ']'.repeat(3500);

export interface StormRun {
  storm: boolean;
  /** Inbox posts answered during the run, and those that failed. */
  posts: number;
  failedPosts: number;
  get: Measurement;
}

export interface InboxStormResult {
  runs: StormRun[];
  /** GET req/s during the storm ÷ without; 1× means the storm costs the API nothing. */
  ratio: number | null;
}

/** Posts at STORM_RATE until stopped; resolves with the posts answered and failed. */
function startStorm(url: string): () => Promise<{ posts: number; failed: number }> {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let posts = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  const post = () => {
    const done = new Promise<void>((resolve) => {
      const outgoing = request(
        { hostname, port, method: 'POST', path: '/__inbox/storm', agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) posts++;
            else failed++;
            resolve();
          });
        },
      );
      outgoing.on('error', () => {
        failed++;
        resolve();
      });
      outgoing.setHeader('content-type', 'text/plain');
      outgoing.end(NESTED);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const timer = setInterval(post, 1000 / STORM_RATE);
  return async () => {
    clearInterval(timer);
    await Promise.all(inFlight);
    agent.destroy();
    return { posts, failed };
  };
}

export async function runInboxStorm(
  dir: string,
  base: StoreState,
  log: (line: string) => void,
): Promise<InboxStormResult> {
  const db = join(dir, 'inbox-storm.json');
  await writeStore(db, base);
  const target = await startOurs(db);
  const feed = await openStream(target.url);
  try {
    if (!feed) throw new Error('the live feed did not answer');
    const spec = { url: target.url, method: 'GET', path: '/api/v1/Webhook/1', headers: AUTH };
    await warmUp({ ...spec, pid: target.pid });
    const rounds = { calm: [] as Measurement[], storm: [] as Measurement[] };
    const sent = { posts: 0, failed: 0 };
    for (let r = 0; r < LOAD_DEFAULTS.rounds; r++) {
      rounds.calm.push(await measureRound({ ...spec, pid: target.pid }));
      const stop = startStorm(target.url);
      rounds.storm.push(await measureRound({ ...spec, pid: target.pid }));
      const round = await stop();
      sent.posts += round.posts;
      sent.failed += round.failed;
    }
    const runs: StormRun[] = [
      { storm: false, posts: 0, failedPosts: 0, get: medianOf(rounds.calm) },
      { storm: true, posts: sent.posts, failedPosts: sent.failed, get: medianOf(rounds.storm) },
    ];
    for (const run of runs) {
      log(
        `  storm ${run.storm ? 'on' : 'off'}: ${Math.round(run.get.rps)} req/s, ${run.posts} posts`,
      );
    }
    const [calm, stormy] = runs;
    const ratio = calm && stormy && calm.get.rps > 0 ? stormy.get.rps / calm.get.rps : null;
    return { runs, ratio };
  } finally {
    feed?.destroy();
    await target.stop();
  }
}
