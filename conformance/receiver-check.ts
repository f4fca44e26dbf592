// Before the delivery cases: does the target reach the receiver at all? A save sends a `test`
// POST to TargetUrl (docs/sources.md §2c), so one save tells. When nothing arrives, every case that
// watches the receiver is reported at once under one root cause, instead of each waiting out
// its own delivery timeout for a POST that will never come.
import { runPrefix } from './context.js';
import { isRecord } from './expect.js';
import type { HttpClient } from './http-client.js';
import type { Receiver } from './receiver.js';
import type { Evidence } from './types.js';

export const REACHES_RECEIVER = 'the target reaches the receiver';

export interface ReceiverCheck {
  /** Why the target does not reach the receiver; undefined when it does (or cannot be told). */
  unreached?: string;
  evidence?: Evidence;
  /** The webhook the check created, for the run's cleanup. */
  createdId?: number;
}

export async function checkReceiverReached(
  client: HttpClient,
  receiver: Receiver,
  runId: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ReceiverCheck> {
  const path = `/${runId}/receiver-check`;
  const res = await client.send('POST', '/api/v1/Webhook', {
    body: {
      Name: `${runPrefix(runId)} receiver-check`,
      Events: [`soconf.${runId}.receiver-check`],
      TargetUrl: receiver.url + path,
      Type: 'webhook',
      State: 'Active',
    },
  });
  const id = isRecord(res.body) && typeof res.body.WebhookId === 'number' ? res.body.WebhookId : 0;
  const createdId = res.status === 200 && id > 0 ? id : undefined;
  // Refused credentials are judged by the auth cases and the pre-flight, not here.
  if (res.status === 401 || res.status === 403) return { createdId };
  const ping = await receiver.waitFor((d) => d.path === path, timeoutMs, signal);
  if (ping || signal.aborted) return { createdId };
  const seconds = timeoutMs / 1000;
  const unreached =
    res.status === 200
      ? `a save answered 200 but no test POST reached ${receiver.url} within ${seconds} s`
      : `a save answered ${res.status} and no test POST reached ${receiver.url} within ${seconds} s (can the target reach it? --receiver-host, --receiver-url)`;
  return { unreached, evidence: res.evidence, createdId };
}
