import { describe, expect, it } from 'vitest';
import { patchDifferences } from './patch-expectation.js';

const before = {
  WebhookId: 7,
  Name: 'Seven',
  Updated: '2026-12-06T13:07:06.738Z',
  State: 'Active',
};

describe("the proxy's patch expectation", () => {
  it('takes a server-set member a round trip sends back (C46) as the server sets it', () => {
    // The entity as read, sent back whole with a new Name: the save moves Updated forward.
    const patch = { ...before, Name: 'Renamed' };
    const answer = { ...before, Name: 'Renamed', Updated: '2026-12-06T13:07:06.747Z' };
    expect(patchDifferences(before, patch, answer)).toEqual([]);
  });

  it('still holds the members a client sets to the patch', () => {
    const answer = { ...before, Name: 'Seven', Updated: '2026-12-06T13:07:06.747Z' };
    expect(patchDifferences(before, { Name: 'Renamed' }, answer)).toEqual([
      { member: 'Name', expected: 'Renamed', answered: 'Seven' },
    ]);
  });
});
