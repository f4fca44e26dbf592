// Everything a running mock is made of, without the socket: the default tenant's store and
// dispatcher, the tenants opened on first use, the built-in inbox, and the one app that routes
// to them. server.ts puts it behind a listener; the library's createMockApp uses it as it is.
import type { Hono } from 'hono';
import { createApp, credentialsRequired, type AppDeps, type Env } from './app.js';
import { systemClock, type Clock } from './platform/clock.js';
import { DEFAULT_CONFIG, type Config } from './config.js';
import { DeliveryClient, poolLimits, type Deliver } from './delivery/deliver.js';
import { Dispatcher } from './delivery/dispatcher.js';
import {
  refuseSelfDelivery,
  selfTargetProblem,
  type ListeningAddress,
} from './delivery/self-target.js';
import { loadFixture } from './fixture-loader/fixtures.js';
import { adminAuthorizer } from './web/admin-authorizer.js';
import { authenticate } from './http/auth.js';
import { loadContract, type Contract } from './http/contract.js';
import { controlPlane } from './web/control-plane.js';
import { hostPolicy } from './web/host-policy.js';
import { withInboxTargets } from './inbox/fixture-targets.js';
import { MemoryInbox, type Inbox } from './inbox/inbox.js';
import { inboxRoutes } from './inbox/routes.js';
import { inboxTargets } from './inbox/verdict.js';
import { isLoopbackAddress } from './delivery/listening-address.js';
import { adminRoutes } from './web/admin.js';
import { checkReceiverRoutes } from './web/check-receiver-routes.js';
import { checkReceiver } from '../conformance/check-receiver/check.js';
import { openLowdbStore } from './store/lowdb-store.js';
import { memoryStore } from './store/memory-store.js';
import { observeStore, type ObservedStore } from './store/observed-store.js';
import type { StoreState } from './store/state.js';
import { tenantRegistry, type TenantRegistry } from './tenants/registry.js';
import { tenantRoutes } from './tenants/routes.js';
import { tenantScope } from './tenants/scope.js';
import { journalRequests } from './requests/journal-middleware.js';
import { RequestJournal } from './requests/request-journal.js';
import { requestRoutes } from './requests/routes.js';
import { tenantStoreFile } from './tenants/tenant-id.js';
import { webUi } from './web/routes.js';

export interface ServerOptions extends Partial<Omit<Config, 'limits'>> {
  limits?: Partial<Config['limits']>;
  deliver?: Deliver;
  clock?: Clock;
  onResponse?: AppDeps['onResponse'];
  logger?: AppDeps['logger'];
  /** A contract already loaded (the mutation host's, validators compiled); else one is loaded. */
  contract?: Contract;
}

/** One tenant's store, deliveries and API. */
export interface TenantStack {
  id: string;
  store: ObservedStore;
  dispatcher: Dispatcher;
  app: Hono<Env>;
  close(): Promise<void>;
}

export interface Mock {
  config: Config;
  app: Hono<Env>;
  /** The default tenant (plain `/api/v1/…`). */
  store: ObservedStore;
  dispatcher: Dispatcher;
  tenants: TenantRegistry<TenantStack>;
  inbox: Inbox;
  /** Every API call answered, each tenant's too (bounded: limits.journalEntries). */
  requests: RequestJournal;
  /** Lines start-up should print (a dropped torn journal line, what a repair dropped). */
  notices: string[];
  /** A fixture by name or path, as a fresh state pointed at this mock's inbox. */
  fixture(nameOrFile: string): Promise<StoreState>;
  /** Ends the dashboard's live streams; before closing a listener, or it waits for them. */
  endStreams(): void;
  /** Stops deliveries and closes every store (flushed). */
  close(): Promise<void>;
}

export function resolveConfig(options: ServerOptions): Config {
  return {
    ...DEFAULT_CONFIG,
    ...options,
    limits: { ...DEFAULT_CONFIG.limits, ...options.limits },
  };
}

interface Shared {
  config: Config;
  clock: Clock;
  contract: Contract;
  options: ServerOptions;
  deliver: Deliver;
  /** The socket the mock listens on; undefined in process (no socket to reach back to). */
  listening: ListeningAddress | undefined;
  /** scheme://host[:port] for `_Links` and the served spec; never a request's Host header. */
  publicOrigin: () => string;
  notices: string[];
  journal: RequestJournal;
}

async function openStore(shared: Shared, file: string, seed: StoreState): Promise<ObservedStore> {
  const { config, clock } = shared;
  // Observed so the dashboard's live feed hears of every change.
  if (config.db === ':memory:') return observeStore(memoryStore(seed));
  return observeStore(
    await openLowdbStore(file, {
      seed: () => structuredClone(seed),
      reset: config.reset,
      repair: config.repair,
      notice: (message) => shared.notices.push(message),
      clock,
    }),
  );
}

/** Names the Host policy answers besides loopback: --allowed-hosts and the public URL's host. */
const allowedHosts = ({ config, publicOrigin }: Shared) => [
  ...config.allowedHosts,
  new URL(publicOrigin()).hostname,
];

