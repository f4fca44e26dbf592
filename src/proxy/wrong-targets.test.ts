// The proxy in front of each of the repository's wrong targets (the same ones that prove the
// conformance suite can fail): with the target's own case run through the proxy — its
// deliveries too, through the proxy's receiver — the proxy reports the rule that target
// breaks. A fault that no single exchange shows is judged against what the proxy saw before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from '../../conformance/cases/index.js';
import { runConformance } from '../../conformance/run.js';
import { selectCases } from '../../conformance/select.js';
import { startMutatingProxy } from '../../conformance/test-support/mutating-proxy.js';
import { HTTP_FAULTS } from '../../conformance/test-support/wrong-http.js';
import { VARIANT_HTTP_FAULTS } from '../../conformance/test-support/wrong-http-variants.js';
import { CREDENTIALS, TIME_SCALE } from '../../conformance/test-support/wrong-target-harness.js';
import { startServer, type RunningServer } from '../server.js';
import { startProxy } from './start.js';
import { freePort } from '../../test/support/free-port.js';

type Expected = { rule: string; message: RegExp };

/** What the proxy reports for each wrong target, by the target's fault. */
const EXPECTED: Record<string, Expected> = {
  'answers 201 to a create': { rule: 'response.status', message: /postWebhook answered 201/ },
  'drops Error from error bodies': { rule: 'response.body', message: /required property 'Error'/ },
  'applies patches whose test fails': {
    rule: 'response.body',
    message: /patchWebhook 200: Response body has unknown fields 'Error'/,
  },
  'lets requests without credentials in': {
    rule: 'response.credentials',
    message: /without credentials/,
  },
  'answers 401 without a WWW-Authenticate challenge': {
    rule: 'response.headers',
    message: /www-authenticate/,
  },
  'ignores $select': { rule: 'response.select', message: /\$select=.* left/ },
  'ignores eventFilter': { rule: 'response.filters', message: /lack the eventFilter/ },
  'puts _Links on list items': {
    rule: 'response.body',
    message: /unknown field '_Links'/,
  },
  'leaves the documented ErrorsEmail out of list items': {
    rule: 'response.body',
    message: /ErrorsEmail/,
  },
  'answers WebhookId as a string': { rule: 'response.body', message: /WebhookId must be integer/ },
  'answers the agent in camelCase': { rule: 'response.body', message: /getWebhookAgent 200/ },
  'answers 200 null for an unknown id': {
    rule: 'response.body',
    message: /getWebhook 200: .*must be object/,
  },
  'ignores If-Unmodified-Since': {
    rule: 'sequence.if-unmodified-since',
    message: /patchWebhook let a write through with If-Unmodified-Since .*412 expected/,
  },
  'accepts a move operation (and ignores it)': {
    rule: 'response.refuses-invalid',
    message: /move is not supported/,
  },
  'reads a text/plain body as JSON instead of answering 415': {
    rule: 'response.refuses-invalid',
    message: /text\/plain/,
  },
  'answers JSON to Accept: application/xml': {
    rule: 'response.acceptable',
    message: /Accept: application\/xml/,
  },
  'answers null from LastError for a webhook without errors': {
    rule: 'response.body',
    message: /getWebhookLastError 200: .*string/,
  },
  'filters names by substring': { rule: 'response.filters', message: /is not the nameFilter/ },
  'only pretends to delete': {
    rule: 'sequence.deleted',
    message: /getWebhook answered 200 with webhook \d+, whose delete was acknowledged/,
  },
  'keeps Updated at the time of creation': {
    rule: 'sequence.dates',
    message: /patchWebhook changed webhook \d+ but Updated stayed/,
  },
  'moves Registered to the time of every update': {
    rule: 'sequence.dates',
    message: /webhook \d+: Registered is .*, was /,
  },
  'ignores the append form of add (/Events/-)': {
    rule: 'sequence.patch',
    message: /patchWebhook 200: Events is \[.*\], but the patch applied .* gives \[.*appended"\]/,
  },
  'replaces Headers as a whole in a merge patch': {
    rule: 'sequence.patch',
    message:
      /patchWebhook 200: Headers is \{"X-New":"n"\}, but .* gives \{"X-Keep":"k","X-New":"n"\}/,
  },
  'replaces Properties as a whole in a merge patch': {
    rule: 'sequence.patch',
    message: /patchWebhook 200: Properties is \{"new":"n"\}, but .* gives \{"keep":"k","new":"n"\}/,
  },
  'ignores null in a merge patch sent as application/merge-patch+json': {
    rule: 'sequence.patch',
    message: /patchWebhook 200: ErrorsEmail is "before@example.com", but .* gives absent/,
  },
  'compares nameFilter with case': {
    rule: 'sequence.name-filter',
    message: /getWebhookList nameFilter ".*MIXEDCASE" did not list webhook \d+/,
  },
  "compares the agent's NameFilter with case": {
    rule: 'sequence.name-filter',
    message: /getAllWebhooks nameFilter ".*mixedcase" did not list webhook \d+/,
  },
  'ignores $select on POST /Webhook': {
    rule: 'response.select',
    message: /postWebhook 200: \$select=/,
  },
  'ignores $select on PATCH': { rule: 'response.select', message: /patchWebhook 200: \$select=/ },
  'treats a statusFilter not spelled in PascalCase as no filter': {
    rule: 'response.filters',
    message: /is not the statusFilter/,
  },
  'ignores If-Unmodified-Since on PUT': {
    rule: 'sequence.if-unmodified-since',
    message: /putWebhook let a write through with If-Unmodified-Since .*412 expected/,
  },
  'ignores If-Unmodified-Since on DELETE': {
    rule: 'sequence.if-unmodified-since',
    message: /deleteWebhook let a write through with If-Unmodified-Since .*412 expected/,
  },
  'never counts failed attempts in TotalErrors': {
    rule: 'sequence.counters',
    message: /getWebhook: webhook \d+ has TotalErrors 0, .* relayed 1 failed of 2 attempts/,
  },
};

const WRONG = [...HTTP_FAULTS, ...VARIANT_HTTP_FAULTS];

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', timeScale: TIME_SCALE });
});
afterAll(async () => {
  await server?.close();
});

