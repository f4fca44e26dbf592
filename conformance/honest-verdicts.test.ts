// Verdicts on a server that does not give a case what it needs: an unmet precondition is an
// error naming it (never a pass), an unreachable receiver is one root cause reported at once,
// refused credentials stop the run, a choice of the contract warns unless --strict, and every
// failure carries a curl command with its credentials masked.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/server.js';
import { loadContract } from '../src/http/contract.js';
import { ALL_CASES } from './cases/index.js';
import { runConformanceCli } from './cli.js';
import { expectSchema } from './expect.js';
import { outcomeOf } from './outcome.js';
import { curlOf } from './reporters/curl.js';
import { rootCauses } from './reporters/root-causes.js';
import { runConformance } from './run.js';
import { selectCases } from './select.js';
import { editObject } from './test-support/wrong-target.js';
import { startMutatingProxy } from './test-support/mutating-proxy.js';
import type { ConformanceCase, HttpResponse } from './types.js';
import { verdictOf } from './verdict.js';

const CREDENTIALS = { user: 'tje0', password: 'Tje0' };
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on' });
});
afterAll(async () => {
  await server?.close();
});

const cases = (...ids: string[]) => selectCases(ALL_CASES, { only: ids }).selected;

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(argv: string[], only: readonly ConformanceCase[]) {
  const out = sink();
  const err = sink();
  const io = { stdout: out.stream, stderr: err.stream, env: {}, cases: only };
  const code = await runConformanceCli(argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('a case whose setup does not give it what it needs', () => {
  it('is an error naming the precondition when two creates answer one WebhookId', async () => {
    let first: number | undefined;
    const proxy = await startMutatingProxy(server.url, {
      response: (res, req) =>
        req.method === 'POST' &&
        req.url.startsWith('/api/v1/Webhook?') === false &&
        req.url === '/api/v1/Webhook' &&
        res.status === 200
          ? editObject(res, (b) => {
              first ??= Number(b.WebhookId);
              b.WebhookId = first;
            })
          : res,
    });
    try {
      const filters = ALL_CASES.filter((c) => c.id.startsWith('filters.')).map((c) => c.id);
      const result = await runConformance({
        target: proxy.url,
        credentials: CREDENTIALS,
        cases: cases(...filters),
        handleSignals: false,
      });
      const twoWebhooks = result.verdicts.filter((v) => v.precondition !== undefined);
      expect(twoWebhooks.length).toBeGreaterThanOrEqual(5);
      for (const v of twoWebhooks) {
        expect(v.status).toBe('error');
        expect(v.precondition).toBe('distinct webhook ids');
        expect(v.reason).toMatch(/answered WebhookId \d+ for two webhooks this case created/);
      }
      // Cases that create one webhook cannot see the fault; none that needs two passes.
      const passed = result.verdicts.filter((v) => v.status === 'passed').map((v) => v.id);
      expect(passed).not.toContain('filters.event');
      expect(passed).not.toContain('filters.status-any-case');
    } finally {
      await proxy.close();
    }
  });

  it('reports every delivery case at once under one root cause when the receiver is unreached', async () => {
    const delivery = ALL_CASES.filter((c) => c.needsReceiver && !c.slow).slice(0, 6);
    const result = await runConformance({
      target: server.url,
      credentials: CREDENTIALS,
      cases: delivery,
      handleSignals: false,
      deliveryTimeoutMs: 1_000,
      // The target is told a URL nothing listens on.
      receiver: { publicUrl: 'http://127.0.0.1:9' },
    });
    for (const v of result.verdicts) {
      expect(v.status, v.id).toBe('error');
      expect(v.precondition).toBe('the target reaches the receiver');
      expect(v.durationMs).toBe(0);
    }
    const causes = rootCauses(result.verdicts);
    expect(causes).toHaveLength(1);
    expect(causes[0]?.reason).toMatch(/^the target does not reach the receiver: a save answered/);
    expect(causes[0]?.ids).toEqual(delivery.map((c) => c.id));
  });

  it('gives no receiver hint when a save is refused for its credentials', async () => {
    const result = await runConformance({
      target: server.url,
      credentials: { user: 'tje0', password: 'wrong' },
      cases: cases('operations.get'),
      handleSignals: false,
    });
    const [v] = result.verdicts;
    expect(v?.status).toBe('error');
    expect(v?.reason).toMatch(/answered 401/);
    expect(v?.reason).not.toMatch(/reach the receiver/);
  });
});

describe('rules that are choices of the contract', () => {
  const schemaCase = ALL_CASES.find((c) => c.id === 'operations.get')!;
  async function failureOf(body: Record<string, unknown>) {
    const contract = await loadContract();
    const raw = JSON.stringify(body);
    const res: HttpResponse = {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
      raw,
      evidence: {
        request: { method: 'GET', url: 'http://127.0.0.1/api/v1/Webhook/1', headers: {} },
      },
    };
    try {
      expectSchema(contract, 'getWebhook', res);
    } catch (thrown) {
      return outcomeOf(thrown, undefined);
    }
    throw new Error('expected a schema failure');
  }
  const valid = async () => {
    const res = await fetch(`${server.url}/api/v1/Webhook/default`, {
      headers: { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` },
    });
    // The default entity as GET /Webhook/{id} answers it: with its links.
    return { ...((await res.json()) as Record<string, unknown>), _Links: {} };
  };

  it('warns on WebhookId minimum 0, which the vendor does not state, and fails it with --strict', async () => {
    const outcome = await failureOf({ ...(await valid()), WebhookId: -2147483648 });
    const warned = verdictOf(schemaCase, { ...outcome, durationMs: 1 });
    expect(warned.status).toBe('warning');
    expect(warned.origin).toBe('choice');
    expect(warned.reason).toMatch(/the contract's choice: minimum on WebhookId/);
    expect(warned.source).toMatch(/^spec\/README\.md/);
    expect(verdictOf(schemaCase, { ...outcome, durationMs: 1 }, true).status).toBe('failed');
  });

  it('fails a constraint the vendor states (the State enum) without --strict', async () => {
    const outcome = await failureOf({ ...(await valid()), State: 'Sleeping' });
    const verdict = verdictOf(schemaCase, { ...outcome, durationMs: 1 });
    expect(verdict.status).toBe('failed');
    expect(verdict.origin).toBe('documented');
  });

  it('says for every verdict whether its rule is documented or a choice', () => {
    for (const c of ALL_CASES.slice(0, 40)) {
      const v = verdictOf(c, { status: 'passed', durationMs: 0 });
      expect(v.origin).toBe(c.tags.includes('choice') ? 'choice' : 'documented');
    }
  });
});

describe('the CLI against refused credentials', () => {
  it('stops with exit 2 naming the credential flags when none are given', async () => {
    const { code, stderr } = await cli(['--target', server.url], cases('operations.get'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/refused a request without credentials.*--user\/--password.*--token/);
  });

  it('stops with exit 2 when the credentials given are refused', async () => {
    const argv = ['--target', server.url, '--user', 'tje0', '--password', 'nope'];
    const { code, stderr } = await cli(argv, cases('operations.get'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/refused the credentials given.*--user\/--password/);
  });
});

describe('reproducing a failure', () => {
  it('prints a curl command with the credentials masked', () => {
    const command = curlOf({
      method: 'PATCH',
      url: 'http://127.0.0.1:3000/api/v1/Webhook/7?$select=Name',
      headers: { authorization: 'Basic ***', 'content-type': 'application/json' },
      body: `[{"op":"replace","path":"/Name","value":"it's"}]`,
    });
    expect(command).toBe(
      `curl -sS -i -X PATCH 'http://127.0.0.1:3000/api/v1/Webhook/7?$select=Name' -u "$SO_USER:$SO_PASSWORD" -H 'content-type: application/json' --data-raw '[{"op":"replace","path":"/Name","value":"it'\\''s"}]'`,
    );
    expect(
      curlOf({ method: 'GET', url: 'http://x/', headers: { authorization: 'Bearer ***' } }),
    ).toContain('"Authorization: Bearer $SO_TOKEN"');
  });

  it('reruns one case of a JSON report with --replay and --case', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'soconf-replay-'));
    try {
      const out = join(dir, 'run');
      const only = cases('operations.get', 'operations.get-default');
      const argv = ['--target', server.url, '--user', 'tje0', '--password', 'Tje0'];
      const first = await cli([...argv, '--seed', '42', '--reporter', 'json', '--out', out], only);
      expect(first.code).toBe(0);
      const report = JSON.parse(await readFile(`${out}.json`, 'utf8')) as { seed: number };
      expect(report.seed).toBe(42);
      const replay = await cli(
        [
          '--replay',
          `${out}.json`,
          '--case',
          'operations.get',
          '--user',
          'tje0',
          '--password',
          'Tje0',
          '--reporter',
          'json',
        ],
        only,
      );
      expect(replay.code).toBe(0);
      const rerun = JSON.parse(replay.stdout) as {
        target: string;
        seed: number;
        verdicts: { id: string }[];
      };
      expect(rerun.verdicts.map((v) => v.id)).toEqual(['operations.get']);
      expect(rerun).toMatchObject({ target: server.url, seed: 42 });
      await writeFile(join(dir, 'bad.json'), '{"verdicts":[]}');
      const missing = await cli(
        ['--replay', join(dir, 'bad.json'), '--case', 'operations.get'],
        only,
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('has no case operations.get');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
