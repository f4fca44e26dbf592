import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
});
afterAll(() => server.close());

/** Writes raw bytes and collects everything the server sends until it closes the socket. */
function exchange(head: string, body: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(head);
    socket.write(body, () => socket.end());
  });
}

describe('requests Node refuses before the app', () => {
  // 20 rounds: the reset used to overtake Node's own 431 now and then, mostly on Node 24.
  it('answers a head over the limit with 431 in the error shape, never a reset (20 rounds)', async () => {
    const padding = 'x'.repeat(DEFAULT_LIMITS.maxHeaderBytes + 1024);
    const head =
      `POST /api/v1/Webhook/Test?$select=${padding} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      'Content-Type: application/json\r\nContent-Length: 262144\r\n\r\n';
    for (let round = 0; round < 20; round += 1) {
      const answer = await exchange(head, Buffer.alloc(262144, 0x20));
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<
        string,
        unknown
      >;
      expect(body).toMatchObject({
        Error: true,
        ErrorType: 'RequestHeaderFieldsTooLargeException',
      });
    }
  });

  it('answers bytes that are not HTTP with 400 in the error shape', async () => {
    const answer = await exchange('THIS IS NOT HTTP\r\n\r\n', Buffer.alloc(0));
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('"ErrorType":"BadHttpRequestException"');
  });

  it('keeps serving afterwards', async () => {
    const response = await fetch(`${server.url}/api/v1/Webhook/default`, {
      headers: { authorization: 'Basic dGplMDpUamUw' },
    });
    expect(response.status).toBe(200);
  });
});