describe('the proxy in front of the wrong targets', () => {
  it('has an expectation for every wrong target that a proxy makes', () => {
    expect(WRONG.map((w) => w.fault).filter((fault) => !(fault in EXPECTED))).toEqual([]);
  });

  it.each(WRONG.map((w) => [w.fault, w] as const))(
    'a target that %s',
    async (fault, wrong) => {
      const target = await startMutatingProxy(server.url, wrong.proxy ?? {});
      // The runner's receiver behind the proxy's: deliveries pass the proxy on their way.
      const receiverPort = await freePort();
      const proxy = await startProxy({
        upstream: `${target.url}/api`,
        forward: `http://127.0.0.1:${receiverPort}`,
      });
      try {
        const { selected } = selectCases(ALL_CASES, { only: [wrong.caseId] });
        const run = await runConformance({
          target: proxy.url,
          credentials: CREDENTIALS,
          cases: selected,
          handleSignals: false,
          timeScale: TIME_SCALE,
          deliveryTimeoutMs: 3_000,
          receiver: {
            host: '127.0.0.1',
            port: receiverPort,
            publicUrl: proxy.receiverUrl('conformance'),
          },
          // A wrong target breaks choices of the contract too; under --strict those fail.
          strict: true,
        });
        // The precondition: the target is really wrong, as the suite sees it through the proxy.
        expect(run.verdicts.map((v) => v.status)).toEqual(['failed']);
        const expected = EXPECTED[fault] as Expected;
        const reported = proxy.entries().flatMap((e) => e.violations);
        const hit = reported.find(
          (v) => v.rule === expected.rule && expected.message.test(v.message),
        );
        expect(hit, reported.map((v) => `${v.rule} ${v.message}`).join('\n')).toBeDefined();
        expect(hit?.source).not.toBe('');
        expect(['vendor', 'choice']).toContain(hit?.origin);
      } finally {
        await proxy.close();
        await target.close();
      }
    },
    30_000,
  );
});
