// `proxy --replay <dir>`: the recorded answers for the recorded requests, byte for byte as
// they were recorded. Requests are matched by method, path and query, and body (redacted the
// way it was recorded); a request recorded several times gets its answers in recorded order,
// the last one again after that. Only the exchanges are replayed; deliveries are not sent.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LOG_FILE, RECORDING_FORMAT, type RecordedBody, type RecordedLine } from './recorder.js';
import type { Redactor } from './redact.js';

export interface ReplayAnswer {
  status: number;
  headers: Record<string, string>;
  setCookies: string[];
  body: Buffer;
}

/** Recorded exchanges a replay serves at most, and their answers' bytes in all: each answer
 * is held in memory. What lies beyond is skipped and counted. */
export const MAX_REPLAYED = 10_000;
export const MAX_REPLAYED_BYTES = 256 * 1024 * 1024;

const bodyBytes = (recorded: RecordedBody): Buffer | undefined => {
  if (recorded.truncated !== undefined) return undefined;
  if (recorded.bodyBase64 !== undefined) return Buffer.from(recorded.bodyBase64, 'base64');
  return Buffer.from(recorded.body ?? '', 'utf8');
};

export class Replay {
  readonly #answers = new Map<string, RecordedLine[]>();
  readonly #served = new Map<string, number>();
  readonly #redactor: Redactor;
  /** Lines that could not be replayed (damaged, or a body too large to have been recorded). */
  skipped = 0;

  private constructor(redactor: Redactor) {
    this.#redactor = redactor;
  }

  static async load(dir: string, redactor: Redactor): Promise<Replay> {
    const replay = new Replay(redactor);
    const input = createReadStream(join(dir, LOG_FILE));
    await new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve());
      input.once('error', () =>
        reject(new Error(`${dir}: no recording here (${LOG_FILE}, written by proxy --record)`)),
      );
    });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let count = 0;
    let bytes = 0;
    for await (const text of lines) {
      if (text.trim() === '') continue;
      let line: RecordedLine;
      try {
        line = JSON.parse(text) as RecordedLine;
      } catch {
        replay.skipped += 1;
        continue;
      }
      if (line.format !== RECORDING_FORMAT || line.kind !== 'exchange') continue;
      const answer = bodyBytes(line.response);
      if (
        count >= MAX_REPLAYED ||
        answer === undefined ||
        bytes + answer.length > MAX_REPLAYED_BYTES
      ) {
        replay.skipped += 1;
        continue;
      }
      bytes += answer.length;
      const key = replay.#key(
        line.method,
        line.url,
        line.request.body ?? line.request.bodyBase64 ?? '',
      );
      replay.#answers.set(key, [...(replay.#answers.get(key) ?? []), line]);
      count += 1;
    }
    return replay;
  }

  get size(): number {
    return [...this.#answers.values()].reduce((sum, list) => sum + list.length, 0);
  }

  #key(method: string, url: string, body: string): string {
    return `${method.toUpperCase()} ${url}\n${body}`;
  }

  /** The recorded answer for a request, or undefined when it was never recorded. */
  answer(method: string, url: string, body: Buffer): ReplayAnswer | undefined {
    const text = body.length === 0 ? '' : this.#redactor.text(body.toString('utf8'));
    const base64 = body.toString('base64');
    const key = [this.#key(method, url, text), this.#key(method, url, base64)].find((k) =>
      this.#answers.has(k),
    );
    if (key === undefined) return undefined;
    const list = this.#answers.get(key) ?? [];
    const index = Math.min(this.#served.get(key) ?? 0, list.length - 1);
    this.#served.set(key, index + 1);
    const line = list[index] as RecordedLine;
    return {
      status: line.response.status,
      headers: line.response.headers,
      setCookies: line.response.setCookies ?? [],
      body: bodyBytes(line.response) ?? Buffer.alloc(0),
    };
  }
}
