// The small API a case runs against. Every webhook a save answers with is registered for
// deletion, so a case cannot leak what it created even if it fails half-way.
import type { Contract } from '../src/http/contract.js';
import { expectErrorShape, expectSchema, expectStatus, isEmptyBody, isRecord } from './expect.js';
import type { HttpClient } from './http-client.js';
import { CaseFailure, CaseSkipped, PreconditionError } from './outcome.js';
import type { Receiver } from './receiver.js';
import type {
  CaseContext,
  CreatedWebhook,
  Credentials,
  Evidence,
  HttpResponse,
  RequestOptions,
  WebhookInput,
} from './types.js';

export interface ContextDeps {
  client: HttpClient;
  contract: Contract;
  receiver: Receiver | undefined;
  runId: string;
  caseId: string;
  /** The target's base URL (its tenant prefix, if any, is the customer its deliveries name). */
  target: string;
  credentials: Credentials;
  deliveryTimeoutMs: number;
  timeScale: number;
  seed: number;
  deep?: number;
  signal: AbortSignal;
  /** Ids of webhooks this run created; the runner deletes exactly these. */
  created: Set<number>;
  /** Lines the verdict carries even when the case passes. */
  notes: string[];
}

// Saves answer with the saved webhook (REST POST/PUT/PATCH, Agent SaveWebhook; docs/sources.md §1).
const SAVE_PATH = /^\/api\/v1\/(webhook(\/\d+)?|agents\/webhook\/savewebhook)\/?$/i;

/** int32 max and below: valid ids (spec WebhookIdPath) that a real installation rarely reaches. */
const UNUSED_ID_CANDIDATES = [2147483647, 2147483646, 2147483645];

export function runPrefix(runId: string): string {
  return `soconf-${runId}`;
}

function trackSaved(created: Set<number>, method: string, path: string, res: HttpResponse): void {
  if (method === 'GET' || method === 'DELETE' || res.status !== 200) return;
  if (!SAVE_PATH.test(path.split('?')[0] ?? '')) return;
  if (isRecord(res.body) && typeof res.body.WebhookId === 'number' && res.body.WebhookId > 0) {
    created.add(res.body.WebhookId);
  }
}

/** `Cust12345` for a target whose path ends in /Cust12345 (any case), as Online spells it. */
export function tenantOfTarget(target: string): string | undefined {
  const digits = /\/cust(\d+)\/?$/i.exec(new URL(target).pathname)?.[1];
  return digits === undefined ? undefined : `Cust${digits}`;
}

export function createCaseContext(deps: ContextDeps): CaseContext {
  const { client, contract, runId, caseId } = deps;
  const slug = caseId.replace(/[^A-Za-z0-9.-]/g, '-');

  const request = async (method: string, path: string, options?: RequestOptions) => {
    const res = await client.send(method, path, options);
    trackSaved(deps.created, method, path, res);
    return res;
  };
  const requireReceiver = (): Receiver => {
    if (!deps.receiver) throw new CaseSkipped('no receiver is running for this run');
    return deps.receiver;
  };
  /** The ids createWebhook got in this case: a case that creates two needs two ids. */
  const createdHere = new Set<number>();
  const receiverPath = (suffix?: string) => `/${runId}/${slug}${suffix ? `/${suffix}` : ''}`;
  const ctx: CaseContext = {
    runId,
    caseId,
    tenant: tenantOfTarget(deps.target),
    credentials: deps.credentials,
    deliveryTimeoutMs: deps.deliveryTimeoutMs,
    timeScale: deps.timeScale,
    seed: deps.seed,
    ...(deps.deep === undefined ? {} : { deep: deps.deep }),
    signal: deps.signal,
    request,
    createWebhook: (input) => createWebhook(ctx, createdHere, input),
    track: (id) => void deps.created.add(id),
    name: (suffix) => `${runPrefix(runId)} ${suffix ?? slug}`,
    eventName: (suffix) => `soconf.${runId}.${slug}${suffix ? `.${suffix}` : ''}`.toLowerCase(),
    receiverPath,
    targetUrl: (suffix) => requireReceiver().url + receiverPath(suffix),
    requireReceiver,
    unusedId: () => unusedId(ctx),
    expectStatus,
    expectSchema: (operationId, res) => expectSchema(contract, operationId, res),
    expectErrorShape,
    check(condition, reason, res) {
      if (!condition) ctx.fail(reason, res);
    },
    fail(reason, res?: HttpResponse | Evidence): never {
      const evidence = res && 'evidence' in res ? res.evidence : res;
      throw new CaseFailure(reason, evidence ?? client.lastEvidence);
    },
    skip(reason): never {
      throw new CaseSkipped(reason);
    },
    note: (text) => void deps.notes.push(text),
  };
  return ctx;
}