function stackOn(
  shared: Shared,
  id: string,
  store: ObservedStore,
  extend: (dispatcher: Dispatcher) => NonNullable<AppDeps['extensions']> = () => [],
): TenantStack {
  const { config, clock, options } = shared;
  const dispatcher = new Dispatcher({
    store,
    clock,
    deliver: shared.deliver,
    timeScale: config.timeScale,
    standardWebhooks: config.standardWebhooks,
    strictTargets: config.strictTargets,
    limits: config.limits,
  });
  const extensions = extend(dispatcher);
  const app = createApp({
    contract: shared.contract,
    store,
    deliveries: dispatcher,
    clock,
    auth: config.auth,
    limits: config.limits,
    chaos: { latency: config.latency },
    targets: {
      strict: config.strictTargets,
      verify: config.verifyTargets,
      self: (targetUrl) => selfTargetProblem(targetUrl, shared.listening),
    },
    publicOrigin: shared.publicOrigin,
    // Tenants' requests pass the main app's Host and CORS checks before they are forwarded.
    ...(extensions.length > 0 && { cors: config.cors, guard: hostPolicy(allowedHosts(shared)) }),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    journal: journalRequests(
      shared.journal,
      () => store.contextIdentifier(),
      () => clock.now().getTime(),
    ),
    extensions,
  });
  return {
    id,
    store,
    dispatcher,
    app,
    async close() {
      dispatcher.stop();
      await store.close();
    },
  };
}

/**
 * Builds the mock; `selfUrl` is where it can be reached (its inbox's base), `listening` the
 * socket it is bound to, which deliveries and TargetUrls must not reach (C25).
 */
export async function createMock(
  options: ServerOptions,
  selfUrl: string,
  listening?: ListeningAddress,
): Promise<Mock> {
  const config = resolveConfig(options);
  const clock = options.clock ?? systemClock;
  const contract = options.contract ?? (await loadContract());
  // The mock's own pool, sized by its concurrency; closed with the mock so no socket lingers.
  const client = new DeliveryClient(poolLimits(config.limits));
  const shared: Shared = {
    config,
    clock,
    contract,
    options,
    deliver: refuseSelfDelivery(options.deliver ?? client.deliver, () => listening),
    listening,
    publicOrigin: () => config.publicUrl ?? selfUrl,
    notices: [],
    journal: new RequestJournal({
      capacity: config.limits.journalEntries,
      bodyBytes: config.limits.journalBodyBytes,
    }),
  };
  const fixture = async (name: string) =>
    withInboxTargets(await loadFixture(name, contract, clock.now()), selfUrl);
  const seedState = await fixture(config.fixture);
  const store = await openStore(shared, config.db, seedState);

  const tenants = tenantRegistry<TenantStack>(async (id) => {
    const seed = { ...(await fixture(config.fixture)), contextIdentifier: id };
    const stack = stackOn(
      shared,
      id,
      await openStore(shared, tenantStoreFile(config.db, id), seed),
    );
    stack.dispatcher.resume();
    return stack;
  }, config.limits.maxTenants);

  const inbox = new MemoryInbox({
    targets: (path) =>
      inboxTargets([{ id: store.contextIdentifier(), store }, ...tenants.opened()], path),
    clock,
    maxRecords: config.limits.inboxRecords,
    maxInboxes: config.limits.inboxNames,
    maxBytes: config.limits.inboxBytes,
    maxRecordsPerInbox: config.limits.inboxRecordsPerInbox,
    maxBytesPerInbox: config.limits.inboxBytesPerInbox,
  });
  const scope = tenantScope({
    main: () => ({ store, dispatcher: main.dispatcher }),
    find: (id) => tenants.find(id),
    opened: () => tenants.opened(),
  });
  const web = webUi({
    ...{ store, inbox, auth: config.auth, fixture: config.fixture },
    ...{ publicOrigin: shared.publicOrigin, limits: config.limits },
    ...{ tenants: scope, requests: shared.journal },
  });
  const main = stackOn(shared, store.contextIdentifier(), store, () => [
    controlPlane({
      requireCredentials: !isLoopbackAddress(config.host),
      authorized: adminAuthorizer(config.adminToken),
    }),
    adminRoutes({ tenants: scope, fixture, inbox, defaultFixture: config.fixture }),
    requestRoutes(shared.journal, scope),
    inboxRoutes({
      inbox,
      maxBodyBytes: config.limits.maxBodyBytes,
      tenant: (name) => (name === undefined ? undefined : scope.resolve(name).id),
    }),
    checkReceiverRoutes({
      check: checkReceiver,
      selfProblem: (url, address) => selfTargetProblem(url, listening, address),
    }),
    tenantRoutes({
      tenants,
      admit(c) {
        if (config.auth === 'none') return;
        if (!authenticate(c.req.header('authorization'), seedState.users)) {
          throw credentialsRequired();
        }
      },
    }),
    web.routes,
  ]);
  return {
    config,
    app: main.app,
    store,
    dispatcher: main.dispatcher,
    tenants,
    inbox,
    requests: shared.journal,
    notices: shared.notices,
    fixture,
    endStreams: () => web.close(),
    async close() {
      await Promise.all([main.close(), tenants.close()]);
      client.close();
    },
  };
}
