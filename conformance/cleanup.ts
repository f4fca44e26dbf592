// Deleting what a run created, and nothing else: ids the target answered a save with, plus —
// for saves whose answer never arrived (interrupt, timeout) — webhooks whose Name carries this
// run's unique prefix. Webhooks that were on the target before the run are never addressed.
import { isRecord } from './expect.js';
import type { HttpClient } from './http-client.js';
import type { HttpResponse } from './types.js';

export interface CleanupReport {
  deleted: number[];
  failed: { id: number; reason: string }[];
}

async function tryDelete(client: HttpClient, id: number): Promise<string | undefined> {
  let rest: HttpResponse | undefined;
  try {
    // 404 means it is already gone (C6), which is what cleanup wants.
    rest = await client.send('DELETE', `/api/v1/Webhook/${id}`);
    if ([200, 204, 404].includes(rest.status)) return undefined;
    // The Agent surface is the fallback for targets whose REST delete misbehaves (docs/sources.md §1b A3).
    const agent = await client.send('POST', '/api/v1/Agents/Webhook/DeleteWebhook', {
      query: { WebhookId: id },
    });
    if ([200, 204].includes(agent.status)) return undefined;
    return `DELETE answered ${rest.status}, DeleteWebhook answered ${agent.status}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function deleteCreated(
  client: HttpClient,
  ids: Iterable<number>,
  report: CleanupReport,
): Promise<void> {
  for (const id of ids) {
    if (report.deleted.includes(id)) continue;
    const problem = await tryDelete(client, id);
    report.failed = report.failed.filter((f) => f.id !== id);
    if (problem === undefined) report.deleted.push(id);
    else report.failed.push({ id, reason: problem });
  }
}

/** Ids of listed webhooks whose Name starts with `prefix` followed by a space. */
export function idsNamedWith(list: unknown, prefix: string): number[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter(isRecord)
    .filter((w) => typeof w.Name === 'string' && w.Name.startsWith(`${prefix} `))
    .map((w) => w.WebhookId)
    .filter((id): id is number => typeof id === 'number' && id > 0);
}

export async function sweepByName(
  client: HttpClient,
  prefix: string,
  report: CleanupReport,
): Promise<void> {
  try {
    // nameFilter matches a whole name ("Only return hooks with this name"), so list them all.
    const list = await client.send('GET', '/api/v1/Webhook');
    if (list.status === 200) await deleteCreated(client, idsNamedWith(list.body, prefix), report);
  } catch {
    // Best effort: the ids the run saw were already deleted one by one.
  }
}
