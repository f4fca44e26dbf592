// Finding: the conformance runner trusted the server it judges. A hostile target's body went
// into the console report raw (escape sequences cleared the screen, set the title, wrote the
// clipboard with OSC 52, or printed a fake "all cases passed"); answers were read with no size
// limit (an endless body put ~1 GiB into the runner within --timeout 5); the runner's receiver
// kept every delivery (256 × 1 MiB grew it by ~300 MiB). Now answers are read up to a bound,
// the receiver keeps a bounded number of bytes, and the console shows control characters as
// escapes while JSON and JUnit keep the text exact.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, MAX_ANSWER_BYTES } from '../../conformance/http-client.js';
import { startReceiver, type Receiver } from '../../conformance/receiver.js';
import { consoleReport } from '../../conformance/reporters/console.js';
import { jsonReport } from '../../conformance/reporters/json.js';
import { junitReport } from '../../conformance/reporters/junit.js';
import type { Verdict } from '../../conformance/types.js';

let server: Server | undefined;
let receiver: Receiver | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await receiver?.close();
  server = undefined;
  receiver = undefined;
});

/** A target whose every answer is a body that never ends (until the client goes away). */
async function endlessTarget(): Promise<string> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  server = createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
}

describe('answers are read up to a bound', () => {
  it('an endless body is an error naming the bound, not a runner full of it', async () => {
    const target = await endlessTarget();
    const client = createHttpClient({ target, credentials: {}, timeoutMs: 20_000 });
    const heap = process.memoryUsage().arrayBuffers;
    const failure = await client.send('GET', '/api/v1/Webhook').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(`${MAX_ANSWER_BYTES} bytes`);
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(4 * MAX_ANSWER_BYTES);
  });

  it('a smaller bound applies when given', async () => {
    const target = await endlessTarget();
    const client = createHttpClient({
      target,
      credentials: {},
      timeoutMs: 20_000,
      maxAnswerBytes: 1000,
    });
    await expect(client.send('GET', '/api/v1/Webhook')).rejects.toThrow('1000 bytes');
  });
});

function post(url: string, body: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${url}/flood`, { method: 'POST', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe("the runner's receiver is bounded in total bytes", () => {
  it('a flood of 1 MiB deliveries drops the oldest, keeps the newest', async () => {
    receiver = await startReceiver({ maxKeptBytes: 3 * 1024 * 1024 });
    for (let i = 0; i < 12; i++) {
      expect(await post(receiver.url, Buffer.alloc(1024 * 1024, String(i % 10)))).toBe(200);
    }
    const kept = receiver.deliveries();
    const bytes = kept.reduce((sum, d) => sum + d.raw.length, 0);
    expect(bytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(kept.at(-1)?.raw[0]).toBe('1'.charCodeAt(0)); // the 12th: 11 % 10
  });
});

describe('target-supplied text reaches a terminal escaped', () => {
  const hostile =
    '\u001b[2J\u001b[H\u001b]0;owned\u0007\u001b]52;c;ZXZpbA==\u0007\r✓ all cases passed\u009b31m\u202eevil';
  const verdict: Verdict = {
    id: 'ops.get',
    area: 'operations',
    title: 'GET by id',
    source: 'spec C6',
    status: 'failed',
    durationMs: 3,
    reason: `expected 200, got ${hostile}`,
    notes: [hostile],
    evidence: {
      request: { method: 'GET', url: 'http://target/api', headers: {} },
      response: { status: 500, headers: { 'content-type': hostile }, body: `{"x":"${hostile}"}` },
    },
  };

  it('the console report holds no control character but line breaks (and its own colours)', () => {
    for (const color of [false, true]) {
      const text = consoleReport([verdict], { color, verbose: true, meta: { target: hostile } })
        // the reporter's own SGR colour codes are the only escapes allowed
        // eslint-disable-next-line no-control-regex
        .replace(/\u001b\[(?:\d+)m/g, '');
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
      expect(text).toContain('\\x1b]52;c;ZXZpbA==\\x07');
      expect(text).toContain('\\r✓ all cases passed');
    }
  });

  it('JSON and JUnit keep the text exact', () => {
    const json = JSON.parse(jsonReport([verdict], {})) as { verdicts: Verdict[] };
    expect(json.verdicts[0]?.reason).toBe(verdict.reason);
    expect(junitReport([verdict], {})).toContain('✓ all cases passed');
  });
});
