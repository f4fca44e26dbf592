// XML answers are judged by content, not by media type alone: an upstream answering XML that
// breaks the response schema, names the wrong root element or is not well-formed is reported;
// the mock's own XML answers are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMutatingProxy, type Answer } from '../../conformance/test-support/mutating-proxy.js';
import { startServer, type RunningServer } from '../server.js';
import { startProxy } from './start.js';

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

let server: RunningServer;
let id: number;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  const res = await fetch(`${server.url}/api/v1/Webhook`, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({
      Name: 'xml',
      Events: ['contact.created'],
      TargetUrl: 'https://example.com/hook',
      Type: 'webhook',
      State: 'Stopped',
      Headers: { 'X-One': '1' },
    }),
  });
  id = ((await res.json()) as { WebhookId: number }).WebhookId;
});
afterAll(async () => {
  await server?.close();
});

/** The violations of one XML GET through the proxy, in front of an upstream that edits XML. */
async function violationsOf(edit: (xml: string) => string, path = `/Webhook/${id}`) {
  const target = await startMutatingProxy(server.url, {
    response: (res: Answer) =>
      /xml/.test(res.headers['content-type'] ?? '') ? { ...res, body: edit(res.body) } : res,
  });
  const proxy = await startProxy({ upstream: `${target.url}/api` });
  try {
    const res = await fetch(`${proxy.url}/api/v1${path}`, {
      headers: { authorization: AUTH, accept: 'application/xml' },
    });
    expect(res.headers.get('content-type')).toMatch(/application\/xml/);
    await res.arrayBuffer();
    const [entry] = proxy.entries();
    expect(entry?.unchecked).toEqual([]);
    return (entry?.violations ?? []).map((v) => `${v.rule} ${v.message}`);
  } finally {
    await proxy.close();
    await target.close();
  }
}

describe('the proxy reads XML answers', () => {
  it('finds nothing wrong in the mock’s own XML, single or list', async () => {
    expect(await violationsOf((xml) => xml)).toEqual([]);
    expect(await violationsOf((xml) => xml, '/Webhook')).toEqual([]);
  });

  it('reads nested list items and typed dictionary values by their schema, not as text', async () => {
    const res = await fetch(`${server.url}/api/v1/Webhook`, {
      method: 'POST',
      headers: { authorization: AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({
        Name: 'xml nested',
        Events: ['contact.created'],
        TargetUrl: 'https://example.com/hook',
        State: 'Stopped',
        ErrorAssociates: [
          {
            Id: 7,
            Name: 'ops',
            ChildItems: [{ Id: 8, Name: 'on call', ChildItems: [{ Id: 9, Deleted: true }] }],
            FieldProperties: { Name: { FieldRight: null, FieldType: 'string', FieldLength: 20 } },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    const nested = ((await res.json()) as { WebhookId: number }).WebhookId;
    expect(await violationsOf((xml) => xml, `/Webhook/${nested}`)).toEqual([]);
  });

  it('reports a member of the wrong type', async () => {
    const wrong = await violationsOf((xml) =>
      xml.replace(/<WebhookId>\d+<\/WebhookId>/, '<WebhookId>seven</WebhookId>'),
    );
    expect(wrong.join('\n')).toMatch(/^response\.body getWebhook 200: .*WebhookId.*integer/m);
  });

  it('reports a State the enum does not name', async () => {
    const wrong = await violationsOf((xml) =>
      xml.replace(/<State>Stopped<\/State>/, '<State>Sleeping</State>'),
    );
    expect(wrong.join('\n')).toMatch(/^response\.body getWebhook 200: .*State/m);
  });

  it('reports the wrong root element and a body that is not XML', async () => {
    const renamed = await violationsOf((xml) =>
      xml.replace(/<(\/?)WebhookWithLinks\b/g, '<$1Webhook'),
    );
    expect(renamed).toContainEqual(
      expect.stringMatching(/root element is <Webhook>, expected <WebhookWithLinks>/),
    );
    const broken = await violationsOf((xml) => xml.slice(0, xml.length - 10));
    expect(broken).toContainEqual(expect.stringMatching(/XML body that cannot be read/));
  });
});
