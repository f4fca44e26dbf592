import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signBody } from '../src/delivery/signature.js';
import { checkSignature, startReceiver, type Receiver } from './receiver.js';

let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  await receiver.close();
});

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(receiver.url + path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('delivery receiver', () => {
  it('listens on 127.0.0.1 and records deliveries with their raw bytes', async () => {
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const raw = '{ "Event": "foo.bar",\n  "PrimaryKey": 1 }';
    const res = await post('/run/case?x=1', raw, { 'X-SuperOffice-Event': 'foo.bar' });
    expect(res.status).toBe(200);
    const [d] = receiver.deliveries('/run/case');
    expect(d?.raw.toString('utf8')).toBe(raw);
    expect(d?.path).toBe('/run/case');
    expect(d?.body).toEqual({ Event: 'foo.bar', PrimaryKey: 1 });
    expect(d?.headers['x-superoffice-event']).toBe('foo.bar');
    expect(d?.isTest).toBe(false);
    expect(receiver.deliveries('/other')).toEqual([]);
  });

  it('answers the save-time test ping with 200 and marks it', async () => {
    const res = await post('/run/ping', '{"Event":"test"}', { 'X-Hook-Test': 'true' });
    expect(res.status).toBe(200);
    expect(receiver.deliveries('/run/ping')[0]?.isTest).toBe(true);
  });

  it('answers with what a case asks for under a path prefix', async () => {
    receiver.respond('/run/failing', (d) => (d.isTest ? 200 : 500));
    expect((await post('/run/failing/x', '{"Event":"test"}')).status).toBe(200);
    expect((await post('/run/failing/x', '{"Event":"a.b"}')).status).toBe(500);
    expect((await post('/run/other', '{}')).status).toBe(200);
    expect(receiver.deliveries('/run/failing').map((d) => d.answered)).toEqual([200, 500]);
  });

  it('answers with the body and headers a case asks for', async () => {
    receiver.respond('/run/answering', () => ({
      status: 503,
      body: 'busy',
      headers: { 'X-Soconf-Answer': 'later' },
    }));
    const res = await post('/run/answering', '{"Event":"a.b"}');
    expect([res.status, await res.text(), res.headers.get('x-soconf-answer')]).toEqual([
      503,
      'busy',
      'later',
    ]);
    expect(receiver.deliveries('/run/answering')[0]?.answered).toBe(503);
  });

  it('announces a delivery at once and answers it when the case says', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    receiver.respond('/run/held', () => ({ status: 500, after: gate }));
    const answered = post('/run/held', '{"Event":"a.b"}');
    const seen = await receiver.waitFor((d) => d.path === '/run/held', 2_000);
    let settled = false;
    void answered.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([seen?.answered, settled]).toEqual([500, false]);
    release();
    expect((await answered).status).toBe(500);
  });

  it('verifies signatures for paths with a registered secret', async () => {
    receiver.expectSecret('/run/signed', 'top-secret');
    const body = '{"Event":"a.b"}';
    const good = signBody('top-secret', Buffer.from(body));
    await post('/run/signed/1', body, { 'X-SuperOffice-Signature': good });
    await post('/run/signed/2', body, {
      'X-SuperOffice-Signature': signBody('nope', Buffer.from(body)),
    });
    await post('/run/signed/3', body);
    await post('/run/unsigned', body);
    const verdicts = receiver.deliveries('/run/').map((d) => d.signature);
    expect(verdicts[0]).toEqual({ ok: true });
    expect(verdicts[1]).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(verdicts[2]).toMatchObject({ ok: false, reason: 'missing' });
    expect(verdicts[3]).toBeUndefined();
  });

  it('waits for a delivery that arrives later, and gives up after the bound', async () => {
    const waiting = receiver.waitFor((d) => d.path === '/later', 5_000);
    await post('/later', '{}');
    expect((await waiting)?.path).toBe('/later');
    expect(await receiver.waitFor((d) => d.path === '/never', 50)).toBeUndefined();
  });

  it('stops waiting when the run is interrupted', async () => {
    const controller = new AbortController();
    const waiting = receiver.waitFor(() => false, 60_000, controller.signal);
    controller.abort();
    expect(await waiting).toBeUndefined();
  });

  it('advertises a public URL when one is given', async () => {
    const tunnelled = await startReceiver({ publicUrl: 'https://hooks.example.com/base/' });
    try {
      expect(tunnelled.url).toBe('https://hooks.example.com/base');
    } finally {
      await tunnelled.close();
    }
  });
});

// RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?" (hex digest below).
const RFC4231_HEX = '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const RFC4231_BODY = Buffer.from('what do ya want for nothing?', 'utf8');

describe('checkSignature (docs/sources.md §3c, against the mock’s signing code)', () => {
  it('accepts standard Base64 of the HMAC and names what is wrong otherwise', () => {
    const good = Buffer.from(RFC4231_HEX, 'hex').toString('base64');
    expect(checkSignature('Jefe', RFC4231_BODY, good)).toEqual({ ok: true });
    const wrong = (header: string | undefined, secret = 'Jefe') =>
      checkSignature(secret, RFC4231_BODY, header);
    expect(wrong(undefined)).toEqual({ ok: false, reason: 'missing', expected: good });
    expect(wrong('')).toMatchObject({ reason: 'missing' });
    expect(wrong(RFC4231_HEX)).toMatchObject({ reason: 'malformed', expected: good });
    expect(wrong(`sha256=${good}`)).toMatchObject({ reason: 'malformed' });
    expect(wrong(good.replace(/=$/, ''))).toMatchObject({ reason: 'malformed' });
    expect(wrong(good, 'jefe')).toMatchObject({ reason: 'mismatch' });
  });

  it('covers the exact bytes: re-serialized JSON does not verify', () => {
    const sent = Buffer.from('{"Event":"test", "PrimaryKey":0}', 'utf8');
    const resent = Buffer.from(JSON.stringify(JSON.parse(sent.toString('utf8'))), 'utf8');
    const signature = signBody('s3cret', sent);
    expect(checkSignature('s3cret', sent, signature).ok).toBe(true);
    expect(checkSignature('s3cret', resent, signature)).toMatchObject({ reason: 'mismatch' });
  });
});
