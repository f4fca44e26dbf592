// The documented 400 of an operation called without its entity (docs/sources.md §1a R5).
import { ApiError } from '../http/api-error.js';
import { MISSING_BODY } from '../http/pipeline.js';

export function requiredBody<B>(body: B | undefined): B {
  if (body === undefined) throw new ApiError('BAD_REQUEST', MISSING_BODY);
  return body;
}
