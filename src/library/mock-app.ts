// createMockApp(): the mock with no socket, for `app.request()` or `fetch`-style use inside a
// test process. Deliveries to the mock's own origin (its inbox) are handed to the app in
// process; any other TargetUrl is called over the network as usual.
import { performance } from 'node:perf_hooks';
import {
  deliver as httpDeliver,
  MAX_RESPONSE_BODY_BYTES,
  type Deliver,
} from '../delivery/deliver.js';
import { INBOX_PREFIX } from '../inbox/inbox.js';
import { createMock, type ServerOptions } from '../mock.js';
import { mockControls, type MockControls } from './controls.js';

export type MockAppOptions = Omit<ServerOptions, 'port' | 'host'>;

/** The origin requests without a host resolve against, as in Hono's app.request(). */
export const IN_PROCESS_ORIGIN = 'http://localhost';

export interface MockApp extends MockControls {
  /** The origin request URLs are resolved against. */
  url: string;
  /** Answers a Request as the listening mock would. */
  fetch(request: Request): Promise<Response>;
  /** `request('/api/v1/Webhook', { headers })`: a path or URL and RequestInit. */
  request(input: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

function inProcess(
  origin: string,
  answer: (request: Request) => Promise<Response>,
  network: Deliver,
): Deliver {
  return async (delivery) => {
    const url = new URL(delivery.url);
    // Only the inbox is answered in process: the one self-delivery the mock allows.
    if (url.origin !== origin || !url.pathname.toLowerCase().startsWith(INBOX_PREFIX)) {
      return network(delivery);
    }
    const started = performance.now();
    const response = await answer(
      new Request(delivery.url, { method: 'POST', headers: delivery.headers, body: delivery.body }),
    );
    const text = await response.text();
    return {
      ok: response.status === 200,
      status: response.status,
      statusText: response.statusText,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: Buffer.from(text).subarray(0, MAX_RESPONSE_BODY_BYTES).toString('utf8'),
      latencyMs: performance.now() - started,
    };
  };
}

export async function createMockApp(options: MockAppOptions = {}): Promise<MockApp> {
  let fetchApp: (request: Request) => Promise<Response> = () =>
    Promise.reject(new Error('The mock is not built yet.'));
  const mock = await createMock(
    {
      db: ':memory:',
      ...options,
      deliver: inProcess(IN_PROCESS_ORIGIN, (r) => fetchApp(r), options.deliver ?? httpDeliver),
    },
    IN_PROCESS_ORIGIN,
  );
  fetchApp = async (request) => mock.app.fetch(request);
  mock.dispatcher.resume();
  return {
    url: IN_PROCESS_ORIGIN,
    fetch: fetchApp,
    request: (input, init) => fetchApp(new Request(new URL(input, IN_PROCESS_ORIGIN), init)),
    ...mockControls({ ...mock, url: IN_PROCESS_ORIGIN, defaultFixture: mock.config.fixture }),
    async close() {
      mock.endStreams();
      await mock.close();
    },
  };
}
