// Hosts the mutated mock and the conformance suite for the mutation run (vitest globalSetup, so
// it lives in vitest's main process, which StrykerJS keeps for the whole run). StrykerJS starts a
// fresh vitest worker for every mutant; importing the mock there and compiling the contract's
// validators cost about 3 s of CPU per mutant, most of it loading and compiling npm packages
// (Prism, Ajv, Hono) that are never mutated. Here those stay loaded, and each session (one test
// file run, i.e. one mutant) re-evaluates every module of src/ and conformance/ from scratch with
// the session's mutant already active: a static mutant (code run at import) is in effect at
// load, exactly as in a fresh worker, and nothing a previous mutant left in a module's state
// (its caches, the store, the server) survives into the next session.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// Types only: the modules themselves are imported afresh in each session (below).
import type { Contract } from '../../src/http/contract.js';
import type { startServer } from '../../src/server.js';
import type { runConformance } from '../run.js';
import type { ConformanceCase, Credentials } from '../types.js';
import type { CaseOutcome, Coverage, SessionEnd, SessionStart } from './host-protocol.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};
/** As the wrong-target harness: retry delays ten times shorter, and the run is told so. */
const TIME_SCALE = 0.1;
/**
 * The tenant router (src/tenants/) runs only on a tenant's path: its mutants are measured in a
 * run of their own (`npm run mutation:tenants`, vitest.mutation-tenants.config.ts) whose suite
 * targets a tenant, every other file's against the root.
 */
const TENANT_ID = /^Cust\d+$/;

/** StrykerJS's global namespace as its instrumented code reads it (`__stryker__`). */
interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  mutantCoverage?: Coverage;
  hitCount?: number;
  hitLimit?: number;
}

/** The slice of vitest's module runner (the one that loaded this file) that a session resets. */
interface ModuleGraph {
  idToModuleMap: Map<string, { file?: string | null }>;
  invalidateModule(node: unknown): void;
}

type Server_ = Awaited<ReturnType<typeof startServer>>;
type RunConformance = typeof runConformance;

interface Session {
  ns: StrykerNamespace;
  server?: Server_;
  contract?: Contract;
  cases?: ReadonlyMap<string, ConformanceCase>;
  runConformance?: RunConformance;
  /** Why the mock did not load or start, or the first error it threw outside a request. */
  failure?: string;
}

const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);

/** The cases the mutation run judges by: all but the slow ones and the differential run. */
export const judgedCases = (cases: readonly ConformanceCase[]): ConformanceCase[] =>
  cases.filter((c) => !c.slow && c.id !== 'differential.sequences');

class MockHost {
  private session: Session | undefined;
  private readonly ownRoots: string[];

  constructor(
    root: string,
    private readonly graph: ModuleGraph,
    /** The tenant the suite targets ('' for the root). */
    private readonly tenant: string,
  ) {
    this.ownRoots = ['src', 'conformance'].map((dir) => path.join(root, dir) + path.sep);
  }

  /** Forget every module of the mock and the suite, so the next import evaluates them again. */
  private resetModules(): void {
    const self = path.resolve(import.meta.filename);
    for (const node of this.graph.idToModuleMap.values()) {
      const file = node.file ? path.resolve(node.file) : undefined;
      if (!file || file === self) continue;
      if (this.ownRoots.some((dir) => file.startsWith(dir))) this.graph.invalidateModule(node);
    }
  }

  /**
   * An error the mutated mock threw outside a request fails the session running then. The host
   * listens for the whole run: a delivery timer or socket of a session can fire after its cases,
   * and a process without a listener (or with vitest's, below) would end, which StrykerJS
   * retries and then files as a runtime error instead of a kill.
   */
  private readonly onStray = (error: unknown): void => {
    if (this.session && this.session.failure === undefined) {
      this.session.failure = `the mock threw outside a request: ${describeError(error)}`;
    }
  };

  /** Vitest's listeners that end the process on an unhandled rejection, set aside meanwhile. */
  private readonly setAside: Array<(...args: unknown[]) => void> = [];

  listen(): void {
    process.on('uncaughtException', this.onStray);
    process.on('unhandledRejection', this.onStray);
  }

  /**
   * Vitest's reporter exits on any unhandled rejection in its main process, where the mock runs
   * (it registers that listener when a run starts, after the global setup).
   */
  private setAsideExits(): void {
    for (const listener of process.listeners('unhandledRejection')) {
      if (listener !== this.onStray && listener.name === 'onUnhandledRejection') {
        process.off('unhandledRejection', listener);
        this.setAside.push(listener as (...args: unknown[]) => void);
      }
    }
  }

  dispose(): void {
    process.off('uncaughtException', this.onStray);
    process.off('unhandledRejection', this.onStray);
    for (const listener of this.setAside.splice(0)) process.on('unhandledRejection', listener);
  }

