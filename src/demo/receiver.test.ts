import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../delivery/signature.js';
import { startReceiver, type Arrival, type Receiver } from './receiver.js';

let receiver: Receiver;
const seen: Arrival[] = [];

beforeEach(async () => {
  seen.length = 0;
  receiver = await startReceiver((a) => seen.push(a), 200);
});
afterEach(() => receiver.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${receiver.url}${path}`, { method: 'POST', body, headers });

describe('the demo receiver', () => {
  it('listens on 127.0.0.1 and answers 200 until told otherwise, then plays the statuses', async () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await post('/a', '{}')).status).toBe(200);
    receiver.answer('/a', 500, 410);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post('/a', '{}')).status);
    expect(statuses).toEqual([500, 410, 410]);
    expect((await post('/b', '{}')).status).toBe(200);
    receiver.recover();
    expect((await post('/a', '{}')).status).toBe(200);
    expect(seen.map((a) => a.status)).toEqual([200, 500, 410, 410, 200, 200]);
  });

  it('verifies the signature over the raw bytes with the path Secret', async () => {
    receiver.expectSecret('/signed', 's3cret');
    const body = '{"EventId": "e",  "x": "æøå"}';
    await post('/signed', body, { 'X-SuperOffice-Signature': signBody('s3cret', body) });
    await post('/signed', body, { 'X-SuperOffice-Signature': signBody('other', body) });
    await post('/signed', body);
    await post('/open', body);
    expect(seen.map((a) => a.signature)).toEqual(['valid', 'invalid', 'unsigned', 'unchecked']);
    expect(seen[0]?.body).toBe(body);
  });

  it('hands each arrival to one waiter, in order, whether it came before or after', async () => {
    await post('/x', '1');
    const waiting = receiver.take('first', (a) => a.path === '/x');
    const early = await waiting;
    expect(early.body).toBe('1');
    const later = receiver.take('next', (a) => a.path === '/x');
    await post('/x', '2');
    expect((await later).body).toBe('2');
  });

  it('gives up waiting with a message that says for what', async () => {
    await expect(receiver.take('contact.created delivery', () => true)).rejects.toThrow(
      'no contact.created delivery reached the receiver within 200 ms',
    );
  });
});
