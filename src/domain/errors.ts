// Expected failures of a use case, as values the HTTP layer maps to statuses
// (http/domain-error.ts). Nothing below the routes knows about status codes or error bodies.
export type DomainErrorKind =
  /** The addressed entity does not exist. */
  | 'not-found'
  /** The input breaks a rule of the entity or of the operation. */
  | 'invalid'
  /** A JSON Patch `test` did not hold (RFC 6902 §4.6). */
  | 'conflict'
  /** The entity changed after the client's `If-Unmodified-Since`. */
  | 'precondition-failed'
  /** The delivery queue has no room for a signal's deliveries. */
  | 'queue-full'
  /** The entity would be larger than a stored webhook may be (platform/limits.ts). */
  | 'too-large';

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  /** For `queue-full`: when a client may try again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: DomainErrorKind, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
