// A run leaves the target's data as it found it: after the whole suite, after a run interrupted
// by its abort signal half-way through a save, and after Ctrl-C (SIGINT) reaches the CLI — the
// webhooks the run created are gone and every webhook that was there is exactly as it was,
// including ones that look like a run's own.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/server.js';
import { ALL_CASES } from './cases/index.js';
import { runConformance } from './run.js';
import { startMutatingProxy, type Exchange } from './test-support/mutating-proxy.js';
import { lookalikeFixture, targetState } from './test-support/target-state.js';
import type { Credentials } from './types.js';

const CREDENTIALS: Credentials = {
  user: 'tje0',
  password: 'Tje0',
  ticket: '7T:mock-ticket-tje0',
  token: '8A:mock-token-tje0',
};
const ROOT = fileURLToPath(new URL('..', import.meta.url));

let server: RunningServer;
let fixture: string;
beforeAll(async () => {
  fixture = await lookalikeFixture();
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    auth: 'on',
    fixture,
    timeScale: 0.01,
  });
});
afterAll(async () => {
  await server?.close();
  if (fixture) await rm(dirname(fixture), { recursive: true, force: true });
});

const isCreate = (req: Exchange) => req.method === 'POST' && req.url === '/api/v1/Webhook';

/** A proxy that calls `onCreate(n)` when the server has answered the n-th successful create. */
function createCounter(onCreate: (n: number, body: string) => void) {
  let creates = 0;
  return startMutatingProxy(server.url, {
    response: (res, req) => {
      if (isCreate(req) && res.status === 200) onCreate(++creates, res.body);
      return res;
    },
  });
}

describe('a conformance run leaves the target as it found it', () => {
  it('after the whole suite', async () => {
    const before = await targetState(server);
    expect(Object.keys(before.entities)).toHaveLength(5);
    const result = await runConformance({
      target: server.url,
      credentials: CREDENTIALS,
      cases: ALL_CASES,
      handleSignals: false,
    });
    expect(result.verdicts.length).toBe(ALL_CASES.length);
    expect(result.cleanup.failed).toEqual([]);
    expect(result.cleanup.deleted.length).toBeGreaterThan(50);
    expect(await targetState(server)).toEqual(before);
  }, 120_000);

  it('after a run interrupted while the target was saving', async () => {
    const before = await targetState(server);
    const controller = new AbortController();
    let lostId: number | undefined;
    // The third create is stored, but the run is interrupted before its answer arrives: only
    // the sweep by the run's name prefix can find that webhook.
    const proxy = await createCounter((n, body) => {
      if (n !== 3) return;
      lostId = (JSON.parse(body) as { WebhookId: number }).WebhookId;
      controller.abort();
    });
    try {
      const result = await runConformance({
        target: proxy.url,
        credentials: CREDENTIALS,
        cases: ALL_CASES,
        handleSignals: false,
        signal: controller.signal,
      });
      expect(result.interrupted).toBe(true);
      // The cases not yet begun are skipped; those that run alongside the others had begun
      // with the run, and are reported interrupted too.
      const concurrent = new Set(ALL_CASES.filter((c) => c.concurrent).map((c) => c.id));
      const [alongside, inTurn] = [true, false].map((along) =>
        result.verdicts.filter((v) => concurrent.has(v.id) === along),
      );
      expect(inTurn?.at(-1)).toMatchObject({ status: 'skipped', reason: 'interrupted' });
      expect(alongside?.map((v) => [v.status, v.reason])).toEqual(
        [...concurrent].map(() => ['error', 'interrupted']),
      );
      expect(result.cleanup.deleted).toContain(lostId);
      expect(result.cleanup.failed).toEqual([]);
    } finally {
      await proxy.close();
    }
    expect(await targetState(server)).toEqual(before);
  });

  it('after Ctrl-C reaches the CLI, which exits 130', async () => {
    const before = await targetState(server);
    let child: ReturnType<typeof spawn> | undefined;
    const proxy = await createCounter((n) => {
      if (n === 4) child?.kill('SIGINT');
    });
    try {
      const args = ['--import', 'tsx', 'src/cli.ts', 'conformance', '--target', proxy.url];
      args.push('--user', 'tje0', '--password', 'Tje0', '--reporter', 'json');
      child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child?.on('close', resolve));
      expect(code).toBe(130);
      const report = JSON.parse(stdout) as { interrupted: boolean; summary: { skipped: number } };
      expect(report.interrupted).toBe(true);
      expect(report.summary.skipped).toBeGreaterThan(0);
    } finally {
      child?.kill('SIGKILL');
      await proxy.close();
    }
    expect(await targetState(server)).toEqual(before);
  }, 60_000);
});
