// An in-process stand-in for `deliver` (src/delivery/deliver.ts): records every request with
// the clock's time and answers per URL as scripted, so retry tests need no sockets and no
// waiting. `test` pings (X-Hook-Test) always get 200 and never use up a script.
import type { Clock } from '../../src/platform/clock.js';
import type {
  Deliver,
  DeliveryAttemptResult,
  DeliveryRequest,
} from '../../src/delivery/deliver.js';

export interface Call {
  at: number;
  url: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

/** A status, a network error text, or no answer until release(). */
export type ScriptedAnswer = number | { error: string } | 'hang';

export class ScriptedDeliver {
  readonly calls: Call[] = [];
  readonly pings: Call[] = [];
  readonly #clock: Clock;
  readonly #scripts = new Map<string, { answers: readonly ScriptedAnswer[]; next: number }>();
  #hung: Array<(status: number) => void> = [];

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  script(url: string, answers: readonly ScriptedAnswer[]): void {
    this.#scripts.set(url, { answers, next: 0 });
  }

  callsTo(url: string): Call[] {
    return this.calls.filter((c) => c.url === url);
  }

  /** Requests waiting on a 'hang' answer. */
  hanging(): number {
    return this.#hung.length;
  }

  /** Answers every hanging request with `status`. */
  release(status = 200): void {
    const hung = this.#hung;
    this.#hung = [];
    for (const resume of hung) resume(status);
  }

  readonly deliver: Deliver = (request) => {
    const call = this.#record(request);
    if (request.headers['X-Hook-Test'] === 'true') {
      this.pings.push(call);
      return Promise.resolve(answer(200));
    }
    this.calls.push(call);
    const next = this.#next(request.url);
    if (next !== 'hang') return Promise.resolve(answer(next));
    return new Promise((resolve) => {
      this.#hung.push((status) => resolve(answer(status)));
    });
  };

  #record(request: DeliveryRequest): Call {
    return {
      at: this.#clock.now().getTime(),
      url: request.url,
      headers: request.headers,
      body: request.body,
      json: JSON.parse(request.body) as Record<string, unknown>,
    };
  }

  #next(url: string): ScriptedAnswer {
    const script = this.#scripts.get(url);
    if (!script || script.answers.length === 0) return 200;
    const next = script.answers[Math.min(script.next, script.answers.length - 1)] as ScriptedAnswer;
    script.next += 1;
    return next;
  }
}

function answer(next: number | { error: string }): DeliveryAttemptResult {
  if (typeof next !== 'number') return { ok: false, error: next.error, latencyMs: 0 };
  return {
    ok: next === 200,
    status: next,
    statusText: next === 200 ? 'OK' : 'Scripted',
    responseHeaders: { 'Content-Type': 'text/plain' },
    responseBody: `answer ${next}`,
    latencyMs: 0,
  };
}
