// Runs the selected cases against a target — one after another, but for the few that mostly
// wait for deliveries and start with the run (schedule.ts) — and always cleans up: the
// webhooks a case created are deleted (by id, and only those) after the case, and once more at
// the end of the run — also when a case fails, throws, or the run is interrupted (SIGINT/SIGTERM).
import { randomBytes } from 'node:crypto';
import { loadContract, type Contract } from '../src/http/contract.js';
import { deleteCreated, sweepByName, type CleanupReport } from './cleanup.js';
import { createCaseContext, runPrefix } from './context.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from './http-client.js';
import { outcomeOf, type Outcome } from './outcome.js';
import { checkReceiverReached, REACHES_RECEIVER, type ReceiverCheck } from './receiver-check.js';
import { startReceiver, type Receiver, type ReceiverOptions } from './receiver.js';
import { ALONGSIDE_FROM_TIME_SCALE, runInCaseOrder } from './schedule.js';
import type { ConformanceCase, Credentials, Verdict } from './types.js';
import { verdictOf } from './verdict.js';

export interface RunOptions {
  /** Root URL before `/api/v1`. */
  target: string;
  credentials: Credentials;
  cases: readonly ConformanceCase[];
  timeoutMs?: number;
  deliveryTimeoutMs?: number;
  /** The factor the target's retry delays are scaled by (`--time-scale`; default 1). */
  timeScale?: number;
  /** Seeds the random cases (`--seed`); a random one otherwise, shown in their notes. */
  seed?: number;
  /** Where the receiver listens; `false` runs without one (cases that need it are skipped). */
  receiver?: ReceiverOptions | false;
  contract?: Contract;
  runId?: string;
  signal?: AbortSignal;
  /** Install SIGINT/SIGTERM handlers that interrupt the run (default true). */
  handleSignals?: boolean;
  onVerdict?: (verdict: Verdict) => void;
  /** A rule that is only a choice of the contract fails instead of warning (`--strict`). */
  strict?: boolean;
  /** `--deep <n>`: sequences of the differential case, unlimited in time, instead of its default. */
  deep?: number;
}

