import { createServer, type Server } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runDemoCli } from './cli.js';
import { StreamPrinter } from './printer.js';
import { DEMO_PORT, openSession } from './session.js';

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

/** A run on any free port (the default, 3000, may be another test's), unless argv names one. */
async function demo(argv: string[], env: Record<string, string> = {}, signal?: AbortSignal) {
  const stdout = new Capture();
  const stderr = new Capture();
  const ports = argv.includes('--port') ? [] : ['--port', '0'];
  const code = await runDemoCli([...argv, ...ports], {
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
    // Each delivery once: the tests of two saves and a re-activation, contact.created, 9 cycles
    // of 3 attempts of contact.changed, then webhook{id}.errors and webhook{id}.started.
    const arrivals = out.match(/^⇢ receiver got .*$/gm) ?? [];
    expect(arrivals).toHaveLength(3 + 1 + 9 * 3 + 2);
    expect(arrivals.filter((line) => /webhook\d+\.errors/.test(line))).toHaveLength(1);
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
    const code = await runDemoCli(['crmscript', '--keep', '--port', '0'], {
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
    const url = /keeps running at (http:\/\/\S+?);/.exec(stdout.text)?.[1];
    expect(stdout.text).toContain(
      `The mock keeps running at ${url}; the receiver answers 200.\nDashboard: ${url}/\n`,
    );
  });

  it('prints the dashboard URL first, before the scenario', async () => {
    const { code, out } = await demo(['crmscript', '--port', '0']);
    expect(code).toBe(0);
    const first = out.split('\n')[0];
    expect(first).toMatch(/^Dashboard: http:\/\/127\.0\.0\.1:\d+\/ {2}\(open it/);
    const url = /^Dashboard: (\S+)\//.exec(first ?? '')?.[1];
    const page = await fetch(`${url}/`).catch((error: unknown) => error);
    // The demo has stopped by now: its URL was the mock's own, which is closed.
    expect(page).toBeInstanceOf(Error);
    expect(out).toContain(`mock      ${url}  (fixture crmscript, in memory)`);
  });

  it('--step waits for Enter before each step', async () => {
    const stdin = new PassThrough();
    let prompts = 0;
    let early = '';
    const stdout = new Capture((text) => {
      const seen = text.match(/Press Enter for: /g)?.length ?? 0;
      if (seen === prompts) return;
      prompts = seen;
      // Before Enter, the step it announces has not started.
      if (prompts === 1) {
        setTimeout(() => {
          early = stdout.text;
          stdin.write('\n');
        }, 100);
      } else setImmediate(() => stdin.write('\n'));
    });
    const code = await runDemoCli(['crmscript', '--step', '--port', '0'], {
      stdout,
      stderr: new Capture(),
      env: {},
      stdin,
    });
    expect(code).toBe(0);
    expect(early).toContain('Press Enter for: Start the mock and a receiver');
    expect(early).not.toContain('━━ Step 1');
    expect(prompts).toBe(headings(stdout.text).length);
    expect(prompts).toBeGreaterThan(3);
  });

  it('--step plays on without waiting once the input ends', async () => {
    const stdin = new PassThrough();
    stdin.end();
    const { length } = headings((await demo(['crmscript'])).out);
    const stdout = new Capture();
    const code = await runDemoCli(['crmscript', '--step', '--port', '0'], {
      stdout,
      stderr: new Capture(),
      env: {},
      stdin,
    });
    expect(code).toBe(0);
    expect(headings(stdout.text)).toHaveLength(length);
  });

  it('--pace pauses before each step', async () => {
    const started = performance.now();
    const { code, out } = await demo(['crmscript', '--pace', '40']);
    const elapsed = performance.now() - started;
    expect(code).toBe(0);
    // A lower bound only: the pauses alone take this long, whatever the machine's speed.
    expect(elapsed).toBeGreaterThanOrEqual(headings(out).length * 40 * 0.9);
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
    [['--port', '65536'], /--port must be a port number/],
    [['--pace', 'slow'], /--pace must be milliseconds from 0 to 60000/],
    [['--pace', '60001'], /--pace must be milliseconds/],
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

    const blockPort = () => {
      blocker = createServer();
      return new Promise<number>((resolve) =>
        blocker?.listen(0, '127.0.0.1', () => {
          const address = blocker?.address();
          resolve(typeof address === 'object' && address ? address.port : 0);
        }),
      );
    };

    it('takes the next port of its list when the first is taken', async () => {
      const port = await blockPort();
      const session = await openSession(new StreamPrinter(new Capture(), false), {
        fixture: 'empty',
        ports: [port, 0],
      });
      try {
        expect(session.mock.url).not.toContain(`:${port}`);
        expect((await fetch(`${session.mock.url}/`)).status).toBe(200);
      } finally {
        await session.close();
      }
    });

    it('tries port 3000 first when no --port is given', async () => {
      const { out } = await demo(['--help']);
      expect(out).toContain(`default: ${DEMO_PORT}, or a free one if taken`);
    });

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
