// Starts and stops the HTTP server around the mock (mock.ts): listens first, so the mock knows
// the address its own inbox has, then builds the stores and resumes pending deliveries; on close
// it stops accepting, drains, and flushes every store.
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { Dispatcher } from './delivery/dispatcher.js';
import { answerClientError } from './http/client-error.js';
import { exposureNotice } from './web/control-plane.js';
import { corsNotice } from './http/cors.js';
import type { Inbox } from './inbox/inbox.js';
import {
  createMock,
  resolveConfig,
  type Mock,
  type ServerOptions,
  type TenantStack,
} from './mock.js';
import { listeningAddress } from './delivery/listening-address.js';
import { httpOrigin } from './platform/http-origin.js';
import type { ObservedStore } from './store/observed-store.js';
import type { TenantRegistry } from './tenants/registry.js';

export type { ServerOptions } from './mock.js';

export interface RunningServer {
  url: string;
  port: number;
  store: ObservedStore;
  dispatcher: Dispatcher;
  inbox: Inbox;
  requests: Mock['requests'];
  tenants: TenantRegistry<TenantStack>;
  /** Loads a fixture as a fresh state, pointed at this server's inbox. */
  fixture: Mock['fixture'];
  /** Lines start-up should print (exposure beyond loopback, a dropped torn journal line). */
  notices: string[];
  close(): Promise<void>;
}

/** The error a port already in use becomes, with the way out. */
export class PortInUseError extends Error {}

/** scheme://host:port the mock reaches itself at: a wildcard address is reached on loopback. */
export function selfUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return httpOrigin(reachable, port);
}

function listenError(error: NodeJS.ErrnoException, config: Config): Error {
  if (error.code !== 'EADDRINUSE') return error;
  return new PortInUseError(
    `port ${config.port} on ${config.host} is already in use (EADDRINUSE; another so-webhook-mock or ` +
      `npm start?). Stop it, or choose another port: --port 3001, or --port 0 for any free port.`,
  );
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config = resolveConfig(options);
  const { limits } = config;
  let ready!: (mock: Mock) => void;
  let failed!: (error: unknown) => void;
  const built = new Promise<Mock>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  // A request waiting for a mock that never came answers 500 instead of hanging the close.
  built.catch(() => undefined);
  const server = createAdaptorServer({
    // Requests that arrive while the stores open wait for them.
    fetch: async (request, env) => (await built).app.fetch(request, env),
    serverOptions: {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(listenError(error, config)));
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const closeListener = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Idle keep-alive sockets would hold close() open; busy ones finish their answer.
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
  let mock: Mock;
  try {
    mock = await createMock(
      { ...options, ...config },
      selfUrl(config.host, port),
      listeningAddress(config.host, port),
    );
  } catch (error) {
    failed(error);
    await closeListener();
    throw error;
  }
  ready(mock);
  mock.dispatcher.resume();
  const startup = [
    exposureNotice(config.host, config.adminToken !== undefined),
    corsNotice(config.cors),
  ];
  return {
    url: httpOrigin(config.host, port),
    port,
    store: mock.store,
    dispatcher: mock.dispatcher,
    inbox: mock.inbox,
    requests: mock.requests,
    tenants: mock.tenants,
    fixture: mock.fixture,
    notices: [...mock.notices, ...startup.filter((line) => line !== undefined)],
    async close() {
      mock.endStreams(); // live streams never go idle; end them or server.close() waits forever
      await closeListener();
      await mock.close();
    },
  };
}
