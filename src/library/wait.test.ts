// A wait that times out says what it waited for and what it saw, in plain English.
import { describe, expect, it } from 'vitest';
import { counted, describeMiss, waitFor } from './wait.js';

describe('waitFor timeouts', () => {
  it('pluralises the count', () => {
    expect(counted(2, 'delivery')).toBe('2 deliveries');
    expect(counted(1, 'delivery')).toBe('1 delivery');
    expect(counted(0, 'inbox record')).toBe('0 inbox records');
    expect(counted(3, 'request')).toBe('3 requests');
    expect(counted(2, 'key')).toBe('2 keys');
  });

  it('names the match and the matched fields of what it saw', async () => {
    const records = [
      { Event: 'contact.created', State: 'pending', Id: 1 },
      { Event: 'contact.created', State: 'failed', Id: 2 },
    ];
    const waiting = waitFor(
      'delivery',
      { Event: 'contact.created', State: 'succeeded' },
      () => records,
      () => () => undefined,
      { timeout: 10 },
    );
    await expect(waiting).rejects.toThrow(
      'No delivery matched {"Event":"contact.created","State":"succeeded"} within 10 ms; ' +
        '2 deliveries seen: {"Event":"contact.created","State":"pending"}, ' +
        '{"Event":"contact.created","State":"failed"}.',
    );
  });

  it('says how many it shows when it saw many, and the predicate when given one', () => {
    const seen = Array.from({ length: 8 }, (_, i) => ({ n: i }));
    expect(describeMiss('record', { n: 99 }, seen, 5)).toContain(
      '8 records seen, the last 5: {"n":3}',
    );
    expect(describeMiss('record', () => false, seen, 5)).toBe(
      'No record matched the predicate within 5 ms; 8 records seen.',
    );
  });
});
