// `so-webhook-mock demo [scenario]`: plays a scenario against a fresh mock and the built-in
// receiver, then stops by itself; with --keep it stays up for the audience's own curl calls.
// The dashboard's URL comes first, so a presenter can open it before the first step.
import { parseArgs } from 'node:util';
import { Pacer } from './pacer.js';
import { StreamPrinter, wantsColour } from './printer.js';
import { findScenario, SCENARIOS, type Scenario } from './scenarios/index.js';
import { DEMO_PORT, DEMO_TIME_SCALE, DEMO_USER, openSession, type Session } from './session.js';

export interface DemoIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY?: boolean;
  /** For NO_COLOR; process.env when left out. */
  env?: Record<string, string | undefined>;
  /** Ends --keep; SIGINT or SIGTERM when left out. */
  signal?: AbortSignal;
  /** Where --step reads Enter; process.stdin when left out. */
  stdin?: NodeJS.ReadableStream;
}

const width = Math.max(...SCENARIOS.map((s) => s.name.length)) + 2;

export const DEMO_HELP = `Usage: so-webhook-mock demo [scenario] [options]

Plays a scenario step by step against a fresh mock (in memory, retry delays x${DEMO_TIME_SCALE})
and a built-in webhook receiver, both on 127.0.0.1, printing every request and delivery.

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(width)} ${s.summary}`).join('\n')}

Options:
  --step       wait for Enter before each step (for presenting to a room)
  --pace <ms>  pause this long before each step (default: 0)
  --keep       keep the mock running afterwards and print curl commands to try (Ctrl+C stops)
  --port <n>   port of the mock and its dashboard (default: ${DEMO_PORT}, or a free one if taken;
               0 for any free port)
  -h, --help   show this help

Colours on a terminal unless NO_COLOR is set.
`;

interface Run {
  scenario: Scenario;
  keep: boolean;
  step: boolean;
  paceMs: number;
  /** Ports to try in turn. */
  ports: number[];
}
type Parsed = { help: true } | Run;

const MAX_PACE_MS = 60_000;

function parse(argv: string[]): Parsed | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        keep: { type: 'boolean' },
        step: { type: 'boolean' },
        pace: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  if (parsed.values.help) return { help: true };
  const [name = 'default', ...extra] = parsed.positionals;
  if (extra.length > 0) return `one scenario at a time, got: ${parsed.positionals.join(' ')}`;
  const scenario = findScenario(name);
  if (!scenario) {
    return `unknown scenario "${name}"; the scenarios are: ${SCENARIOS.map((s) => s.name).join(', ')}`;
  }
  const { port, pace } = parsed.values;
  const portNumber = Number(port ?? DEMO_PORT);
  if (!/^\d+$/.test(port ?? '0') || portNumber > 65535) {
    return `--port must be a port number, got "${port}"`;
  }
  const paceMs = Number(pace ?? 0);
  if (!/^\d+$/.test(pace ?? '0') || paceMs > MAX_PACE_MS) {
    return `--pace must be milliseconds from 0 to ${MAX_PACE_MS}, got "${pace}"`;
  }
  return {
    scenario,
    keep: parsed.values.keep === true,
    step: parsed.values.step === true,
    paceMs,
    ports: port === undefined ? [DEMO_PORT, 0] : [portNumber],
  };
}

function curlHints(session: Session, scenario: Scenario): string[] {
  const url = session.mock.url;
  const u = `-u ${DEMO_USER.name}:${DEMO_USER.password}`;
  const id = session.webhookId ?? 1;
  const signal = JSON.stringify({ EventName: scenario.tryEvent, PrimaryKey: 7 });
  return [
    `curl -s ${u} ${url}/api/v1/Webhook`,
    `curl -s ${u} ${url}/api/v1/Webhook/${id}`,
    `curl -s ${u} -X POST -H 'Content-Type: application/json' -d '${signal}' ${url}/api/v1/Agents/Webhook/SignalEvent`,
    `curl -s ${u} -X PATCH -H 'Content-Type: application/merge-patch+json' -d '{"State":"Stopped"}' ${url}/api/v1/Webhook/${id}`,
    `curl -s '${url}/__admin/deliveries?limit=3'`,
    `curl -s ${url}/__admin/outbox`,
    `curl -s -X POST '${url}/__admin/reset?fixture=${scenario.fixture}'`,
  ];
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function play(session: Session, scenario: Scenario): Promise<boolean> {
  await session.step('Start the mock and a receiver', async () => {
    session.print.note(`mock      ${session.mock.url}  (fixture ${scenario.fixture}, in memory)`);
    session.print.note(`receiver  ${session.receiver.url}`);
    session.print.note(`Retry delays are x${DEMO_TIME_SCALE}: 1 s and 4 s become 10 ms and 40 ms.`);
  });
  await scenario.run(session);
  const { checks, failures } = session;
  session.print.line('');
  if (failures.length === 0) session.print.line(`Done: ${checks} checks passed.`);
  else session.print.line(`${failures.length} of ${checks} checks failed.`);
  return failures.length === 0;
}

async function keep(session: Session, scenario: Scenario, signal?: AbortSignal): Promise<void> {
  session.receiver.recover();
  session.print.line('');
  session.print.line(`The mock keeps running at ${session.mock.url}; the receiver answers 200.`);
  session.print.line(`Dashboard: ${session.mock.url}/`);
  session.print.line('Try (deliveries to the receiver are printed as they arrive):');
  for (const hint of curlHints(session, scenario)) session.print.line(`  ${hint}`);
  session.print.line('Press Ctrl+C to stop.');
  await untilStopped(signal);
}

export async function runDemoCli(argv: string[], io: DemoIo): Promise<number> {
  const parsed = parse(argv);
  if (typeof parsed === 'string') {
    io.stderr.write(`so-webhook-mock demo: ${parsed}\n\n${DEMO_HELP}`);
    return 2;
  }
  if ('help' in parsed) {
    io.stdout.write(DEMO_HELP);
    return 0;
  }
  const env = io.env ?? process.env;
  const print = new StreamPrinter(io.stdout, wantsColour(io.isTTY, env));
  const pacer = new Pacer({
    step: parsed.step,
    paceMs: parsed.paceMs,
    input: io.stdin ?? process.stdin,
  });
  let session: Session;
  try {
    session = await openSession(print, {
      fixture: parsed.scenario.fixture,
      ports: parsed.ports,
      pacer,
    });
  } catch (error) {
    pacer.close();
    io.stderr.write(`so-webhook-mock demo: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  print.line(`Dashboard: ${session.mock.url}/  (open it to watch the deliveries live)`);
  if (parsed.ports.length > 1 && Number(new URL(session.mock.url).port) !== parsed.ports[0]) {
    print.line(`  (port ${DEMO_PORT} is taken, so the demo took a free one)`);
  }
  print.line(`so-webhook-mock demo: ${parsed.scenario.name}, ${parsed.scenario.summary}`);
  try {
    const passed = await play(session, parsed.scenario);
    if (parsed.keep) await keep(session, parsed.scenario, io.signal);
    return passed ? 0 : 1;
  } catch (error) {
    io.stderr.write(`so-webhook-mock demo: stopped: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await session.close();
  }
}
