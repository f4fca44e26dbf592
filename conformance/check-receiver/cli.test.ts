// `so-webhook-mock check-receiver` end to end in process: reports, exit codes, and receivers
// that are down, refuse connections, answer garbage or never answer, each ending in under 15 s.
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { listenLocal, type LocalListener } from '../../src/platform/local-listener.js';
import { startSampleReceiver, type SampleKind } from '../test-support/sample-receivers.js';
import { runCheckReceiverCli } from './cli.js';
import { runCli } from '../../test/support/spawn-server.js';

const SECRET = 'cli-s3cret';
const closers: Array<() => Promise<void>> = [];
afterAll(() => Promise.all(closers.map((close) => close())));

function sink(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

async function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const started = performance.now();
  const code = await runCheckReceiverCli(argv, { stdout, stderr, env: { NO_COLOR: '1' } });
  return { code, stdout: stdout.text(), stderr: stderr.text(), ms: performance.now() - started };
}

async function sample(kind: SampleKind): Promise<string> {
  const listener: LocalListener = await startSampleReceiver(kind, { secret: SECRET });
  closers.push(() => listener.close());
  return `${listener.url}/webhook`;
}

/** A raw TCP listener answering each connection as `onSocket` decides. */
async function tcp(onSocket: (socket: Socket) => void): Promise<string> {
  const sockets = new Set<Socket>();
  const server: Server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
}

describe('check-receiver CLI', () => {
  it('passes a correct receiver with exit 0 and cites every source', async () => {
    const result = await run(['--url', await sample('correct'), '--secret', SECRET, '--strict']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/receiver\n {2}✓ receiver\.test-event/);
    expect(result.stdout).toMatch(
      /source: https:\/\/docs\.superoffice\.com\/en\/automation\/webhook\/security\.html/,
    );
    expect(result.stdout).toMatch(/0 failed, 0 errors, 0 skipped/);
  });

  it('writes the JSON and JUnit reports; a receiver ignoring signatures fails under --strict', async () => {
    const url = await sample('ignores-signatures');
    const strict = await run(['--url', url, '--secret', SECRET, '--strict', '--report', 'json']);
    expect(strict.code).toBe(1);
    const report = JSON.parse(strict.stdout) as {
      format: string;
      verdicts: Array<{ id: string; status: string }>;
    };
    expect(report.format).toBe('so-webhook-mock/conformance-report@1');
    expect(report.verdicts.filter((v) => v.status === 'failed').map((v) => v.id)).toHaveLength(4);
    const lenient = await run(['--url', url, '--secret', SECRET, '--report', 'junit,console']);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/<testsuite name="receiver"/);
    expect(lenient.stdout).toMatch(/⚠ receiver\.signature\.tampered/);
    expect(lenient.stdout).toMatch(/warning: does not verify signatures/);
  });

  it('a receiver that refuses connections: exit 2 at once', async () => {
    const closed = await listenLocal(() => undefined);
    const url = `${closed.url}/hook`;
    await closed.close();
    const result = await run(['--url', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not be reached: .*ECONNREFUSED/);
    expect(result.ms).toBeLessThan(15_000);
  });

  it('a name that does not resolve: exit 2', async () => {
    const result = await run(['--url', 'http://receiver.invalid/hook']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not be reached/);
  });

  it('a receiver that answers garbage: exit 2, says it is not HTTP', async () => {
    const url = await tcp((socket) => socket.end('garbage, not HTTP\r\n\r\n'));
    const result = await run(['--url', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not HTTP/);
    expect(result.ms).toBeLessThan(15_000);
  });

  it('a receiver that closes every connection unanswered: exit 2', async () => {
    const url = await tcp((socket) => socket.destroy());
    const result = await run(['--url', url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not be reached/);
  });

  it('a receiver that never answers, at the default timeout: a clear failure in under 15 s', async () => {
    const url = await tcp(() => undefined);
    const result = await run(['--url', url, '--secret', SECRET]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✗ receiver\.test-event/);
    expect(result.stdout).toMatch(/no answer within 13 s/);
    expect(result.stdout).toMatch(/not sent: the receiver stopped answering/);
    expect(result.ms).toBeLessThan(15_000);
  }, 20_000);

  it('usage errors: exit 2 with a hint', async () => {
    for (const argv of [
      [],
      ['--url', 'http://127.0.0.1:1', '--report', 'html'],
      ['--url', 'x', '--bogus'],
    ]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/Run with --help/);
    }
    expect((await run(['--help'])).stdout).toMatch(/Usage: so-webhook-mock check-receiver/);
  });

  it('is the so-webhook-mock check-receiver command', async () => {
    const url = await sample('correct');
    const passed = await runCli(
      ['check-receiver', '--url', url, '--secret', SECRET, '--report', 'json'],
      {
        cwd: process.cwd(),
      },
    );
    expect(passed.code).toBe(0);
    expect(JSON.parse(passed.stdout)).toMatchObject({ summary: { failed: 0, error: 0 } });
    const down = await runCli(['check-receiver', '--url', 'http://127.0.0.1:9/x'], {
      cwd: process.cwd(),
    });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/could not be reached/);
  });
});
