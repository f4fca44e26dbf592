// The proxy's edges: the mock's Host and CORS policy, --errors, the report in the conformance
// runner's formats, the rule sources read from spec/README.md, and memory bounds.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMutatingProxy } from '../../conformance/test-support/mutating-proxy.js';
import { startServer, type RunningServer } from '../server.js';
import { parseProxyArgs } from './cli.js';
import { loadStatusSources } from './rule-sources.js';
import { startProxy } from './start.js';
import { MAX_ENTRIES, MAX_RULES, VerdictLog } from './verdict-log.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
});
afterAll(async () => {
  await server?.close();
});

/** A raw request, so the Host header can be anything (fetch sets its own). */
function raw(url: string, method: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the proxy follows the mock’s policy', () => {
  it('refuses its control plane to a rebound Host and a cross-site write, answers CORS as the mock', async () => {
    const proxy = await startProxy({
      upstream: `${server.url}/api`,
      cors: ['http://localhost:5173'],
      allowedHosts: ['tunnel.example.net'],
    });
    try {
      expect(await raw(`${proxy.url}/__admin/proxy`, 'GET', { host: 'rebind.evil.example' })).toBe(
        403,
      );
      expect(await raw(`${proxy.url}/__admin/proxy`, 'GET', {})).toBe(200);
      const page = await fetch(`${proxy.url}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('/__admin/proxy/events');
      expect(html).toContain('/__ui/app.css');
      const preflight = await fetch(`${proxy.url}/api/v1/Webhook`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const foreign = await fetch(`${proxy.url}/api/v1/Webhook`, {
        headers: { origin: 'https://evil.example', authorization: AUTH },
      });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      // Deliveries come from anywhere by design, like the mock's inbox, through a Host it was
      // told of (a tunnel's); a rebound name reaches no route, the receiver included.
      expect(await raw(`${proxy.url}/__inbox/x`, 'POST', { host: 'tunnel.example.net' })).toBe(200);
      expect(await raw(`${proxy.url}/__inbox/x`, 'POST', { host: 'rebind.evil.example' })).toBe(
        403,
      );
      expect(await raw(`${proxy.url}/api/v1/Webhook`, 'GET', { host: 'rebind.evil.example' })).toBe(
        403,
      );
    } finally {
      await proxy.close();
    }
  });
});

describe('--errors', () => {
  it('turns a violation into a 502 with the violation in a SuperOffice error body', async () => {
    const wrong = await startMutatingProxy(server.url, {
      response: (res, req) =>
        req.method === 'GET' && res.status === 200 ? { ...res, status: 201 } : res,
    });
    const proxy = await startProxy({ upstream: `${wrong.url}/api`, errors: true });
    try {
      const res = await fetch(`${proxy.url}/api/v1/Webhook/1`, {
        headers: { authorization: AUTH },
      });
      expect(res.status).toBe(502);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ Error: true, ErrorType: 'ContractViolationException' });
      expect(String(body.Message)).toMatch(/getWebhook answered 201/);
      // A conforming answer passes unchanged.
      const ok = await fetch(`${proxy.url}/api/v1/Webhook/999`, {
        headers: { authorization: AUTH },
      });
      expect(ok.status).toBe(404);
    } finally {
      await proxy.close();
      await wrong.close();
    }
  });
});

describe('the $select rule follows the contract', () => {
  it('judges $select where the operation documents it, and not on the REST list', async () => {
    // The upstream never sees $select, so every answer is the whole webhook.
    const wrong = await startMutatingProxy(server.url, {
      request: (req) => ({ ...req, url: req.url.replace(/[?&][$]select=[^&]*/, '') }),
    });
    const proxy = await startProxy({ upstream: `${wrong.url}/api` });
    try {
      const headers = { authorization: AUTH };
      const list = (await (
        await fetch(`${proxy.url}/api/v1/Webhook`, { headers })
      ).json()) as Array<{ WebhookId: number }>;
      const id = list[0]?.WebhookId;
      expect(id, 'the fixture holds a webhook').toBeGreaterThan(0);
      await fetch(`${proxy.url}/api/v1/Webhook?$select=Name`, { headers });
      await fetch(`${proxy.url}/api/v1/Webhook/${id}?$select=Name`, { headers });
      const report = JSON.parse(proxy.report('json')) as {
        verdicts: Array<{ id: string; status: string; reason?: string }>;
      };
      const select = report.verdicts.filter((v) => /select/i.test(v.id) && v.status === 'failed');
      expect(select, JSON.stringify(report.verdicts)).toHaveLength(1);
      expect(select[0]?.reason).toMatch(/getWebhook /);
      expect(select[0]?.reason).not.toMatch(/getWebhookList/);
    } finally {
      await proxy.close();
      await wrong.close();
    }
  });
});

describe('the report', () => {
  it('is a conformance report: JSON valid against its schema, JUnit, console', async () => {
    const wrong = await startMutatingProxy(server.url, {
      response: (res) => (res.status === 404 ? { ...res, body: '{"Oops":1}' } : res),
    });
    const proxy = await startProxy({ upstream: `${wrong.url}/api` });
    try {
      await fetch(`${proxy.url}/api/v1/Webhook/999`, { headers: { authorization: AUTH } });
      await fetch(`${proxy.url}/api/v1/Webhook`, { headers: { authorization: AUTH } });
      const schema = JSON.parse(
        readFileSync(new URL('../../conformance/report.schema.json', import.meta.url), 'utf8'),
      ) as object;
      const validate = new Ajv2020({ allErrors: true, validateFormats: false }).compile(schema);
      const report = JSON.parse(proxy.report('json')) as {
        verdicts: Array<{ status: string; source: string; reason?: string }>;
      };
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      const failed = report.verdicts.filter((v) => v.status === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.source).toMatch(/C1, C2.*the contract's choice/);
      expect(failed[0]?.reason).toMatch(
        /^1× getWebhook 404: Response body must have required property/,
      );
      expect(report.verdicts.some((v) => v.status === 'passed')).toBe(true);
      expect(proxy.report('junit')).toMatch(/<testsuites[\s\S]*<failure/);
      expect(proxy.report('console')).toMatch(/getWebhook/);
      const http = await fetch(`${proxy.url}/__admin/proxy/report?format=junit`);
      expect(http.headers.get('content-type')).toMatch(/xml/);
    } finally {
      await proxy.close();
      await wrong.close();
    }
  });
});

describe('rule sources', () => {
  it('tells the vendor’s statuses from the contract’s choices, from spec/README.md', async () => {
    const sources = await loadStatusSources();
    expect(sources.of('postWebhook', 200)?.origin).toBe('vendor');
    expect(sources.of('postWebhook', 201)).toBeUndefined();
    expect(sources.of('postWebhook', 404)).toMatchObject({
      origin: 'choice',
      source: expect.stringMatching(/C7/),
    });
    expect(sources.of('getWebhook', 404)?.origin).toBe('vendor');
    expect(sources.of('getWebhookAgent', 401)?.origin).toBe('choice');
    expect(sources.of('patchWebhook', 409)?.origin).toBe('vendor');
  });
});

describe('bounds and flags', () => {
  it('keeps a bounded number of entries and broken rules', () => {
    const log = new VerdictLog();
    const evidence = { request: { method: 'GET', url: '/', headers: {} } };
    for (let i = 0; i < MAX_ENTRIES + MAX_RULES + 10; i++) {
      log.add({
        at: '',
        kind: 'exchange',
        method: 'GET',
        url: '/',
        status: 200,
        durationMs: 0,
        operationId: `op${i}`,
        requestProblems: [],
        unchecked: [],
        evidence,
        violations: [{ rule: 'response.status', message: 'x', source: 's', origin: 'vendor' }],
      });
    }
    expect(log.entries()).toHaveLength(MAX_ENTRIES);
    expect(log.broken()).toHaveLength(MAX_RULES);
    expect(log.violationCount).toBe(MAX_ENTRIES + MAX_RULES + 10);
  });

  it('parses its flags, sharing serve’s parser for the common ones', () => {
    const args = parseProxyArgs([
      '--upstream',
      'https://sod.superoffice.com/Cust1/api',
      '--errors',
      '--cors',
      'off',
      '--record',
      'rec',
    ]);
    expect(args).toMatchObject({
      options: { port: 4010, errors: true, cors: 'off', record: 'rec' },
      reporters: ['console'],
    });
    expect(() => parseProxyArgs([])).toThrow(/--upstream <url> or --replay <dir>/);
    expect(() => parseProxyArgs(['--upstream', 'ftp://x'])).toThrow(/http\(s\)/);
    expect(() => parseProxyArgs(['--replay', 'r', '--port', 'x'])).toThrow(/--port/);
  });
});