  async begin(start: SessionStart): Promise<{ failure?: string }> {
    await this.end();
    const ns = ((globalThis as Record<string, unknown>)[start.namespace] ??=
      {}) as StrykerNamespace;
    ns.activeMutant = start.activeMutant;
    ns.hitLimit = start.hitLimit;
    ns.hitCount = start.activeMutant === undefined ? undefined : 0;
    ns.currentTestId = undefined;
    ns.mutantCoverage = { static: {}, perTest: {} };
    const session: Session = { ns };
    this.session = session;
    this.setAsideExits();
    this.resetModules();
    try {
      const { startServer } = await import('../../src/server.js');
      const { loadContract } = await import('../../src/http/contract.js');
      const { ALL_CASES } = await import('../cases/index.js');
      session.runConformance = (await import('../run.js')).runConformance;
      session.cases = new Map(judgedCases(ALL_CASES).map((c) => [c.id, c]));
      session.contract = await loadContract();
      // The mock's request validators compile on each operation's first request, so StrykerJS
      // would credit their code to the first case that used the operation and judge those
      // mutants by it alone. Compiled here in the run without a mutant, while no case runs, the
      // code counts as load-time: its mutants are judged by every case (and in their own runs
      // compile lazily again, with the mutant already active).
      const contract = await loadContract();
      if (start.activeMutant === undefined) contract.compileRequestValidators();
      session.server = await startServer({
        port: 0,
        host: '127.0.0.1',
        db: ':memory:',
        auth: 'on',
        timeScale: TIME_SCALE,
        contract,
      });
    } catch (error) {
      session.failure = `the mock did not load or start: ${describeError(error)}`;
    }
    return { failure: session.failure };
  }

  async runCase(id: string, testId: string | undefined): Promise<CaseOutcome> {
    const session = this.session;
    if (!session) return { status: 'error', reason: 'no session: the test file did not begin one' };
    if (session.failure !== undefined) return { status: 'error', reason: session.failure };
    const testCase = session.cases?.get(id);
    if (!testCase || !session.server || !session.runConformance) {
      return { status: 'error', reason: `the mutated suite has no case ${id}` };
    }
    session.ns.currentTestId = testId;
    try {
      const result = await session.runConformance({
        target: this.tenant === '' ? session.server.url : `${session.server.url}/${this.tenant}`,
        credentials: CREDENTIALS,
        cases: [testCase],
        contract: session.contract,
        handleSignals: false,
        timeScale: TIME_SCALE,
        // The mock answers in-process in milliseconds: a request still open after 5 s is a
        // hang, and a mutant that hangs one is killed sooner than at the CLI's 10 s.
        timeoutMs: 5_000,
        deliveryTimeoutMs: 3_000,
        strict: true,
        seed: 1,
      });
      const [verdict] = result.verdicts;
      if (session.failure !== undefined) return { status: 'error', reason: session.failure };
      return { status: verdict?.status ?? 'error', reason: verdict?.reason ?? 'no verdict' };
    } catch (error) {
      return { status: 'error', reason: `the run threw: ${describeError(error)}` };
    } finally {
      session.ns.currentTestId = undefined;
    }
  }

  async end(): Promise<SessionEnd> {
    const session = this.session;
    if (!session) return {};
    this.session = undefined;
    try {
      await session.server?.close();
    } catch {
      // A mutant that breaks closing leaves a listener behind; the next session starts its own.
    }
    const { ns } = session;
    const ended: SessionEnd = { coverage: ns.mutantCoverage, hitCount: ns.hitCount };
    ns.activeMutant = undefined;
    ns.hitCount = undefined;
    ns.mutantCoverage = undefined;
    return ended;
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function listen(host: MockHost): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      let answer: unknown;
      try {
        const body = await readJson(request);
        if (request.url === '/begin') answer = await host.begin(body as unknown as SessionStart);
        else if (request.url === '/case') {
          answer = await host.runCase(String(body.id), body.testId as string | undefined);
        } else if (request.url === '/end') answer = await host.end();
        else answer = { status: 'error', reason: `unknown request ${request.url}` };
      } catch (error) {
        answer = { status: 'error', reason: describeError(error), failure: describeError(error) };
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    })();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

declare module 'vitest' {
  export interface ProvidedContext {
    mutationHost: string;
    mutationCases: string[];
    /** The tenant the suite targets; absent for the root. */
    mutationTenant?: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const graph = (project as unknown as { runner?: { evaluatedModules?: ModuleGraph } }).runner
    ?.evaluatedModules;
  if (!graph || typeof graph.invalidateModule !== 'function') {
    throw new Error('vitest no longer exposes its module runner: the mock host cannot reset it');
  }
  const tenant = project.getProvidedContext().mutationTenant ?? '';
  if (tenant !== '' && !TENANT_ID.test(tenant)) {
    throw new Error(`mutationTenant ${tenant} is not a tenant id (CustNNNN)`);
  }
  const host = new MockHost(project.config.root, graph, tenant);
  host.listen();
  // The case list, read once without a mutant: a mutant that breaks the suite's loading fails
  // every case instead of removing them.
  const { ALL_CASES } = await import('../cases/index.js');
  project.provide(
    'mutationCases',
    judgedCases(ALL_CASES).map((c) => c.id),
  );
  const server = await listen(host);
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the host did not listen');
  project.provide('mutationHost', `http://127.0.0.1:${address.port}`);
  return async () => {
    await host.end();
    host.dispose();
    await new Promise((resolve) => server.close(resolve));
  };
}
