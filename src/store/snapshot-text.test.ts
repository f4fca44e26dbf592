import { describe, expect, it } from 'vitest';
import { snapshotText } from './snapshot-text.js';

describe('snapshotText', () => {
  it('is the text JSON.stringify gives, across many slices', async () => {
    const state = {
      format: 'so-webhook-mock/1',
      gone: undefined,
      users: [{ Name: 'é "quoted"\u2028' }],
      deliveries: Array.from({ length: 450 }, (_, i) =>
        i % 97 === 0 ? undefined : { DeliveryId: i, Body: `{"n":${i}}` },
      ),
      holes: [1, undefined, () => 2, null],
      empty: [],
      nested: { list: [1, 2], missing: undefined },
    };
    expect(await snapshotText(state)).toBe(JSON.stringify(state));
  });

  it('lets other work run while it serialises', async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    await snapshotText({ deliveries: Array.from({ length: 250 }, (_, i) => ({ i })) });
    expect(ran).toBe(true);
  });
});
