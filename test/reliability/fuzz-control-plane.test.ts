// The control plane under hostile Host and Origin headers (src/web/control-plane.ts): whatever
// a web page or a rebound DNS name sends, a request that is not from the server's own origin
// never changes state, never reads it, never gets a 5xx, and the server stays healthy.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deliver } from '../../src/delivery/deliver.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { expectErrorBody, expectHealthy, send, snapshot } from './fuzz-client.js';
import { BASIC } from './support.js';

const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const deliver: Deliver = () =>
  Promise.resolve({ ok: true, status: 200, statusText: 'OK', responseBody: 'OK', latencyMs: 0 });

const ROUTES = [
  ['POST', '/__admin/reset'],
  ['POST', '/__admin/reset?fixture=default'],
  ['POST', '/__admin/deliveries/1/replay'],
  ['GET', '/__admin/deliveries'],
  ['GET', '/__admin/deliveries/1'],
  ['GET', '/__admin/outbox'],
  ['GET', '/__admin/signals'],
  ['GET', '/__admin/events'],
  ['GET', '/__ADMIN/Deliveries'],
  ['GET', '/'],
  ['GET', '/docs'],
] as const;

/** Names a rebinding attacker or a confused proxy could send; none is this server. */
const foreignHost = fc.oneof(
  fc.constantFrom(
    'evil.example',
    'evil.example:3000',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'localhost@evil.example',
    'evil.example#@localhost',
    'evil.example/..',
    'LOCALHOST.evil',
    'xn--localhost-.example',
  ),
  fc
    .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.constantFrom('.com', '.test', '.io'))
    .map(([name, tld]) => `${name}${tld}`),
);

const foreignOrigin = fc.oneof(
  fc.constantFrom('http://evil.example', 'null', 'http://127.0.0.1.evil.example', 'file://'),
  fc.webUrl().map((url) => new URL(url).origin),
);

/** A request from somewhere else: a foreign Host, or a foreign origin on a write. */
const hostile = fc.record({
  route: fc.constantFrom(...ROUTES),
  host: fc.option(foreignHost, { nil: undefined }),
  origin: fc.option(foreignOrigin, { nil: undefined }),
  site: fc.option(fc.constantFrom('cross-site', 'same-site'), { nil: undefined }),
  type: fc.option(
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'),
    { nil: undefined },
  ),
});

type Hostile = typeof hostile extends fc.Arbitrary<infer T> ? T : never;

/** Whether the request is foreign by the policy's rules (otherwise it is skipped). */
const isForeign = (r: Hostile): boolean =>
  r.host !== undefined ||
  (r.route[0] === 'POST' &&
    (r.origin !== undefined || r.site !== undefined || r.type !== undefined));

describe('fuzzing the control plane with hostile Host and Origin (150 runs)', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:', deliver });
  });
  afterAll(() => server.close());

  it('a foreign request is refused (403, or 400 from Node), changes nothing, shows nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostile.filter(isForeign), async (r) => {
        const method = r.route[0] as string;
        const path = r.route[1] as string;
        const headers: Record<string, string> = {};
        if (r.host !== undefined) headers.host = r.host;
        if (r.origin !== undefined) headers.origin = r.origin;
        if (r.site !== undefined) headers['sec-fetch-site'] = r.site;
        if (r.type !== undefined) headers['content-type'] = r.type;
        const body = r.type === undefined ? undefined : Buffer.from('fixture=default');
        const before = snapshot(server);
        const response = await send(server.port, { method, path, headers, body });
        const what = `${method} ${path} ${JSON.stringify(headers)}`;
        expect([400, 403], what).toContain(response.status);
        if (response.status === 403) expectErrorBody(response, what);
        expect(response.body.toString('utf8'), what).not.toContain('Tje0');
        expect(snapshot(server), what).toBe(before);
      }),
      { numRuns: 150, ...(seed === undefined ? {} : { seed }) },
    );
    await expectHealthy(server, BASIC);
  });
});
