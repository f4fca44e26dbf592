// The one place a domain outcome becomes an HTTP error (statuses and types: spec/README.md C2).
import type { DomainError, DomainErrorKind } from '../domain/errors.js';
import { ApiError, type ErrorName } from './api-error.js';

const ERROR_OF: Record<DomainErrorKind, ErrorName> = {
  'not-found': 'NOT_FOUND',
  invalid: 'BAD_REQUEST',
  conflict: 'CONFLICT',
  'precondition-failed': 'PRECONDITION_FAILED',
  'queue-full': 'QUEUE_FULL',
  'too-large': 'PAYLOAD_TOO_LARGE',
};

export function toApiError(error: DomainError): ApiError {
  const headers: Record<string, string> =
    error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
  return new ApiError(ERROR_OF[error.kind], error.message, headers);
}
