// Wrong targets around the server's `deliver` for the delivery rules the suite once checked only
// on the happy path (retries, docs/sources.md §3d) and for the negative checks that raced: each
// breaks one documented property of retrying, or delivers where nothing may arrive a moment
// after the deliveries a case waits for.
import type { DeliveryAttemptResult, DeliveryRequest } from '../../src/delivery/deliver.js';
import type { WebhookRecord } from '../../src/domain/webhook.js';
import type { StateStore } from '../../src/store/state-store.js';
import type { DeliverFault, WrongDelivery } from './wrong-delivery.js';

/** How long after the real delivery a stray one is sent: well inside any quiet window. */
const STRAY_AFTER_MS = 40;

const header = (req: DeliveryRequest, name: string): string | undefined =>
  Object.entries(req.headers).find(([k]) => k.toLowerCase() === name)?.[1];

function withHeader(req: DeliveryRequest, name: string, value: string): DeliveryRequest {
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== name.toLowerCase()),
  );
  return { ...req, headers: { ...headers, [name]: value } };
}

const isFailure = (r: DeliveryAttemptResult) => r.status !== 200;
const isRetry = (req: DeliveryRequest) => (header(req, 'x-superoffice-retry') ?? '0') !== '0';
const isEvent = (req: DeliveryRequest) => header(req, 'x-hook-test') === undefined;

/** Sends `req` to every URL `urls` picks, `STRAY_AFTER_MS` after the real delivery. */
function strayAfter(pick: (req: DeliveryRequest, store: StateStore) => string[]): DeliverFault {
  return async (req, send, store) => {
    const result = await send(req);
    if (isEvent(req)) {
      const urls = pick(req, store);
      setTimeout(() => {
        for (const url of urls) void send({ ...req, url });
      }, STRAY_AFTER_MS);
    }
    return result;
  };
}

/** Strays to the stored webhooks `which` picks for the event delivered. */
const strayTo = (which: (w: WebhookRecord, event: string) => boolean): DeliverFault =>
  strayAfter((req, store) => {
    const event = header(req, 'x-superoffice-event') ?? '';
    return store
      .list()
      .filter((w) => which(w, event))
      .map((w) => w.TargetUrl ?? '');
  });

/**
 * Remembers every TargetUrl it pinged on save; an event delivered to one URL is also sent to
 * the pinged URLs beside it (same parent path) that no live webhook has any more — the case's
 * deleted webhook, which listened for the same event.
 */
function deletedListeners(): DeliverFault {
  const pinged = new Set<string>();
  return async (req, send, store) => {
    if (!isEvent(req)) {
      pinged.add(req.url);
      return send(req);
    }
    const parent = (url: string) => url.slice(0, url.lastIndexOf('/'));
    const live = new Set(store.list().map((w) => w.TargetUrl));
    const strays = [...pinged].filter(
      (url) => url !== req.url && parent(url) === parent(req.url) && !live.has(url),
    );
    return strayAfter(() => strays)(req, send, store);
  };
}

/** A new EventId on a retry, in the header and the body (the retry cases set no Secret). */
function newEventId(req: DeliveryRequest): DeliveryRequest {
  const id = '00000000-0000-4000-8000-00000000beef';
  const body = req.body.replace(/"EventId":"[^"]*"/, `"EventId":"${id}"`);
  return withHeader({ ...req, body }, 'X-SuperOffice-EventId', id);
}

/** Reports the attempts `when` picks as delivered (200), so the server never retries them. */
const deliveredWhen =
  (when: (result: DeliveryAttemptResult, req: DeliveryRequest) => boolean): DeliverFault =>
  async (req, send) => {
    const result = await send(req);
    return when(result, req) ? { ...result, ok: true, status: 200 } : result;
  };

export const RETRY_DELIVERY_FAULTS: WrongDelivery[] = [
  {
    fault: 'never retries a failed attempt',
    caseId: 'deliveries.retry-after-failure',
    reason: /no retry reached/,
    unaffected: ['deliveries.arrives'],
    deliver: deliveredWhen((result, req) => isFailure(result) && isEvent(req)),
  },
  {
    fault: 'sends X-SuperOffice-Retry 0 on every attempt',
    caseId: 'deliveries.retry-after-failure',
    reason: /X-SuperOffice-Retry/,
    unaffected: ['deliveries.headers'],
    deliver: (req, send) => send(withHeader(req, 'X-SuperOffice-Retry', '0')),
  },
  {
    fault: 'gives a retry a new EventId',
    caseId: 'deliveries.retry-after-failure',
    reason: /EventId/,
    unaffected: ['deliveries.payload-shape'],
    deliver: (req, send) => send(isRetry(req) ? newEventId(req) : req),
  },
  {
    fault: 'retries at once instead of after the documented delay',
    caseId: 'deliveries.retry-spacing',
    reason: /second attempt came .* after the first/,
    unaffected: ['deliveries.retry-after-failure'],
    deliver: async (req, send) => {
      const result = await send(req);
      if (!isFailure(result) || isRetry(req) || !isEvent(req)) return result;
      return send(withHeader(req, 'X-SuperOffice-Retry', '1'));
    },
  },
  {
    fault: 'counts a 202 answer as delivered',
    caseId: 'deliveries.only-200-succeeds',
    reason: /no retry reached/,
    unaffected: ['deliveries.retry-after-failure'],
    deliver: deliveredWhen((result) => result.status === 202),
  },
  {
    fault: 'treats 410 Gone like any other failure',
    caseId: 'deliveries.gone-disables',
    reason: /State is "Active", expected "TooManyErrors"|attempt\(s\) after 410/,
    unaffected: ['deliveries.retry-after-failure'],
    deliver: async (req, send) => {
      const result = await send(req);
      return result.status === 410 ? { ...result, status: 500 } : result;
    },
  },
  {
    fault: 'delivers to Stopped webhooks a moment after the Active ones',
    caseId: 'deliveries.none-when-stopped',
    reason: /the other webhook received 1 delivery/,
    unaffected: ['deliveries.none-when-deleted'],
    deliver: strayTo((w, event) => w.State === 'Stopped' && (w.Events ?? []).includes(event)),
  },
  {
    fault: 'delivers to deleted webhooks a moment after the live ones',
    caseId: 'deliveries.none-when-deleted',
    reason: /the other webhook received 1 delivery/,
    unaffected: ['deliveries.none-when-stopped'],
    deliver: deletedListeners(),
  },
  {
    fault: 'delivers an event to webhooks listening for others a moment later',
    caseId: 'deliveries.only-subscribed-events',
    reason: /the other webhook received 1 delivery/,
    unaffected: ['deliveries.none-when-stopped'],
    deliver: strayTo((w, event) => w.State === 'Active' && !(w.Events ?? []).includes(event)),
  },
];
