// Wrong targets made inside the server, around the `deliver` function it is started with: each
// breaks one documented property of the deliveries (docs/sources.md §3a, §3c, §3d), which no proxy in
// front of the API could do, and names the case meant to catch it.
import type {
  Deliver,
  DeliveryAttemptResult,
  DeliveryRequest,
} from '../../src/delivery/deliver.js';
import { signBody } from '../../src/delivery/signature.js';
import type { StateStore } from '../../src/store/state-store.js';
import type { WrongTarget } from './wrong-target.js';

/** Sends one attempt the wrong way; `send` is the server's real deliver. */
export type DeliverFault = (
  req: DeliveryRequest,
  send: Deliver,
  store: StateStore,
) => Promise<DeliveryAttemptResult>;

export interface WrongDelivery extends Omit<WrongTarget, 'proxy'> {
  deliver: DeliverFault;
}

// The protocol headers of docs/sources.md §3a; anything else on an attempt is the webhook's Headers.
const PROTOCOL = /^(content-type|user-agent|x-superoffice-|x-hook-test$|webhook-)/i;

const header = (req: DeliveryRequest, name: string): string | undefined =>
  Object.entries(req.headers).find(([k]) => k.toLowerCase() === name)?.[1];

function editHeaders(
  req: DeliveryRequest,
  edit: (headers: Record<string, string>) => void,
): DeliveryRequest {
  const headers = { ...req.headers };
  edit(headers);
  return { ...req, headers };
}

function resign(req: DeliveryRequest, value: (signature: string) => string): DeliveryRequest {
  return editHeaders(req, (headers) => {
    for (const [name, current] of Object.entries(headers)) {
      if (name.toLowerCase() === 'x-superoffice-signature') headers[name] = value(current);
    }
  });
}

/** Also delivers each event to the Stopped webhooks listening for it, before the Active ones. */
const deliverToStopped: DeliverFault = async (req, send, store) => {
  const event = header(req, 'x-superoffice-event');
  if (event && header(req, 'x-hook-test') === undefined) {
    const stopped = store.list().filter((w) => w.State === 'Stopped' && w.Events?.includes(event));
    for (const w of stopped) await send({ ...req, url: w.TargetUrl ?? '' });
  }
  return send(req);
};

export const DELIVERY_FAULTS: WrongDelivery[] = [
  {
    fault: 'signs with the wrong key',
    caseId: 'deliveries.signature',
    reason: /^signature mismatch; expected [A-Za-z0-9+/]{43}=$/,
    unaffected: ['deliveries.arrives'],
    deliver: (req, send) => send(resign(req, () => signBody('not the secret', req.body))),
  },
  {
    fault: 'sends no signature although the webhook has a Secret',
    caseId: 'deliveries.signature',
    reason: /^signature missing; expected/,
    unaffected: ['deliveries.unsigned-without-secret'],
    deliver: (req, send) =>
      send(
        editHeaders(req, (h) => {
          for (const k of Object.keys(h))
            if (k.toLowerCase() === 'x-superoffice-signature') delete h[k];
        }),
      ),
  },
  {
    fault: 'signs in hex instead of Base64',
    caseId: 'deliveries.signature',
    reason: /^signature malformed; expected/,
    unaffected: ['deliveries.arrives'],
    deliver: (req, send) =>
      send(resign(req, (base64) => Buffer.from(base64, 'base64').toString('hex'))),
  },
  {
    fault: "drops the webhook's custom Headers",
    caseId: 'deliveries.custom-headers',
    reason: /X-Soconf-Run is undefined/,
    unaffected: ['deliveries.headers'],
    deliver: (req, send) =>
      send(
        editHeaders(req, (h) => {
          for (const k of Object.keys(h)) if (!PROTOCOL.test(k)) delete h[k];
        }),
      ),
  },
  {
    fault: 'delivers to Stopped webhooks',
    caseId: 'deliveries.none-when-stopped',
    reason: /the other webhook received 1 delivery/,
    unaffected: ['deliveries.none-when-deleted'],
    deliver: deliverToStopped,
  },
];