async function createWebhook(
  ctx: CaseContext,
  createdHere: Set<number>,
  input: WebhookInput = {},
): Promise<CreatedWebhook> {
  const { Name, Events, TargetUrl, ...rest } = input;
  const name = ctx.name(typeof Name === 'string' ? Name : undefined);
  const event = Events?.[0] ?? ctx.eventName();
  const targetUrl = typeof TargetUrl === 'string' ? TargetUrl : ctx.targetUrl();
  const body = {
    Name: name,
    Events: Events ?? [event],
    TargetUrl: targetUrl,
    Type: 'webhook',
    State: 'Active',
    ...rest,
  };
  const res = await ctx.request('POST', '/api/v1/Webhook', { body });
  const created = res.body;
  if (res.status !== 200 || !isRecord(created) || typeof created.WebhookId !== 'number') {
    throw new PreconditionError('a created webhook', setupFailure(res), res.evidence);
  }
  const id = created.WebhookId;
  if (id <= 0 || createdHere.has(id)) {
    // Filters, lists and "must not touch the other one" checks compare webhooks by id: with
    // one id for two webhooks, what must not be listed is empty and would pass by itself.
    const why =
      id <= 0
        ? `POST /api/v1/Webhook answered WebhookId ${id} for a new webhook`
        : `the target answered WebhookId ${id} for two webhooks this case created`;
    throw new PreconditionError(
      id <= 0 ? 'a created webhook' : 'distinct webhook ids',
      why,
      res.evidence,
    );
  }
  createdHere.add(id);
  ctx.track(id);
  return { id: created.WebhookId, name, event, targetUrl, body: created };
}

/** Saving pings TargetUrl first (docs/sources.md §2c), so a refused save often means the target
 * cannot reach the receiver; say so. */
function setupFailure(res: HttpResponse): string {
  const body = isRecord(res.body) ? res.body : {};
  const said = [body.ErrorMessage, body.Message].find((m) => typeof m === 'string');
  if (res.status === 200) {
    return `could not create the webhook this case needs: POST /api/v1/Webhook answered 200 without a WebhookId`;
  }
  // Refused credentials are not a reachability problem: no hint on 401/403.
  const refused = res.status === 401 || res.status === 403;
  const hint =
    res.status >= 400 && res.status < 500 && !refused
      ? '; can the target reach the receiver? (--receiver-host, --receiver-url)'
      : '';
  return `could not create the webhook this case needs: POST /api/v1/Webhook answered ${res.status}${said ? ` "${String(said)}"` : ''}${hint}`;
}

async function unusedId(ctx: CaseContext): Promise<number> {
  for (const id of UNUSED_ID_CANDIDATES) {
    const res = await ctx.request('GET', `/api/v1/Webhook/${id}`);
    // A 2xx with no entity (null, as agent getters answer) holds nothing either. Taking it keeps
    // the unknown-id cases running, so a target that answers 200 null instead of 404 fails them
    // rather than skipping them.
    if (res.status === 404 || (res.status < 300 && isEmptyBody(res))) return id;
  }
  return ctx.skip('found no webhook id the target answers 404 for, so nothing is touched');
}
