// One POST on one of undici's connections, read through its low-level handler: no stream and no
// header object per answer, only the status, the raw header lines and the first 4 KiB of body.
import type { Dispatcher } from 'undici';
import { DEFAULT_LIMITS } from '../platform/limits.js';

export const MAX_RESPONSE_BODY_BYTES = DEFAULT_LIMITS.keptResponseBytes;

export interface Answer {
  status: number;
  statusText: string;
  /** Names as the target cased them; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
}

/** How an exchange ended: an answer, or an error and whether the receiver had begun to answer. */
export type Outcome =
  { answer: Answer } | { error: Error; answered: boolean; reusedConnection: boolean };

function headerRecord(raw: readonly Buffer[]): Record<string, string> {
  const byLower = new Map<string, [string, string]>();
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as Buffer).toString('latin1');
    const value = (raw[i + 1] as Buffer).toString('latin1');
    const lower = name.toLowerCase();
    const seen = byLower.get(lower);
    byLower.set(lower, seen ? [seen[0], `${seen[1]}, ${value}`] : [name, value]);
  }
  return Object.fromEntries(byLower.values());
}

/** Bytes the connection had read before this exchange: more than none means it was reused. */
function readBefore(error: Error): number {
  const socket = (error as { socket?: { bytesRead?: number } }).socket;
  return socket?.bytesRead ?? 0;
}

export class Exchange implements Dispatcher.DispatchHandler {
  readonly #done: (outcome: Outcome) => void;
  #settled = false;
  #abort: ((reason?: Error) => void) | undefined;
  #cancelled: Error | undefined;
  #status = 0;
  #statusText = '';
  #headers: Buffer[] = [];
  readonly #chunks: Buffer[] = [];
  #size = 0;

  constructor(done: (outcome: Outcome) => void) {
    this.#done = done;
  }

  /** Stops the exchange (the attempt's deadline); the connection is closed, not reused. */
  cancel(reason: Error): void {
    this.#cancelled = reason;
    this.#abort?.(reason);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.#abort = abort;
    if (this.#cancelled) abort(this.#cancelled);
  }

  onHeaders(status: number, headers: Buffer[], _resume: () => void, statusText: string): boolean {
    // 1xx answers are interim; the final one follows on the same exchange.
    if (status < 200) return true;
    this.#status = status;
    this.#statusText = statusText;
    this.#headers = headers;
    return true;
  }

  onData(chunk: Buffer): boolean {
    const room = MAX_RESPONSE_BODY_BYTES - this.#size;
    this.#chunks.push(room < chunk.length ? chunk.subarray(0, room) : chunk);
    this.#size += Math.min(room, chunk.length);
    if (this.#size < MAX_RESPONSE_BODY_BYTES) return true;
    // Enough is kept: the rest is not read, and the connection it arrives on is not reused.
    this.#answer();
    this.#abort?.(new Error('answer body beyond the kept bytes'));
    return false;
  }

  onComplete(): void {
    this.#answer();
  }

  onError(error: Error): void {
    this.#finish({
      error,
      answered: this.#status !== 0,
      reusedConnection: this.#status === 0 && readBefore(error) > 0,
    });
  }

  #answer(): void {
    this.#finish({
      answer: {
        status: this.#status,
        statusText: this.#statusText,
        headers: headerRecord(this.#headers),
        body: Buffer.concat(this.#chunks, this.#size).toString('utf8'),
      },
    });
  }

  #finish(outcome: Outcome): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#done(outcome);
  }
}
