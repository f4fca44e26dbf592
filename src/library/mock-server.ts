// startMockServer(): the mock on a free loopback port for a test suite. Defaults suit a test:
// port 0, an in-memory store.
import { startServer, type ServerOptions } from '../server.js';
import { mockControls, type MockControls } from './controls.js';

export type MockServerOptions = ServerOptions;

export interface MockServer extends MockControls {
  /** `http://127.0.0.1:<port>`; the API is under `${url}/api/v1`. */
  url: string;
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', ...options });
  return {
    url: server.url,
    ...mockControls({ ...server, defaultFixture: options.fixture ?? 'default' }),
    close: () => server.close(),
  };
}
