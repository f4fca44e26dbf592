import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.js';
import { toApiError } from './domain-error.js';

describe('toApiError', () => {
  it.each([
    ['not-found', 404, 'SoNotFoundException'],
    ['invalid', 400, 'ArgumentException'],
    ['conflict', 409, 'SoConflictException'],
    ['precondition-failed', 412, 'SoPreconditionFailedException'],
    ['queue-full', 503, 'SoQueueFullException'],
  ] as const)('maps %s to %i %s', (kind, status, type) => {
    const error = toApiError(new DomainError(kind, 'why'));
    expect([error.status, error.type, error.message]).toEqual([status, type, 'why']);
    expect(error.headers).toEqual({});
  });

  it('carries Retry-After when the domain says when to try again', () => {
    const error = toApiError(new DomainError('queue-full', 'full', 1));
    expect(error.headers).toEqual({ 'Retry-After': '1' });
  });
});