export interface RunResult {
  runId: string;
  target: string;
  startedAt: string;
  durationMs: number;
  interrupted: boolean;
  verdicts: Verdict[];
  cleanup: CleanupReport;
  /** The seed the random cases ran with (given, or drawn for this run). */
  seed: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

export const newRunId = (): string => randomBytes(4).toString('hex');

function interruptOnSignals(controller: AbortController, enabled: boolean): () => void {
  if (!enabled) return () => undefined;
  const onSignal = (): void => controller.abort();
  // `once`: a second Ctrl-C finds no listener and ends the process the default way.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

interface RunState {
  options: RunOptions;
  /** The run's client, for what comes before the cases. */
  client: HttpClient;
  /** Each case gets a client of its own, so its evidence is its own exchanges even when it
   * runs alongside another. */
  clientOptions: HttpClientOptions;
  cleanupClient: HttpClient;
  contract: Contract;
  receiver: Receiver | undefined;
  runId: string;
  signal: AbortSignal;
  cleanup: CleanupReport;
  everCreated: Set<number>;
  seed: number;
  strict: boolean;
  receiverCheck: ReceiverCheck;
}

async function runOne(state: RunState, testCase: ConformanceCase): Promise<Verdict> {
  const created = new Set<number>();
  const notes: string[] = [];
  const started = performance.now();
  const client = createHttpClient(state.clientOptions);
  const ctx = createCaseContext({
    client,
    contract: state.contract,
    receiver: state.receiver,
    runId: state.runId,
    caseId: testCase.id,
    target: state.options.target,
    credentials: state.options.credentials,
    deliveryTimeoutMs: state.options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS,
    timeScale: state.options.timeScale ?? 1,
    seed: state.seed,
    ...(state.options.deep === undefined ? {} : { deep: state.options.deep }),
    signal: state.signal,
    created,
    notes,
  });
  try {
    let outcome: Outcome;
    try {
      await testCase.run(ctx);
      outcome = { status: 'passed' };
    } catch (thrown) {
      outcome = outcomeOf(thrown, client.lastEvidence);
    }
    // Whatever a case concluded while the run was being interrupted — a wait cut short reads as
    // "nothing arrived" — it judged nothing; the cases that run alongside are often under way.
    if (state.signal.aborted) {
      outcome = {
        status: 'error',
        reason: 'interrupted',
        ...(outcome.evidence && { evidence: outcome.evidence }),
      };
    }
    const durationMs = performance.now() - started;
    return verdictOf(testCase, { ...outcome, durationMs, notes }, state.strict);
  } finally {
    created.forEach((id) => state.everCreated.add(id));
    await deleteCreated(state.cleanupClient, created, state.cleanup);
  }
}

/** Once per run, before the first case that watches the receiver. */
async function checkReceiver(state: RunState): Promise<void> {
  const { receiver, options } = state;
  // Only a case that changes the target can make it deliver; a read-only run saves nothing.
  if (!receiver || !options.cases.some((c) => c.needsReceiver && c.mutates)) return;
  const timeoutMs = options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  try {
    state.receiverCheck = await checkReceiverReached(
      state.client,
      receiver,
      state.runId,
      timeoutMs,
      state.signal,
    );
  } catch {
    // No answer to the save: the cases themselves report that, each with its evidence.
    return;
  }
  if (state.receiverCheck.createdId !== undefined) {
    state.everCreated.add(state.receiverCheck.createdId);
  }
}

function receiverUnreached(testCase: ConformanceCase, why: string, check: ReceiverCheck): Verdict {
  return verdictOf(testCase, {
    status: 'error',
    durationMs: 0,
    reason: `precondition not met (${REACHES_RECEIVER}): ${why}`,
    precondition: REACHES_RECEIVER,
    ...(check.evidence && { evidence: check.evidence }),
    facts: { cause: `the target does not reach the receiver: ${why}` },
  });
}

/** Runs the case, unless the run was interrupted or the target cannot reach the receiver. */
async function verdictFor(state: RunState, testCase: ConformanceCase): Promise<Verdict> {
  if (state.signal.aborted) {
    return verdictOf(testCase, { status: 'skipped', durationMs: 0, reason: 'interrupted' });
  }
  const unreached = testCase.needsReceiver ? state.receiverCheck.unreached : undefined;
  if (unreached !== undefined) return receiverUnreached(testCase, unreached, state.receiverCheck);
  return runOne(state, testCase);
}

async function startReceiverIfNeeded(options: RunOptions): Promise<Receiver | undefined> {
  if (options.receiver === false) return undefined;
  const needed = options.cases.some((c) => c.mutates || c.needsReceiver);
  return needed ? startReceiver(options.receiver ?? {}) : undefined;
}

async function createState(options: RunOptions, signal: AbortSignal): Promise<RunState> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const clientOptions = { target: options.target, credentials: options.credentials, timeoutMs };
  return {
    options,
    client: createHttpClient({ ...clientOptions, signal }),
    clientOptions: { ...clientOptions, signal },
    // Cleanup must still work after an interrupt, so it never shares the run's abort signal.
    cleanupClient: createHttpClient(clientOptions),
    contract: options.contract ?? (await loadContract()),
    receiver: undefined,
    runId: options.runId ?? newRunId(),
    signal,
    cleanup: { deleted: [], failed: [] },
    everCreated: new Set(),
    seed: options.seed ?? randomBytes(4).readUInt32BE() % 2_147_483_647,
    strict: options.strict ?? false,
    receiverCheck: {},
  };
}

async function cleanUp(state: RunState): Promise<void> {
  await deleteCreated(state.cleanupClient, state.everCreated, state.cleanup);
  if (state.options.cases.some((c) => c.mutates)) {
    await sweepByName(state.cleanupClient, runPrefix(state.runId), state.cleanup);
  }
  await state.receiver?.close();
}

export async function runConformance(options: RunOptions): Promise<RunResult> {
  const controller = new AbortController();
  const signal = options.signal
    ? AbortSignal.any([controller.signal, options.signal])
    : controller.signal;
  const startedAt = new Date();
  const started = performance.now();
  const state = await createState(options, signal);
  const stopListening = interruptOnSignals(controller, options.handleSignals ?? true);
  let verdicts: Verdict[] = [];
  try {
    state.receiver = await startReceiverIfNeeded(options);
    await checkReceiver(state);
    const run = (testCase: ConformanceCase) => verdictFor(state, testCase);
    const alongside = (options.timeScale ?? 1) >= ALONGSIDE_FROM_TIME_SCALE;
    const onVerdict = (v: Verdict) => options.onVerdict?.(v);
    verdicts = await runInCaseOrder(options.cases, run, onVerdict, alongside);
  } finally {
    await cleanUp(state);
    stopListening();
  }
  return {
    runId: state.runId,
    target: options.target,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    interrupted: signal.aborted,
    verdicts,
    cleanup: state.cleanup,
    seed: state.seed,
  };
}
