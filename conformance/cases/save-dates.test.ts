// The wait before a save that must move Updated: one tick of the clock the target's stamps show.
import { describe, expect, it } from 'vitest';
import { clockTickMs } from './save-dates.js';

describe('clockTickMs', () => {
  it('waits a second and a tenth for a clock that may keep whole seconds', () => {
    expect(clockTickMs('2026-12-06T07:42:53Z')).toBe(1_100);
    expect(clockTickMs('2026-12-06T07:42:53.000Z')).toBe(1_100);
    expect(clockTickMs('2026-12-06T07:42:53')).toBe(1_100);
    expect(clockTickMs(undefined)).toBe(1_100);
  });

  it('waits twice the finest tick a fraction shows, at least twice 50 ms', () => {
    expect(clockTickMs('2026-12-06T07:42:53.5Z')).toBe(200);
    expect(clockTickMs('2026-12-06T07:42:53.120Z')).toBe(100);
    expect(clockTickMs('2026-12-06T07:42:53.1234567Z')).toBe(100);
  });
});
