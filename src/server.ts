// Starts and stops the HTTP server around createApp: loads the contract and the store, resumes
// pending deliveries, and on close stops accepting, drains, and flushes the store.
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from './app.js';
import { systemClock, type Clock } from './clock.js';
import { DEFAULT_CONFIG, type Config } from './config.js';
import { deliver as httpDeliver, type Deliver } from './delivery/deliver.js';
import { createDispatcher, type Dispatcher } from './delivery/dispatcher.js';
import { loadFixture } from './fixtures.js';
import { answerClientError } from './http/client-error.js';
import { loadContract } from './http/contract.js';
import {
  refuseSelfDelivery,
  selfTargetProblem,
  type ListeningAddress,
} from './delivery/self-target.js';
import { listeningAddress } from './listening-address.js';
import { controlPlane, exposureNotice } from './http/control-plane.js';
import { adminAuthorizer } from './http/admin-authorizer.js';
import { isLoopbackAddress } from './listening-address.js';
import { adminRoutes } from './routes/admin.js';
import { openLowdbStore } from './store/lowdb-store.js';
import { memoryStore } from './store/memory-store.js';
import { observeStore } from './store/observed-store.js';
import type { WebhookStore } from './store/webhook-store.js';
import { webUi } from './web/routes.js';

export interface ServerOptions extends Partial<Omit<Config, 'limits'>> {
  limits?: Partial<Config['limits']>;
  deliver?: Deliver;
  clock?: Clock;
  onResponse?: AppDeps['onResponse'];
  logger?: AppDeps['logger'];
}

export interface RunningServer {
  url: string;
  port: number;
  store: WebhookStore;
  dispatcher: Dispatcher;
  /** Lines start-up should print (exposure beyond loopback, a dropped torn journal line). */
  notices: string[];
  close(): Promise<void>;
}

type OpenOptions = Parameters<typeof openLowdbStore>[1];

async function openStore(config: Config, options: Pick<OpenOptions, 'seed' | 'notice' | 'now'>) {
  if (config.db === ':memory:') return memoryStore(options.seed());
  return openLowdbStore(config.db, { ...options, reset: config.reset, repair: config.repair });
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const config: Config = {
    ...DEFAULT_CONFIG,
    ...options,
    limits: { ...DEFAULT_CONFIG.limits, ...options.limits },
  };
  const clock = options.clock ?? systemClock;
  const contract = await loadContract();
  const fixture = (name: string) => loadFixture(name, contract, clock.now());
  const seedState = await fixture(config.fixture);
  // Observed so the dashboard's live feed hears of every change.
  const notices: string[] = [];
  const store = observeStore(
    await openStore(config, {
      seed: () => structuredClone(seedState),
      notice: (message) => notices.push(message),
      now: () => clock.now(),
    }),
  );
  // Known once the socket is bound; no request or delivery happens before that.
  const listening: { self?: ListeningAddress; origin?: string } = {};
  // _Links and the served spec's servers never come from a request's Host header.
  const publicOrigin = () => config.publicUrl ?? listening.origin ?? 'http://127.0.0.1';
  const web = webUi({
    ...{ store, auth: config.auth, fixture: config.fixture },
    ...{ publicOrigin, limits: config.limits },
  });
  const dispatcher = createDispatcher({
    store,
    clock,
    deliver: refuseSelfDelivery(options.deliver ?? httpDeliver, () => listening.self),
    timeScale: config.timeScale,
    standardWebhooks: config.standardWebhooks,
    strictTargets: config.strictTargets,
    limits: config.limits,
  });
  const app = createApp({
    contract,
    store,
    deliveries: dispatcher,
    clock: () => clock.now(),
    auth: config.auth,
    limits: config.limits,
    chaos: { latency: config.latency },
    targets: {
      strict: config.strictTargets,
      verify: config.verifyTargets,
      self: (targetUrl) => selfTargetProblem(targetUrl, listening.self),
    },
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    publicOrigin,
    extensions: [
      controlPlane({
        allowedHosts: [
          ...config.allowedHosts,
          ...(config.publicUrl ? [new URL(config.publicUrl).hostname] : []),
        ],
        requireCredentials: !isLoopbackAddress(config.host),
        authorized: adminAuthorizer(store, config.adminToken),
      }),
      adminRoutes({
        store,
        replay: (id) => dispatcher.replay(id),
        fixture,
        afterReset: () => dispatcher.stop(),
        defaultFixture: config.fixture,
      }),
      web.routes,
    ],
  });
  const { limits } = config;
  const server = createAdaptorServer({
    fetch: app.fetch,
    serverOptions: {
      maxHeaderSize: limits.maxHeaderBytes,
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
    },
  });
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  listening.self = listeningAddress(config.host, port);
  dispatcher.resume();
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  listening.origin = `http://${host}:${port}`;
  const exposure = exposureNotice(config.host);
  if (exposure) notices.push(exposure);
  return {
    url: listening.origin,
    port,
    store,
    notices,
    dispatcher,
    async close() {
      web.close(); // live streams never go idle; end them or server.close() waits forever
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open; busy ones finish their answer.
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      dispatcher.stop();
      await store.close();
    },
  };
}
