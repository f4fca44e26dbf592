// The host-protecting limits (src/platform/limits.ts) on the real listener of a real process: bodies
// above --max-body (declared or streamed) are 413 in the error shape, bytes that are not UTF-8
// are 400, oversized headers are a 431 (answered before the app), and the server answers normally after each.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import {
  BASIC,
  killSpawned,
  spawnServer,
  tempDir,
  type ServerProcess,
} from '../support/spawn-server.js';

const MAX_BODY = 2048;
const GET_ALL = '/api/v1/Agents/Webhook/GetAllWebhooks';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: ServerProcess;

beforeAll(async () => {
  tmp = await tempDir('limits');
  server = await spawnServer(['--port', '0', '--db', ':memory:', '--max-body', String(MAX_BODY)], {
    cwd: tmp.dir,
  });
});

afterAll(async () => {
  await killSpawned();
  await tmp?.remove();
});

interface Sent {
  path?: string;
  headers?: Record<string, string>;
  /** Sent with Content-Length, or chunk by chunk without one when `chunked`. */
  body?: Buffer;
  chunked?: boolean;
  /** A keep-alive agent to share a connection; by default each request has its own. */
  agent?: Agent;
}

interface Answer {
  status: number;
  body: string;
  /** Whether the request went over a connection an earlier request had used. */
  reused: boolean;
}

/** One request on its own connection, so a connection the server closes affects nothing else. */
function send({
  path = GET_ALL,
  headers = {},
  body,
  chunked = false,
  agent,
}: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, server.url);
    const request = httpRequest(url, {
      method: 'POST',
      agent: agent ?? false,
      headers: {
        authorization: BASIC,
        'content-type': 'application/json',
        ...(body && !chunked ? { 'content-length': String(body.length) } : {}),
        ...headers,
      },
    });
    request.on('error', reject);
    request.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: text, reused: request.reusedSocket }),
      );
      response.on('error', reject);
    });
    if (body && chunked) {
      for (let at = 0; at < body.length; at += 256) request.write(body.subarray(at, at + 256));
    } else if (body) {
      request.write(body);
    }
    request.end();
  });
}

/** A valid GetAllWebhooks body of exactly `bytes` bytes (JSON allows trailing whitespace). */
function jsonBody(bytes: number): Buffer {
  const json = JSON.stringify({ NameFilter: 'Ticket System Integration' });
  return Buffer.from(json.padEnd(bytes, ' '));
}

async function expectServerAnswers(): Promise<void> {
  const answer = await send({ body: jsonBody(100) });
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toEqual([
    expect.objectContaining({ Name: 'Ticket System Integration' }),
  ]);
}

describe('limits on the real listener', () => {
  it('accepts a body of exactly --max-body bytes', async () => {
    const answer = await send({ body: jsonBody(MAX_BODY) });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['declared in Content-Length', false],
    ['streamed without Content-Length', true],
  ])('a body above --max-body %s is 413 in the error shape', async (_, chunked) => {
    for (const size of [MAX_BODY + 1, 4 * MAX_BODY]) {
      const answer = await send({ body: jsonBody(size), chunked });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({
        Error: true,
        ErrorType: 'PayloadTooLargeException',
        Message: `The request body is larger than ${MAX_BODY} bytes.`,
        ErrorMessage: `The request body is larger than ${MAX_BODY} bytes.`,
        ErrorSource: 'SuperOffice.WebApi',
      });
      await expectServerAnswers();
    }
  });

  it('after a 413 for a declared Content-Length the connection stays usable', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await send({ body: jsonBody(50 * MAX_BODY), agent })).status).toBe(413);
      const next = await send({ body: jsonBody(100), agent });
      expect(next).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('a body that is not UTF-8 is 400 in the error shape', async () => {
    // `{"NameFilter":"` + a lone continuation byte and an invalid lead byte + `"}`.
    const body = Buffer.concat([
      Buffer.from('{"NameFilter":"'),
      Buffer.from([0x80, 0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const answer = await send({ body });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({
      Error: true,
      ErrorType: 'ArgumentException',
      Message: expect.stringMatching(/UTF-8/),
    });
    await expectServerAnswers();
  });

  it('headers above the limit are refused by Node with 431 and the server stays up', async () => {
    const huge = 'x'.repeat(DEFAULT_LIMITS.maxHeaderBytes + 1024);
    const answer = await send({ headers: { 'x-padding': huge }, body: jsonBody(100) });
    expect(answer.status).toBe(431);
    await expectServerAnswers();
  });
});
