// The signature cases (docs/sources.md §3c): correctly signed bodies whose bytes a re-serialising
// receiver changes must be accepted, and forged or unsigned ones must not. Both need --secret.
import { eventDelivery, RAW_VARIANTS, rawDelivery, type RawVariant } from './bodies.js';
import { expectAccepted, failed, outcome, passed, type ReceiverCase } from './case.js';
import { tamper, type Signing } from './headers.js';
import { accepted } from './send.js';

const SIGNED = 'reference §3c';

export function rawCase(variant: RawVariant): ReceiverCase {
  return {
    id: `receiver.raw-bytes.${variant}`,
    title: `a signed body with ${RAW_VARIANTS[variant].title} is accepted (signature over the raw bytes)`,
    source: SIGNED,
    async run(ctx) {
      if (!ctx.secret)
        return {
          status: 'skipped',
          reason:
            'needs --secret: only a signed body shows whether the receiver hashes the raw bytes',
        };
      const [event = 'contact.created'] = ctx.events;
      const exchange = await ctx.deliver(rawDelivery(event, variant), {
        secret: ctx.secret,
        label: `${event}, ${variant}`,
      });
      return expectAccepted(
        exchange,
        `a correctly signed body with ${RAW_VARIANTS[variant].title}`,
        'a receiver that hashes a re-serialised body instead of the bytes received refuses genuine deliveries',
      );
    },
  };
}

const SIGNING_TITLES: Record<Exclude<Signing, 'valid'>, string> = {
  tampered: 'a body changed after signing',
  wrong: 'a signature of other bytes',
  missing: 'a delivery without X-SuperOffice-Signature',
  'old-secret': 'a signature made with a previous Secret',
};

export function signatureCase(signing: Exclude<Signing, 'valid'>): ReceiverCase {
  return {
    id: `receiver.signature.${signing}`,
    title: `${SIGNING_TITLES[signing]} is not accepted`,
    source: SIGNED,
    async run(ctx) {
      if (!ctx.secret)
        return {
          status: 'skipped',
          reason: 'needs --secret: the receiver has no Secret to verify with',
        };
      const [event = 'contact.created'] = ctx.events;
      const delivery = eventDelivery(event);
      const body = signing === 'tampered' ? tamper(delivery.body) : delivery.body;
      const exchange = await ctx.deliver(delivery, {
        secret: ctx.secret,
        signing,
        body,
        label: `${event}, ${signing} signature`,
      });
      if (!accepted(exchange)) return passed([`${outcome(exchange)}`]);
      const reason = `does not verify signatures: ${SIGNING_TITLES[signing]} was ${outcome(exchange)}; anyone who knows the URL can post events to it`;
      if (ctx.strict) return failed(reason, exchange.evidence);
      return {
        status: 'passed',
        severity: 'warning',
        notes: [`warning: ${reason} (a failure under --strict)`],
        evidence: exchange.evidence,
      };
    },
  };
}
