// The X-SuperOffice-Signature of each queued delivery, computed once per event and webhook: a
// retry sends the same bytes, so it carries the same signature. An entry lives while its delivery
// is in the runner, and there are never more than `max`; past that a signature is just computed.
import { signBody } from './signature.js';

export class SignatureCache {
  readonly #max: number;
  readonly #entries = new Map<number, { secret: string; signature: string }>();

  constructor(max: number) {
    this.#max = max;
  }

  /** The signature of `body` under `secret`; signed again when the webhook's Secret changed. */
  of(deliveryId: number, secret: string, body: string): string {
    const known = this.#entries.get(deliveryId);
    if (known?.secret === secret) return known.signature;
    const signature = signBody(secret, body);
    if (known || this.#entries.size < this.#max) {
      this.#entries.set(deliveryId, { secret, signature });
    }
    return signature;
  }

  forget(deliveryId: number): void {
    this.#entries.delete(deliveryId);
  }
}
