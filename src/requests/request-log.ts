// `serve --log`: one line per API call as it is answered, as Prism prints them
// (`12:00:01.234 PATCH /api/v1/Webhook/1 200 2.1 ms`), a refusal's reason after the line;
// `debug` adds the request and response bodies (cut as the journal cuts them).
import type { Exchange, RequestJournal } from './request-journal.js';

export const LOG_LEVELS = ['off', 'requests', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The level `--log` names, or the default: a line per request on a terminal, none otherwise. */
export function logLevel(flag: string | undefined, isTTY: boolean): LogLevel {
  if (flag === undefined || flag === 'auto') return isTTY ? 'requests' : 'off';
  return flag as LogLevel;
}

const time = (at: number) => new Date(at).toISOString().slice(11, 23);

/** Terminal control characters in a client's path or body must not reach the terminal. */
// eslint-disable-next-line no-control-regex
const printable = (text: string) => text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');

export function requestLine(exchange: Readonly<Exchange>, path: string): string {
  const head = `${time(exchange.at)} ${exchange.method} ${printable(path)} ${exchange.status} ${exchange.durationMs.toFixed(1)} ms`;
  return exchange.problem === undefined ? head : `${head}  ${printable(exchange.problem)}`;
}

/** Starts printing `journal`'s calls at `level` to `write`; returns the stop function. */
export function logRequests(
  journal: RequestJournal,
  level: LogLevel,
  write: (text: string) => void,
): () => void {
  if (level === 'off') return () => undefined;
  return journal.subscribe((exchange, id) => {
    const entry = level === 'debug' ? journal.entryOf(exchange, id) : undefined;
    const url = new URL(exchange.url);
    let text = `${requestLine(exchange, `${exchange.basePath}${url.pathname}${url.search}`)}\n`;
    if (entry) {
      for (const [label, body] of [
        ['request', entry.Request.Body],
        ['response', entry.Response.Body],
      ] as const) {
        if (body.Text === null) continue;
        const cut = body.Truncated ? ' (cut)' : '';
        text += `  ${label}${cut}: ${printable(body.Text)}\n`;
      }
    }
    write(text);
  });
}
