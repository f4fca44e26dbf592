// One-off HTTP requests outside the load generator: readiness probes, cold-start timing,
// capturing a response body, signalling events.
import { request as httpRequest, type Agent } from 'node:http';

export interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const POLL_MS = 5;

/** One request; `agent` false (the default) opens a connection for it alone. */
export function send(
  url: string,
  probe: Probe,
  timeoutMs = 10_000,
  agent: Agent | false = false,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      new URL(probe.path, url),
      { method: probe.method, headers: probe.headers, agent, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${probe.method} ${probe.path} timed out`)));
    req.on('error', reject);
    req.end(probe.body);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until the probe is answered 200 and returns when that happened (performance.now()).
 * Bounded by `deadlineMs`; connection refusals while the server boots are expected.
 */
export async function firstAnswer(url: string, probe: Probe, deadlineMs: number): Promise<number> {
  const giveUp = performance.now() + deadlineMs;
  let last = 'no answer';
  while (performance.now() < giveUp) {
    try {
      const answer = await send(url, probe, 2_000);
      if (answer.status === 200) return performance.now();
      last = `status ${answer.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await pause(POLL_MS);
  }
  throw new Error(`${url}${probe.path} never answered 200 within ${deadlineMs} ms (${last})`);
}
