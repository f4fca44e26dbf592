// Whether a request the inbox received carries a valid X-SuperOffice-Signature, checked the way
// a receiver written for SuperOffice checks it (docs/sources.md §3c): against the Secret of a webhook
// whose TargetUrl is this inbox.
import type { WebhookRecord } from '../domain/webhook.js';
import type { StateStore } from '../store/state-store.js';
import { verifySignature } from '../delivery/signature.js';

/**
 * `verified`: a webhook targeting this inbox signed it. `invalid`: signed, but by no such
 * webhook's Secret. `unsigned`: no signature, as sent for a webhook without a Secret.
 * `unknown-webhook`: signed, and no webhook targets this inbox (yet: the save-time `test`
 * ping arrives before the webhook is stored, so this verdict is looked at again on reading).
 */
export type SignatureVerdict = 'verified' | 'invalid' | 'unsigned' | 'unknown-webhook';

export interface InboxTarget {
  /** The ContextIdentifier of the store the webhook lives in. */
  tenant: string;
  webhook: WebhookRecord;
}

export interface Verdict {
  verdict: SignatureVerdict;
  webhookId: number | null;
  tenant: string | null;
}

/** True when `targetUrl` names the inbox `path` (`/__inbox/<name>`) on any host of the mock. */
export function targetsInbox(targetUrl: string | null | undefined, path: string): boolean {
  if (!targetUrl) return false;
  try {
    return new URL(targetUrl).pathname.toLowerCase() === path.toLowerCase();
  } catch {
    return false;
  }
}

/** The webhooks, in every store given, whose TargetUrl is the inbox `path`. */
export function inboxTargets(
  stores: ReadonlyArray<{ id: string; store: Pick<StateStore, 'list'> }>,
  path: string,
): InboxTarget[] {
  return stores.flatMap(({ id, store }) =>
    store
      .list()
      .filter((webhook) => webhook.Type !== 'crmscript' && targetsInbox(webhook.TargetUrl, path))
      .map((webhook) => ({ tenant: id, webhook })),
  );
}

/**
 * The targets with the tenant the payload names first: tenants seeded from one fixture share
 * webhook ids and secrets, and the payload's ContextIdentifier says which one sent it.
 */
function senderFirst(body: string, targets: readonly InboxTarget[]): readonly InboxTarget[] {
  if (targets.length < 2) return targets;
  const context = /"ContextIdentifier"\s*:\s*"([^"\\]*)"/.exec(body)?.[1];
  if (context === undefined) return targets;
  return [
    ...targets.filter((t) => t.tenant === context),
    ...targets.filter((t) => t.tenant !== context),
  ];
}

export function signatureVerdict(
  body: string,
  signature: string | undefined,
  all: readonly InboxTarget[],
): Verdict {
  const targets = senderFirst(body, all);
  if (signature === undefined || signature === '') {
    const plain = targets.find((t) => !t.webhook.Secret);
    return {
      verdict: 'unsigned',
      webhookId: plain?.webhook.WebhookId ?? null,
      tenant: plain?.tenant ?? null,
    };
  }
  if (targets.length === 0) return { verdict: 'unknown-webhook', webhookId: null, tenant: null };
  const signer = targets.find(
    (t) => t.webhook.Secret && verifySignature(t.webhook.Secret, body, signature),
  );
  if (!signer) return { verdict: 'invalid', webhookId: null, tenant: null };
  return { verdict: 'verified', webhookId: signer.webhook.WebhookId, tenant: signer.tenant };
}
