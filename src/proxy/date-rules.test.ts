import { describe, expect, it } from 'vitest';
import { dateProblems, tickMs } from './date-rules.js';
import type { Sighting } from './seen-state.js';
import type { Pending } from './sequence-check.js';

const seen = (updated: string, endedAt: number): Sighting => ({
  startedAt: endedAt - 5,
  endedAt,
  at: '2026-12-06T09:00:00.000Z',
  webhook: { WebhookId: 7, Name: 'before', Registered: '2026-12-06T08:00:00Z', Updated: updated },
});
const patch = (startedAt: number) =>
  ({ operationId: 'patchWebhook', startedAt, write: true, id: 7, scope: '' }) as Pending;
const answer = (updated: string) => ({
  WebhookId: 7,
  Name: 'after',
  Registered: '2026-12-06T08:00:00Z',
  Updated: updated,
});

describe('the Updated rule', () => {
  it('waits one tick of the resolution the stamp prints, twice over and at least 50 ms', () => {
    expect(tickMs('2026-12-06T09:00:00.123Z')).toBe(100);
    expect(tickMs('2026-12-06T09:00:00.1Z')).toBe(200);
    expect(tickMs('2026-12-06T09:00:00.1234567')).toBe(100);
    expect(tickMs('2026-12-06T09:00:00Z')).toBe(1_000);
    expect(tickMs('2026-12-06T09:00:00.000Z')).toBe(1_000);
  });

  it('judges a save a tick of a millisecond clock after the sighting', () => {
    const stamp = '2026-12-06T09:00:00.123Z';
    expect(dateProblems(patch(1_150), seen(stamp, 1_000), answer(stamp))).toEqual([
      expect.stringMatching(/patchWebhook changed webhook 7 but Updated stayed/),
    ]);
    expect(dateProblems(patch(1_050), seen(stamp, 1_000), answer(stamp))).toEqual([]);
  });

  it('claims nothing of a whole-second clock within its second', () => {
    const stamp = '2026-12-06T09:00:00Z';
    expect(dateProblems(patch(1_500), seen(stamp, 1_000), answer(stamp))).toEqual([]);
    expect(dateProblems(patch(2_000), seen(stamp, 1_000), answer(stamp))).toHaveLength(1);
  });
});
