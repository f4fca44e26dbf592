// One demo run: a fresh mock (in memory, retry delays shortened) and the receiver, an API
// client that prints each call, and the step and check bookkeeping the scenarios use.
import { PortInUseError, startServer, type RunningServer } from '../server.js';
import { headerValue, type Printer } from './printer.js';
import { startReceiver, type Arrival, type Receiver } from './receiver.js';
import { isRecord } from '../domain/is-record.js';
import type { Pacer } from './pacer.js';

/** Retry delays ×0.01: the documented 1 s and 4 s become 10 ms and 40 ms (docs/sources.md §3d). */
export const DEMO_TIME_SCALE = 0.01;
/** The port a presenter can open beforehand: the one `serve` uses (a free one if it is taken). */
export const DEMO_PORT = 3000;
/** The documentation's sample user, as in fixtures/default.json. */
export const DEMO_USER = { name: 'tje0', password: 'Tje0' };

export interface ApiResult {
  status: number;
  /** The parsed JSON body; undefined when there is none. */
  json: unknown;
}

export interface CallOptions {
  contentType?: string;
  /** One line for the call and one for the answer, for loops. */
  brief?: boolean;
  /** No Authorization header (the admin API needs none). */
  anonymous?: boolean;
  /** What of the JSON answer to print, e.g. pick('State'); all of it when left out. */
  view?: (json: unknown) => unknown;
}

export interface Session {
  mock: RunningServer;
  receiver: Receiver;
  print: Printer;
  /** Deliveries it is true for print one line each (loops set it; the default prints all). */
  brief: (arrival: Arrival) => boolean;
  /** The webhook the --keep hints talk about. */
  webhookId?: number;
  step(title: string, body: () => Promise<void>): Promise<void>;
  check(ok: boolean, text: string): void;
  /** How many checks ran, and the text of those that failed. */
  checks: number;
  failures: string[];
  api(method: string, path: string, body?: unknown, options?: CallOptions): Promise<ApiResult>;
  /** Resolves when every delivery has settled: no queue, no attempt, no pending retry. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  fixture: string;
  /** Ports to try in turn; the next is tried only when one is taken. 0 is any free port. */
  ports: readonly number[];
  /** Between steps; none when left out. */
  pacer?: Pacer;
}

const AUTHORIZATION = `Basic ${Buffer.from(`${DEMO_USER.name}:${DEMO_USER.password}`).toString('base64')}`;

async function call(
  session: Session,
  method: string,
  path: string,
  body: unknown,
  options: CallOptions,
): Promise<ApiResult> {
  const headers: Record<string, string> = {};
  if (!options.anonymous) headers.Authorization = AUTHORIZATION;
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
  const shown = options.anonymous
    ? headers
    : { ...headers, Authorization: `${AUTHORIZATION}  (${DEMO_USER.name}:${DEMO_USER.password})` };
  session.print.request(
    { method, path, headers: shown, ...(text ? { body: text } : {}) },
    options.brief,
  );
  const response = await fetch(`${session.mock.url}${path}`, {
    method,
    headers: { ...headers, Accept: 'application/json' },
    ...(text !== undefined ? { body: text } : {}),
  });
  const answer = await response.text();
  let json: unknown;
  try {
    json = answer === '' ? undefined : JSON.parse(answer);
  } catch {
    json = answer;
  }
  const view = options.view && json !== undefined ? options.view(json) : undefined;
  session.print.response(
    {
      status: response.status,
      statusText: response.statusText,
      body: view === undefined ? answer : JSON.stringify(view),
      trimmed: view !== undefined,
    },
    options.brief,
  );
  return { status: response.status, json };
}

/** The delivery log, one line of facts per delivery: its attempts as statuses or errors. */
export function deliveriesView(json: unknown): unknown {
  const list = Array.isArray(json) ? json : [];
  return list.map((d) => {
    const attempts = field(d, 'Attempts');
    return {
      ...(pick('DeliveryId', 'Kind', 'Event', 'Url', 'State')(d) as object),
      Attempts: Array.isArray(attempts)
        ? attempts.map((a) => field(a, 'Status') ?? field(a, 'Error'))
        : [],
    };
  });
}

/** A view of a JSON object, or of each object of a list, with only `names`. */
export function pick(...names: string[]): (json: unknown) => unknown {
  const one = (item: unknown) =>
    isRecord(item)
      ? Object.fromEntries(names.filter((n) => n in item).map((n) => [n, item[n]]))
      : item;
  return (json) => (Array.isArray(json) ? json.map(one) : one(json));
}

/** The mock on the first of `ports` that is free; the last one's failure is what is thrown. */
async function startMock(print: Printer, options: SessionOptions): Promise<RunningServer> {
  const [port = 0, ...rest] = options.ports;
  try {
    return await startServer({
      port,
      host: '127.0.0.1',
      db: ':memory:',
      fixture: options.fixture,
      timeScale: DEMO_TIME_SCALE,
      logger: { error: (message) => print.note(`mock: ${message}`) },
    });
  } catch (error) {
    if (rest.length === 0 || !(error instanceof PortInUseError)) throw error;
    return startMock(print, { ...options, ports: rest });
  }
}

export async function openSession(print: Printer, options: SessionOptions): Promise<Session> {
  const box: { session?: Session } = {};
  const receiver = await startReceiver((arrival: Arrival) =>
    print.arrival(arrival, box.session?.brief(arrival) ?? false),
  );
  const mock = await startMock(print, options).catch(async (error: unknown) => {
    await receiver.close();
    throw error;
  });
  const session: Session = {
    mock,
    receiver,
    print,
    brief: () => false,
    checks: 0,
    failures: [],
    async step(title, body) {
      await options.pacer?.beforeStep((text) => print.note(text), title);
      print.heading(title);
      await body();
    },
    check(ok, text) {
      print.check(ok, text);
      session.checks += 1;
      if (!ok) session.failures.push(text);
    },
    api: (method, path, body, callOptions = {}) => call(session, method, path, body, callOptions),
    settle: () => mock.dispatcher.idle(),
    async close() {
      options.pacer?.close();
      await mock.close();
      await receiver.close();
    },
  };
  box.session = session;
  return session;
}

/** The X-SuperOffice-Event of an arrival. */
export const eventOf = (arrival: Arrival): string | undefined =>
  headerValue(arrival.headers, 'X-SuperOffice-Event');

/** The X-SuperOffice-Retry of an arrival, as a number. */
export const retryOf = (arrival: Arrival): number =>
  Number(headerValue(arrival.headers, 'X-SuperOffice-Retry'));

/** Arrivals on `path` of `event`. */
export const on =
  (path: string, event: string) =>
  (arrival: Arrival): boolean =>
    arrival.path === path && eventOf(arrival) === event;

/** A member of a JSON answer, or undefined. */
export function field(json: unknown, name: string): unknown {
  return isRecord(json) ? json[name] : undefined;
}
