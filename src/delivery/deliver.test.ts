import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  deliver,
  DeliveryClient,
  describeAttempt,
  MAX_RESPONSE_BODY_BYTES,
  type DeliveryRequest,
} from './deliver.js';
import { signBody, verifySignature } from './signature.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A 127.0.0.1 target on a free port; every request it receives is recorded. */
async function target(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; received: Received[]; connections: () => number }> {
  const received: Received[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handle(req, res);
    });
  });
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received, connections: () => connections };
}

/** A port that was just free and is now closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const body = '{"EventId":"8337ae4a-1dd6-40fd-8dc7-a050664a0af7","Event":"contact.created"}';
const request = (url: string, extra: Partial<DeliveryRequest> = {}): DeliveryRequest => ({
  url,
  headers: {
    'Content-Type': 'application/json; charset=utf-8',
    'X-SuperOffice-Signature': signBody('secret', body),
  },
  body,
  timeoutMs: 5000,
  ...extra,
});

describe('deliver', () => {
  it('POSTs the exact body and headers; 200 is ok', async () => {
    const t = await target((_req, res) => res.writeHead(200, { 'X-Seen': 'yes' }).end('thanks'));
    const result = await deliver(request(t.url));
    expect(result).toMatchObject({
      ok: true,
      status: 200,
      statusText: 'OK',
      responseBody: 'thanks',
    });
    expect(result.responseHeaders?.['X-Seen']).toBe('yes');
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    const [got] = t.received;
    expect(got).toMatchObject({ method: 'POST', url: '/hook', body });
    expect(got?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(
      verifySignature('secret', got?.body ?? '', got?.headers['x-superoffice-signature'] as string),
    ).toBe(true);
  });

  it('counts bytes, not characters, in Content-Length', async () => {
    const t = await target((_req, res) => res.end());
    await deliver({ ...request(t.url), body: '{"Name":"Blåbær"}' });
    expect(t.received[0]?.body).toBe('{"Name":"Blåbær"}');
  });

  it.each([
    [500, 'Internal Server Error'],
    [410, 'Gone'],
    [201, 'Created'],
  ])('records %i as not ok, with its headers and body', async (status, reason) => {
    const t = await target((_req, res) =>
      res.writeHead(status, { 'X-Reason': 'test' }).end('nope'),
    );
    const result = await deliver(request(t.url));
    expect(result).toMatchObject({ ok: false, status, statusText: reason, responseBody: 'nope' });
    expect(result.error).toBeUndefined();
  });

  it('does not follow a redirect', async () => {
    const t = await target((req, res) => {
      if (req.url === '/hook') res.writeHead(302, { Location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });
    const result = await deliver(request(t.url));
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.responseHeaders?.['Location']).toBe('/elsewhere');
    expect(t.received.map((r) => r.url)).toEqual(['/hook']);
  });

  it('keeps only the first 4 KiB of a large answer', async () => {
    const t = await target((_req, res) => res.writeHead(500).end('x'.repeat(100_000)));
    const result = await deliver(request(t.url));
    expect(result.status).toBe(500);
    expect(result.responseBody).toHaveLength(MAX_RESPONSE_BODY_BYTES);
  });

  it('gives up on a target that never answers', async () => {
    const t = await target(() => undefined);
    const result = await deliver(request(t.url, { timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, error: 'timeout after 200 ms' });
    expect(result.status).toBeUndefined();
  });

  it('is not ok when a 200 starts but the body never ends', async () => {
    const t = await target((_req, res) => {
      res.writeHead(200, { 'Content-Length': '10' });
      res.write('half');
    });
    const result = await deliver(request(t.url, { timeoutMs: 200 }));
    expect(result).toMatchObject({ ok: false, error: 'timeout after 200 ms' });
  });

  it('reports a reset connection', async () => {
    const t = await target((req) => req.socket.destroy());
    const result = await deliver(request(t.url));
    expect(result.ok).toBe(false);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/socket hang up|ECONNRESET/);
  });

  it('reports a closed port', async () => {
    const port = await closedPort();
    const result = await deliver(request(`http://127.0.0.1:${port}/hook`));
    expect(result).toMatchObject({ ok: false, error: `connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it.each([
    ['ftp://127.0.0.1/hook', "unsupported URL scheme 'ftp:'"],
    ['file:///etc/passwd', "unsupported URL scheme 'file:'"],
    ['not a url', "invalid URL 'not a url'"],
  ])('refuses %s without a request', async (url, error) => {
    expect(await deliver(request(url))).toEqual({ ok: false, error, latencyMs: 0 });
  });

  it('turns a header Node refuses into an error result instead of throwing', async () => {
    const t = await target((_req, res) => res.end());
    const result = await deliver(request(t.url, { headers: { 'X-Bad': 'a\r\nInjected: 1' } }));
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Invalid character in header content/);
    expect(t.received).toEqual([]);
  });
});

describe('a delivery client', () => {
  const pooled = () => new DeliveryClient({ socketsPerOrigin: 2, idleSockets: 4, idleMs: 2_000 });

  it('sends attempts to one origin over kept-alive connections, at most the bound at once', async () => {
    const client = pooled();
    try {
      const t = await target((_req, res) => res.end('ok'));
      const results = await Promise.all(
        Array.from({ length: 6 }, () => client.deliver(request(t.url))),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      await client.deliver(request(t.url));
      expect(t.received).toHaveLength(7);
      expect(t.connections()).toBeLessThanOrEqual(2);
    } finally {
      client.close();
    }
  });

  it('checks a kept-alive connection against the refusal of every attempt it carries', async () => {
    const client = pooled();
    try {
      const t = await target((_req, res) => res.end('ok'));
      expect((await client.deliver(request(t.url, { refuseAddress: () => undefined }))).ok).toBe(
        true,
      );
      const refused = await client.deliver(
        request(`${t.url}/other`, { refuseAddress: (a) => `refused ${a}` }),
      );
      expect(refused).toMatchObject({ ok: false, error: 'refused 127.0.0.1' });
      expect(t.received.map((r) => r.url)).toEqual(['/hook']);
    } finally {
      client.close();
    }
  });

  it('connects to the address the refusal checked, with the name kept in Host', async () => {
    const client = pooled();
    try {
      const t = await target((_req, res) => res.end('ok'));
      const checked: string[] = [];
      const named = t.url.replace('127.0.0.1', 'localhost');
      const result = await client.deliver(
        request(named, {
          // Only the IPv4 loopback is allowed: a connection anywhere else would not reach t.
          refuseAddress: (a) => (checked.push(a), a === '127.0.0.1' ? undefined : `refused ${a}`),
        }),
      );
      if (checked.includes('::1')) expect(result).toMatchObject({ error: 'refused ::1' });
      else expect(result).toMatchObject({ ok: true });
      expect(checked).toContain('127.0.0.1');
      if (result.ok) expect(t.received[0]?.headers.host).toBe(new URL(named).host);
    } finally {
      client.close();
    }
  });

  it('refuses a name when any address it resolves to is refused, sending nothing', async () => {
    const client = pooled();
    try {
      const t = await target((_req, res) => res.end('ok'));
      const named = t.url.replace('127.0.0.1', 'localhost');
      const result = await client.deliver(
        request(named, { refuseAddress: (a) => (a === '127.0.0.1' ? 'refused' : undefined) }),
      );
      expect(result).toMatchObject({ ok: false, error: 'refused' });
      expect(t.received).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('sends again on a new connection when a kept-alive one was closed by the receiver', async () => {
    const client = pooled();
    try {
      const served = new WeakMap<object, number>();
      let first = true;
      const t = await target((req, res) => {
        const before = served.get(req.socket) ?? 0;
        served.set(req.socket, before + 1);
        if (first) {
          first = false;
          return res.end('ok');
        }
        // The next request on the kept-alive socket meets a receiver that dropped it.
        if (before > 0) return req.socket.destroy();
        return res.end('fresh');
      });
      await client.deliver(request(t.url));
      const result = await client.deliver(request(t.url));
      expect(result).toMatchObject({ ok: true, responseBody: 'fresh' });
      expect(t.connections()).toBe(2);
    } finally {
      client.close();
    }
  });

  it('does not keep a connection whose answer was cut at 4 KiB', async () => {
    const client = pooled();
    try {
      const sockets: object[] = [];
      const t = await target((req, res) => {
        sockets.push(req.socket);
        res.writeHead(500).end('x'.repeat(100_000));
      });
      await client.deliver(request(t.url));
      await client.deliver(request(t.url));
      expect(sockets).toHaveLength(2);
      expect(sockets[1]).not.toBe(sockets[0]);
    } finally {
      client.close();
    }
  });

  it('keeps idle connections to as many origins as the idle bound holds, closing the oldest', async () => {
    // 1 connection per origin, 1 idle in all: one origin's idle connection is kept.
    const client = new DeliveryClient({ socketsPerOrigin: 1, idleSockets: 1, idleMs: 2_000 });
    try {
      const a = await target((_req, res) => res.end('ok'));
      const b = await target((_req, res) => res.end('ok'));
      await client.deliver(request(a.url));
      await client.deliver(request(a.url));
      expect(a.connections()).toBe(1);
      // b's exchange ends with two origins known: a's idle connection is closed, b's kept.
      await client.deliver(request(b.url));
      await client.deliver(request(b.url));
      await client.deliver(request(a.url));
      expect([a.connections(), b.connections()]).toEqual([2, 1]);
    } finally {
      client.close();
    }
  });

  it('closes its idle connections on close', async () => {
    const client = pooled();
    const t = await target((_req, res) => res.end('ok'));
    await client.deliver(request(t.url));
    client.close();
    await client.deliver(request(t.url));
    await client.deliver(request(t.url));
    // After close every attempt gets a connection of its own, closed when it ends.
    expect(t.connections()).toBe(3);
  });
});

describe('describeAttempt', () => {
  it('writes the status line, headers and body of an answer', () => {
    const text = describeAttempt({
      ok: false,
      status: 500,
      statusText: 'Internal Server Error',
      responseHeaders: { 'Content-Type': 'text/plain', 'X-Trace': 'abc' },
      responseBody: 'boom',
      latencyMs: 3,
    });
    expect(text).toBe(
      'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nX-Trace: abc\r\n\r\nboom',
    );
  });

  it('falls back to the standard reason phrase', () => {
    expect(describeAttempt({ ok: false, status: 410, statusText: '', latencyMs: 1 })).toBe(
      'HTTP/1.1 410 Gone\r\n\r\n',
    );
  });

  it('is the error text when there was no answer', () => {
    const result = { ok: false, error: 'timeout after 5000 ms', latencyMs: 5000 };
    expect(describeAttempt(result)).toBe('timeout after 5000 ms');
  });

  it('describes a real answer', async () => {
    const t = await target((_req, res) =>
      res.writeHead(410, 'Gone', { 'X-Why': 'deleted' }).end('bye'),
    );
    const text = describeAttempt(await deliver(request(t.url)));
    expect(text.startsWith('HTTP/1.1 410 Gone\r\n')).toBe(true);
    expect(text).toContain('\r\nX-Why: deleted\r\n');
    expect(text.endsWith('\r\n\r\nbye')).toBe(true);
  });
});
