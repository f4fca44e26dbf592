// The route tests' app: createApp on an in-memory store seeded from fixtures/default.json, a
// real dispatcher whose network I/O is a recording fake, a manual clock, and every response
// checked against the spec: route tests use app.request() on a memory store.
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { createApp, type Env, type Logger, type ResponseCheck } from '../../src/app.js';
import type { DeliveryAttemptResult, DeliveryRequest } from '../../src/delivery/deliver.js';
import { Dispatcher } from '../../src/delivery/dispatcher.js';
import { stateFromFixture } from '../../src/fixture-loader/fixtures.js';
import { loadContract, type Contract } from '../../src/http/contract.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/platform/limits.js';
import { FIXTURES_DIR } from '../../src/paths.js';
import { memoryStore } from '../../src/store/memory-store.js';
import type { StoreState } from '../../src/store/state.js';
import type { StateStore } from '../../src/store/state-store.js';
import { ManualClock } from './manual-clock.js';

/** The default fixture's credentials (fixtures/default.json). */
export const BASIC = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
export const SOTICKET = 'SOTicket 7T:mock-ticket-tje0';
export const BEARER = 'Bearer 8A:mock-token-tje0';

export type Answer = (request: DeliveryRequest) => DeliveryAttemptResult;

export const answer200: Answer = () => ({
  ok: true,
  status: 200,
  statusText: 'OK',
  responseHeaders: { 'Content-Type': 'text/plain' },
  responseBody: 'OK',
  latencyMs: 0,
});

export const answerStatus =
  (status: number, responseBody = 'boom'): Answer =>
  () => ({
    ok: status === 200,
    status,
    statusText: '',
    responseHeaders: { 'Content-Type': 'text/plain' },
    responseBody,
    latencyMs: 0,
  });

export interface TestAppOptions {
  auth?: 'on' | 'none';
  limits?: Partial<Limits>;
  targets?: { strict: boolean; verify: boolean };
  /** Fixture data instead of fixtures/default.json. */
  fixture?: unknown;
  /** Where the app reports what it logs (spec/README.md C32's mismatches, 500s). */
  logger?: Logger;
}

export interface TestApp {
  app: Hono<Env>;
  contract: Contract;
  store: StateStore;
  dispatcher: Dispatcher;
  clock: ManualClock;
  /** Every request the fake `deliver` was handed, in order. */
  sent: DeliveryRequest[];
  /** How the fake target answers; 200 OK unless a test changes it. */
  answer: Answer;
  /** Spec problems of the responses seen so far, as `operationId status location: message`. */
  problems: string[];
  /** Responses the onResponse hook saw. */
  checked: ResponseCheck[];
  /** app.request with Basic credentials unless the test gives an Authorization header ('' = none). */
  call(path: string, init?: CallInit): Promise<Response>;
  /** Runs deliveries and their retries (advancing the clock) until nothing is pending. */
  drain(): Promise<void>;
}

export interface CallInit {
  method?: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON (Content-Type application/json unless given); a string as is. */
  body?: unknown;
}

let contractPromise: Promise<Contract> | undefined;
/** The spec is compiled once per test file; Prism caches validators on its schema objects. */
export const sharedContract = (): Promise<Contract> => (contractPromise ??= loadContract());

let fixturePromise: Promise<unknown> | undefined;
const defaultFixture = (): Promise<unknown> =>
  (fixturePromise ??= readFile(`${FIXTURES_DIR}default.json`, 'utf8').then(
    (text) => JSON.parse(text) as unknown,
  ));

/** The spec problems of one response (the same check the onResponse hook runs). */
export function specProblems(contract: Contract, check: ResponseCheck): string[] {
  return contract
    .validateResponse(check.operationId, check)
    .map((p) => `${check.operationId} ${check.status} ${p.location}: ${p.message}`);
}

function encodeBody(init: CallInit, headers: Headers): string | Uint8Array | undefined {
  if (init.body === undefined) return undefined;
  if (typeof init.body === 'string' || init.body instanceof Uint8Array) return init.body;
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return JSON.stringify(init.body);
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const contract = await sharedContract();
  const clock = new ManualClock('2026-03-01T12:00:00.000Z');
  const data = options.fixture ?? (await defaultFixture());
  const state: StoreState = stateFromFixture('default.json', data, contract, clock.now());
  const store = memoryStore(state);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const harness = { sent: [] as DeliveryRequest[], answer: answer200 };
  const dispatcher = new Dispatcher({
    store,
    clock,
    deliver: (request) => {
      harness.sent.push(request);
      return Promise.resolve(harness.answer(request));
    },
    timeScale: 1,
    standardWebhooks: false,
    strictTargets: options.targets?.strict ?? false,
    limits,
  });
  const problems: string[] = [];
  const checked: ResponseCheck[] = [];
  const app = createApp({
    contract,
    store,
    deliveries: dispatcher,
    clock,
    auth: options.auth ?? 'on',
    ...(options.logger ? { logger: options.logger } : {}),
    limits,
    targets: options.targets ?? { strict: false, verify: true },
    onResponse: (check) => {
      checked.push(check);
      problems.push(...specProblems(contract, check));
    },
  });
  const call = (path: string, init: CallInit = {}) => {
    const headers = new Headers({ authorization: BASIC, ...init.headers });
    // An empty Authorization means "send none".
    if (headers.get('authorization') === '') headers.delete('authorization');
    const body = encodeBody(init, headers);
    return Promise.resolve(
      app.request(path, { method: init.method ?? 'GET', headers, ...(body ? { body } : {}) }),
    );
  };
  const drain = async () => {
    for (let round = 0; round < 200; round++) {
      const idle = await Promise.race([
        dispatcher.idle().then(() => true),
        new Promise<false>((resolve) => setImmediate(() => resolve(false))),
      ]);
      if (idle) return;
      if (clock.pending() > 0) await clock.advance(60_000);
    }
    throw new Error('deliveries did not settle within 200 rounds');
  };
  return Object.assign(harness, {
    ...{ app, contract, store, dispatcher, clock, problems, checked },
    ...{ call, drain },
  });
}

/** The SuperOffice error body of a response, checked to have the documented keys (C1). */
export async function errorOf(response: Response): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  const keys = ['Error', 'ErrorType', 'Message', 'ErrorMessage', 'ErrorSource'];
  if (Object.keys(body).sort().join() !== [...keys].sort().join() || body.Error !== true) {
    throw new Error(`not a SuperOffice error body: ${JSON.stringify(body)}`);
  }
  if (body.Message !== body.ErrorMessage) throw new Error('Message and ErrorMessage differ');
  return body;
}
