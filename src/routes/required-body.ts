// The documented 400 of an operation called without its entity (reference §1a R5).
import { ApiError } from '../http/api-error.js';

export function requiredBody<B>(body: B | undefined): B {
  if (body === undefined) {
    throw new ApiError('BAD_REQUEST', 'Bad request. Entity to save is not in request body.');
  }
  return body;
}
