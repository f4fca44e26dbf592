// `so-webhook-mock proxy` as a process: one line per violation while it runs, the report on
// Ctrl-C, exit 1 when the upstream broke a rule, 2 on a usage error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMutatingProxy } from '../../conformance/test-support/mutating-proxy.js';
import { killSpawned, runCli, startCli, tempDir } from '../../test/support/spawn-server.js';
import { startServer, type RunningServer } from '../server.js';
import { parseProxyArgs } from './cli.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
let server: RunningServer;
let temp: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  temp = await tempDir('proxy-cli');
});
afterEach(async () => {
  await killSpawned();
});
afterAll(async () => {
  await server?.close();
  await temp?.remove();
});

describe('so-webhook-mock proxy', () => {
  it('prints each violation, reports on Ctrl-C and exits 1 when a rule was broken', async () => {
    const wrong = await startMutatingProxy(server.url, {
      response: (res, req) =>
        req.method === 'GET' && res.status === 200 ? { ...res, status: 201 } : res,
    });
    try {
      const cli = startCli(
        ['proxy', '--upstream', `${wrong.url}/api`, '--port', '0', '--reporter', 'json'],
        {
          cwd: temp.dir,
        },
      );
      const url = await new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = /proxy listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.stdout());
          if (match) resolve(match[1] as string);
        };
        cli.child.stdout?.on('data', check);
        void cli.exited.then((r) => reject(new Error(r.stderr)));
      });
      const res = await fetch(`${url}/api/v1/Webhook`, { headers: { authorization: AUTH } });
      expect(res.status).toBe(201);
      cli.child.kill('SIGINT');
      const result = await cli.exited;
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^violation: GET \/api\/v1\/Webhook 201: getWebhookList answered 201.*\[vendor: /m,
      );
      const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
        summary: { failed: number };
      };
      expect(report.summary.failed).toBe(1);
    } finally {
      await wrong.close();
    }
  }, 60_000);

  it('refuses a usage error with exit 2', async () => {
    const result = await runCli(['proxy', '--port', '4010'], { cwd: temp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--upstream <url> or --replay <dir>/);
    // The hint names the command's own help, not the server's.
    expect(result.stderr).toMatch(/Run "so-webhook-mock proxy --help" for the options/);
    expect(result.stderr).not.toMatch(/serve --help/);
    const unknown = await runCli(['proxy', '--upstream', 'http://127.0.0.1:9/api', '--nope'], {
      cwd: temp.dir,
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Run "so-webhook-mock proxy --help" for the options/);
    const missing = await runCli(['proxy', '--replay', 'nothing-here', '--port', '0'], {
      cwd: temp.dir,
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing-here: no recording here/);
  }, 30_000);

  it('takes the upstream retry time scale, 1 unless told, as the mock reads --time-scale', () => {
    const args = (extra: string[]) =>
      parseProxyArgs(['--upstream', 'http://127.0.0.1:9/api', ...extra]);
    const options = (extra: string[]) => {
      const parsed = args(extra);
      if (parsed === 'help') throw new Error('help');
      return parsed.options;
    };
    expect(options([]).timeScale).toBe(1);
    expect(options(['--time-scale', '0.01']).timeScale).toBe(0.01);
    expect(() => args(['--time-scale', 'fast'])).toThrow(/time-scale/);
  });
});
