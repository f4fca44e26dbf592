import { describe, expect, it } from 'vitest';
import { attemptHeaders } from './attempt-headers.js';

const input = (Headers: Record<string, string>) => ({
  webhook: { Secret: null, Headers },
  event: 'contact.created',
  eventId: 'e1',
  body: '{}',
  retry: 0,
  test: false,
});

describe('attemptHeaders', () => {
  it('sends custom headers first, never a reserved one, the same for every attempt', () => {
    const stored = Object.freeze({
      'X-Tenant': 'a',
      'Content-Length': '9',
      'x-superoffice-event': 'x',
    });
    const first = attemptHeaders(input(stored));
    expect(Object.keys(first)).toEqual([
      'X-Tenant',
      'Content-Type',
      'User-Agent',
      'X-SuperOffice-Event',
      'X-SuperOffice-EventId',
      'X-SuperOffice-Retry',
    ]);
    const again = attemptHeaders({ ...input(stored), retry: 1 });
    expect(again['X-Tenant']).toBe('a');
    expect(again['X-SuperOffice-Retry']).toBe('1');
    // Each attempt gets its own record: changing one leaves the next as it was.
    again['X-Tenant'] = 'changed';
    expect(attemptHeaders(input(stored))['X-Tenant']).toBe('a');
  });

  it("reads a draft's headers again after they changed", () => {
    const draft: Record<string, string> = { 'X-Tenant': 'a' };
    expect(attemptHeaders(input(draft))['X-Tenant']).toBe('a');
    draft['X-Tenant'] = 'b';
    expect(attemptHeaders(input(draft))['X-Tenant']).toBe('b');
  });
});
