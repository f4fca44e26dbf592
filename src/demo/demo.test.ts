import { createServer, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoCli } from './cli.js';

class Capture extends Writable {
  text = '';
  constructor(private readonly onText?: (text: string) => void) {
    super();
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString('utf8');
    this.onText?.(this.text);
    done();
  }
}

async function demo(argv: string[], env: Record<string, string> = {}, signal?: AbortSignal) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runDemoCli(argv, {
    stdout,
    stderr,
    isTTY: false,
    env,
    ...(signal ? { signal } : {}),
  });
  return { code, out: stdout.text, err: stderr.text };
}

/** The step headings in the order they were printed. */
const headings = (out: string): string[] =>
  [...out.matchAll(/^━━ Step (\d+): (.+)$/gm)].map((m) => `${m[1]}. ${m[2]}`);

describe('so-webhook-mock demo', () => {
  it('plays the default scenario to the end, naming each step, and exits 0', async () => {
    const { code, out, err } = await demo(['default']);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(headings(out)).toEqual([
      '1. Start the mock and a receiver',
      '2. Register a webhook with a Secret',
      '3. The save-time test event arrived',
      expect.stringMatching(
        /^4\. Register a monitor for webhook(\d+)\.errors and webhook\1\.started$/,
      ),
      '5. Signal contact.created (SignalEvent)',
      '6. The signed delivery arrived',
      '7. Verify the signature',
      '8. The receiver starts failing (500)',
      '9. Retries: X-SuperOffice-Retry 1, 2',
      '10. Repeated failures: TooManyErrors',
      '11. The outbox: mail to ErrorEmails',
      '12. The receiver recovers; re-activate with PATCH State Active',
      expect.stringMatching(/^13\. webhook\d+\.started arrived$/),
    ]);
    expect(out).toContain('✓ signature verified with the Secret');
    expect(out).toMatch(
      /⇢ receiver got POST \/hooks\/crm {2}contact\.changed {2}retry 2 {2}answered 500/,
    );
    expect(out).toMatch(/"State": "TooManyErrors"/);
    expect(out).not.toContain('✗');
    expect(out).toMatch(/Done: \d+ checks passed\./);
    // Plain text when the output is not a terminal.
    expect(out).not.toContain('\u001b[');
  });

  it.each([
    ['failing-receiver', ['410 disables the webhook at once', 'Replay the delivery from the log']],
    ['crmscript', ['No HTTP call: the invocation is recorded', 'A custom event: button.clicked']],
  ])('plays %s to the end', async (scenario, steps) => {
    const { code, out, err } = await demo([scenario]);
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const step of steps) expect(headings(out).join('\n')).toContain(step);
    expect(out).not.toContain('✗');
  });

  it('--keep stays up for curl until stopped, then exits 0', async () => {
    const controller = new AbortController();
    const stdout = new Capture((text) => {
      if (text.includes('Press Ctrl+C')) setImmediate(() => void tryIt(text));
    });
    let answered = 0;
    const tryIt = async (text: string) => {
      const url = /keeps running at (http:\/\/\S+?);/.exec(text)?.[1];
      const response = await fetch(`${url}/api/v1/Webhook`, {
        headers: { Authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` },
      });
      answered = response.status;
      controller.abort();
    };
    const stderr = new Capture();
    const code = await runDemoCli(['crmscript', '--keep'], {
      stdout,
      stderr,
      env: {},
      signal: controller.signal,
    });
    expect(code).toBe(0);
    expect(answered).toBe(200);
    expect(stdout.text).toMatch(
      /curl -s -u tje0:Tje0 http:\/\/127\.0\.0\.1:\d+\/api\/v1\/Webhook\n/,
    );
  });

  it('--help lists the scenarios', async () => {
    const { code, out } = await demo(['--help']);
    expect(code).toBe(0);
    for (const name of ['default', 'failing-receiver', 'crmscript'])
      expect(out).toContain(`  ${name} `);
  });

  it.each([
    [['nope'], /unknown scenario "nope"; the scenarios are: default, failing-receiver, crmscript/],
    [['--loud'], /Unknown option '--loud'/],
    [['default', 'crmscript'], /one scenario at a time/],
    [['--port', 'x'], /--port must be a port number/],
  ])('%j exits 2 with a usage message', async (argv, message) => {
    const { code, out, err } = await demo(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toContain('Usage: so-webhook-mock demo');
  });

  describe('when the port is taken', () => {
    let blocker: Server | undefined;
    afterEach(
      () => new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve())),
    );

    it('exits 1 saying why', async () => {
      blocker = createServer();
      const port = await new Promise<number>((resolve) =>
        blocker?.listen(0, '127.0.0.1', () => {
          const address = blocker?.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        }),
      );
      const { code, err } = await demo(['default', '--port', String(port)]);
      expect(code).toBe(1);
      expect(err).toMatch(/cannot start: .*EADDRINUSE/);
    });
  });
});
