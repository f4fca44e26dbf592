// What each part of the source may import: an allow-list. `.dependency-cruiser.cjs` turns it
// into the rules `npm run lint` enforces, and `scripts/architecture.mjs` writes it into
// ARCHITECTURE.md ("What each folder may import"), so the two cannot drift apart.
//
// A part is named by a path pattern; every file belongs to exactly one part. `may` lists the
// parts (or single files, written as paths) a part may import besides itself; anything else is
// refused, including type-only and dynamic imports. `packages` limits what comes from outside
// the repository: 'none' (no npm package and no node: module), or a list of banned packages.
// Tests (`*.test.ts`, `test/`, the mutation run's `*.mutation.ts`) are not a part: they may import what they need to set a case up.

/** Files that stand for one concept of a larger part (a port, the contract, the listener). */
const FILES = {
  'the delivery port': 'src/delivery/deliveries.ts',
  'the store interface': 'src/store/state-store.ts',
  'the store file shape': 'src/store/state.ts',
  'the tenant store file names': 'src/tenants/tenant-id.ts',
  'the contract': 'src/http/contract.ts',
  'the loopback listener': 'src/platform/local-listener.ts',
  'the layer table': 'layers.cjs',
};

const LEAVES = ['domain', 'generated', 'platform'];

/** @type {Array<{ name: string, path: string, holds: string, may: string[], packages?: 'none' | string[] }>} */
const layers = [
  {
    name: 'domain',
    path: '^src/domain/',
    holds:
      'the Webhook entity, save rules, JSON Patch / Merge Patch / Pointer, filters, `DomainError`',
    may: ['generated'],
    packages: 'none',
  },
  {
    name: 'generated',
    path: '^src/generated/',
    holds: 'types generated from the spec (`npm run generate`)',
    may: [],
    packages: 'none',
  },
  {
    name: 'paths',
    path: '^src/paths[.]ts$',
    holds: 'where the package finds its own files (spec, fixtures)',
    may: [],
  },
  {
    name: 'platform',
    path: '^src/platform/',
    holds:
      'clock, limits, ajv, package info, `EncodedJson`, the loopback listener: helpers that know no layer',
    may: ['domain', 'generated', 'paths'],
    packages: ['hono', 'lowdb'],
  },
  {
    name: 'store',
    path: '^src/store/',
    holds:
      '`StateStore` (webhooks, users, signals, deliveries, mail) and its lowdb / memory implementations, journal',
    may: ['domain', 'generated', 'platform'],
    packages: ['hono'],
  },
  {
    name: 'delivery',
    path: '^src/delivery/',
    holds:
      'dispatcher, runner, retry policy, signed POSTs over undici (`deliver.ts`, `connection-pool.ts`, `exchange.ts`, `pinned-route.ts`: the only network I/O), per-tenant queues, the `Deliveries` port',
    may: ['store', ...LEAVES],
    packages: ['hono', 'lowdb'],
  },
  {
    name: 'service',
    path: '^src/service/',
    holds:
      'the use cases: create, get, list, save, replace, patch, delete, test, signal, last error',
    may: [FILES['the delivery port'], FILES['the store interface'], ...LEAVES],
    packages: 'none',
  },
  {
    name: 'http',
    path: '^src/http/',
    holds: 'contract, pipeline, binding, representations, errors, operation types and table',
    may: [...LEAVES, 'paths'],
    packages: ['lowdb'],
  },
  {
    name: 'routes',
    path: '^src/routes/',
    holds:
      '`Handlers` for the REST and Agent surfaces; the presenter of stored webhooks (`webhook-views.ts`: answers made once per version, `$select`, `_Links`); the service’s `WebhookSchema` port over the contract',
    may: ['http', 'service', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'config',
    path: '^src/config[.]ts$',
    holds: 'the command-line flags and their defaults',
    may: ['requests', 'http', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'tenants',
    path: '^src/tenants/',
    holds: 'tenant ids, the registry of tenant stacks and the control plane’s view of them',
    may: ['http', 'delivery', 'store', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'requests',
    path: '^src/requests/',
    holds:
      'the request journal: a bounded ring of the API calls answered, its middleware, filters, `/__admin/requests`, `verify`, `--log` lines',
    may: ['tenants', 'http', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'fixture-loader',
    path: '^src/fixture-loader/',
    holds: 'reads and checks a fixture file from `fixtures/` into a store state',
    may: ['store', 'http', ...LEAVES, 'paths'],
    packages: ['hono', 'lowdb'],
  },
  {
    name: 'inbox',
    path: '^src/inbox/',
    holds: 'the built-in receiver under `/__inbox/` and its signature verdicts',
    may: ['delivery', 'store', 'http', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'web',
    path: '^src/web/',
    holds: 'dashboard, docs page, control plane and admin API',
    may: [
      'inbox',
      'requests',
      'tenants',
      'fixture-loader',
      'delivery',
      'store',
      'http',
      ...LEAVES,
      'paths',
    ],
    packages: ['lowdb'],
  },
  {
    name: 'app',
    path: '^src/app[.]ts$',
    holds: '`createApp`: middleware, the operation table, `onError`',
    may: ['routes', 'service', 'http', 'tenants', 'delivery', 'store', ...LEAVES],
    packages: ['lowdb'],
  },
  {
    name: 'mock',
    path: '^src/mock[.]ts$',
    holds: 'composition: builds store, dispatcher and app per tenant',
    may: [
      'app',
      'config',
      'web',
      'inbox',
      'requests',
      'tenants',
      'fixture-loader',
      'http',
      'delivery',
      'store',
      ...LEAVES,
      'paths',
      'conformance',
    ],
  },
  {
    name: 'proxy',
    path: '^src/proxy/',
    holds:
      'the validating proxy (`proxy`, `startProxy`): forwarding, verdicts on exchanges and deliveries, recording and replay',
    may: [
      'web',
      'tenants',
      'fixture-loader',
      'config',
      'delivery',
      'http',
      ...LEAVES,
      'paths',
      'conformance',
    ],
    packages: ['lowdb'],
  },
  {
    name: 'server',
    path: '^src/server[.]ts$',
    holds: 'listens: the mock on a port',
    may: ['mock', 'config', 'web', 'inbox', 'tenants', 'http', 'delivery', 'store', ...LEAVES],
  },
  {
    name: 'library',
    path: '^src/library/',
    holds: 'the mock as a library for test suites; the conformance suite as a function',
    may: [
      'server',
      'mock',
      'web',
      'inbox',
      'requests',
      'delivery',
      'store',
      'http',
      ...LEAVES,
      'conformance',
    ],
  },
  {
    name: 'demo',
    path: '^src/demo/',
    holds: 'the `demo` command',
    may: ['server', 'delivery', ...LEAVES],
  },
  {
    name: 'cli',
    path: '^src/cli[.]ts$',
    holds: 'the command line: `serve`, `demo`, `conformance`, `check-receiver`, `proxy`',
    may: ['server', 'config', 'demo', 'proxy', 'requests', 'platform', 'conformance'],
  },
  {
    name: 'index',
    path: '^src/index[.]ts$',
    holds: "the package’s library entry (`import … from 'so-webhook-mock'`)",
    may: ['library', 'proxy', 'requests', 'inbox', 'store', 'conformance'],
  },
  {
    name: 'conformance',
    path: '^conformance/(?!test-support/)',
    holds:
      'the conformance runner, its cases and reporters: it judges any server, so it shares none of the mock’s internals',
    may: [FILES['the contract'], FILES['the loopback listener'], 'generated', 'index'],
  },
  {
    name: 'conformance/test-support',
    path: '^conformance/test-support/',
    holds:
      'the conformance suite’s own test targets: a reference mock and deliberately wrong servers built from it, a toy API server, report checkers',
    may: ['conformance', 'index', 'server', 'delivery', 'store', 'http', ...LEAVES],
  },
  {
    name: 'bench',
    path: '^bench/',
    holds:
      'benchmarks: they start the mock as a process, seed its store files, and run the conformance suite through the public entry',
    may: ['domain', FILES['the store file shape'], FILES['the tenant store file names'], 'index'],
  },
  {
    name: 'scripts',
    path: '^scripts/',
    holds: 'generation, packaging checks, the local conformance run',
    may: ['conformance', 'conformance/test-support', 'server', 'index', FILES['the layer table']],
  },
];

module.exports = { layers, files: FILES };
