// checkReceiver() and the shipped vectors as a test suite uses them, imported by package name
// only: the same file runs here and against the packed tarball installed into an empty folder.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { checkReceiver, startMockServer } from 'so-webhook-mock';

const SECRET = 'in-process s3cret';
const auth = { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` };
const json = { ...auth, 'content-type': 'application/json' };

/** The receiver a user's app would have: raw bytes, constant-time compare, 200. */
function receiver(seen: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const expected = createHmac('sha256', SECRET).update(body).digest();
      const given = Buffer.from(String(req.headers['x-superoffice-signature'] ?? ''), 'base64');
      const ok = given.length === expected.length && timingSafeEqual(given, expected);
      if (ok) seen.push(String(req.headers['x-superoffice-event']));
      res.writeHead(ok ? 200 : 401).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('checkReceiver', () => {
  it('judges an in-process receiver that a startMockServer delivers to', async () => {
    const seen: string[] = [];
    const server = await receiver(seen);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const mock = await startMockServer();
    try {
      const report = await checkReceiver({ url, secret: SECRET, strict: true, timeoutMs: 2000 });
      expect(report.format).toBe('so-webhook-mock/conformance-report@1');
      expect(report.summary.failed + report.summary.error + report.summary.skipped).toBe(0);
      expect(report.verdicts.map((v) => v.area)).toContain('receiver');

      // The same receiver verifies what the mock really sends it.
      const saved = await fetch(`${mock.url}/api/v1/Webhook`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          Name: 'App',
          Events: ['sale.sold'],
          TargetUrl: url,
          Secret: SECRET,
        }),
      });
      expect(saved.status).toBe(200);
      await fetch(`${mock.url}/api/v1/Webhook/sale.sold/7`, {
        method: 'POST',
        headers: json,
        body: '{}',
      });
      await mock.deliveries.waitFor({ Event: 'sale.sold', State: 'succeeded' });
      expect(seen).toContain('sale.sold');
    } finally {
      await mock.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('so-webhook-mock/vectors', () => {
  it('resolves by package name, and its valid vectors verify with node:crypto', () => {
    const require = createRequire(import.meta.url);
    const file = readFileSync(require.resolve('so-webhook-mock/vectors'), 'utf8');
    const document = JSON.parse(file) as {
      vectors: Array<{
        valid: boolean;
        secret: string;
        body: { base64: string };
        signature: string | null;
      }>;
    };
    const schema = readFileSync(require.resolve('so-webhook-mock/vectors/schema'), 'utf8');
    expect(JSON.parse(schema)).toHaveProperty('$defs.vector');
    for (const vector of document.vectors) {
      const mac = createHmac('sha256', vector.secret)
        .update(Buffer.from(vector.body.base64, 'base64'))
        .digest('base64');
      expect(mac === vector.signature).toBe(vector.valid);
    }
  });
});
