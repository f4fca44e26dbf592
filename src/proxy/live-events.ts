// The proxy's live feed at GET /__admin/proxy/events (server-sent events): on connect the
// entries after the client's Last-Event-ID (or `?after=`), then each exchange and delivery as
// the verdict log adds it (`entry`, its id the entry's seq, so a browser that reconnects
// resumes where it was), and the summary with the broken rules (`summary`) at most a few times
// a second. The live page reads it; anything else can (curl -N).
import type { Context } from 'hono';
import { stream } from 'hono/streaming';
import { ApiError } from '../http/api-error.js';
import type { LogEntry, VerdictLog } from './verdict-log.js';
import { sseText } from '../web/feed.js';

/** Pages watching at once; each holds a connection and a listener. */
export const MAX_LIVE_CLIENTS = 20;
const HEARTBEAT_MS = 15_000;
/** The summary (every broken rule) is sent at most this often, however busy the traffic. */
const SUMMARY_MS = 250;

export interface LiveSource {
  log: VerdictLog;
  /** The summary and broken rules, as GET /__admin/proxy has them. */
  summary(): unknown;
}

export class LiveEvents {
  readonly #source: LiveSource;
  #clients = 0;

  constructor(source: LiveSource) {
    this.#source = source;
  }

  get clients(): number {
    return this.#clients;
  }

  serve(c: Context): Response {
    if (this.#clients >= MAX_LIVE_CLIENTS) {
      throw new ApiError('QUEUE_FULL', `${MAX_LIVE_CLIENTS} live pages are open already.`);
    }
    const { log, summary } = this.#source;
    const from = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? 0);
    // An id beyond the log's newest is from before a restart: the page starts over.
    const newest = log.entries().at(-1)?.seq ?? 0;
    const after = Number.isSafeInteger(from) && from > 0 && from <= newest ? from : 0;
    c.header('content-type', 'text/event-stream; charset=utf-8');
    c.header('cache-control', 'no-store');
    this.#clients += 1;
    return stream(c, async (out) => {
      const entry = (e: LogEntry) =>
        `id: ${e.seq}\n${sseText({ event: 'entry', data: JSON.stringify(e) })}`;
      let timer: NodeJS.Timeout | undefined;
      const sendSummary = () => {
        timer = undefined;
        void out.write(sseText({ event: 'summary', data: JSON.stringify(summary()) }));
      };
      const unsubscribe = log.subscribe((e) => {
        void out.write(entry(e));
        timer ??= setTimeout(sendSummary, SUMMARY_MS);
      });
      const heartbeat = setInterval(() => void out.write(': keep-alive\n\n'), HEARTBEAT_MS);
      await out.write(`retry: 2000\n\n${log.entries(after).map(entry).join('')}`);
      sendSummary();
      await new Promise<void>((resolve) => out.onAbort(resolve));
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
      this.#clients -= 1;
    });
  }
}
