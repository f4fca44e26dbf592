// The XML, text/json and form examples of docs/api.md, run as written against a fresh server
// (the default fixture, the default credentials), with only the origin replaced by the test
// server's. The curl options they use (-u, -H, -X, -d) are read here as curl reads them.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';

const README = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const block = /<!-- xml-examples[^>]*-->\s*```sh\n([\s\S]*?)```\s*<!-- \/xml-examples -->/.exec(
  README,
)?.[1];
const lines = (block ?? '').split('\n').filter((l) => l.startsWith('curl '));

/** Shell words of a line that quotes with single quotes only, as the examples do. */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
}

interface Curl {
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
}

function parseCurl(line: string): Curl {
  const args = words(line).slice(1);
  const headers: Record<string, string> = {};
  let method: string | undefined;
  let body: string | undefined;
  let url = '';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = args[i + 1] ?? '';
    if (arg === '-u') {
      headers.authorization = `Basic ${Buffer.from(value).toString('base64')}`;
      i++;
    } else if (arg === '-H') {
      const [name = '', ...rest] = value.split(':');
      headers[name.trim().toLowerCase()] = rest.join(':').trim();
      i++;
    } else if (arg === '-X') {
      method = value;
      i++;
    } else if (arg === '-d') {
      body = value;
      i++;
    } else url = arg;
  }
  // curl -d: POST, and a form body unless a Content-Type is given.
  if (body !== undefined) headers['content-type'] ??= 'application/x-www-form-urlencoded';
  return { url, init: { method: method ?? (body ? 'POST' : 'GET'), headers, body } };
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
});
afterAll(async () => {
  await server?.close();
});

const xml = (text: string) =>
  new XMLParser({ removeNSPrefix: true, parseTagValue: false }).parse(text) as Record<
    string,
    Record<string, unknown>
  >;

describe('the docs/api.md XML examples against a fresh server', () => {
  it('are there: a GET in XML, an XML POST, an Agent call in XML, a form POST', () => {
    expect(lines).toHaveLength(4);
  });

  it('answer as the README says', async () => {
    const answers = [];
    for (const line of lines) {
      const { url, init } = parseCurl(line);
      expect(url.startsWith('http://127.0.0.1:3000/')).toBe(true);
      const response = await fetch(url.replace('http://127.0.0.1:3000', server.url), init);
      answers.push({
        status: response.status,
        type: response.headers.get('content-type'),
        text: await response.text(),
      });
    }
    const [get, post, lastError, form] = answers;
    expect(get).toMatchObject({ status: 200, type: 'application/xml; charset=utf-8' });
    expect(xml(get?.text ?? '').WebhookWithLinks?.Name).toBe('Ticket System Integration');
    expect(post).toMatchObject({ status: 200, type: 'application/xml; charset=utf-8' });
    const created = xml(post?.text ?? '').WebhookWithLinks ?? {};
    expect(created).toMatchObject({ Name: 'From XML', State: 'Stopped' });
    expect(lastError).toMatchObject({ status: 200, type: 'text/xml; charset=utf-8' });
    expect(form).toMatchObject({ status: 200, type: 'text/json; charset=utf-8' });
    expect(JSON.parse(form?.text ?? '{}')).toMatchObject({ Name: 'From a form', State: 'Stopped' });
    // The XML-created webhook reads back as JSON with what the XML said.
    const id = String(created.WebhookId);
    const back = await fetch(`${server.url}/api/v1/Webhook/${id}`, {
      headers: { authorization: `Basic ${Buffer.from('tje0:Tje0').toString('base64')}` },
    });
    expect(await back.json()).toMatchObject({
      Events: ['contact.created'],
      TargetUrl: 'https://hooks.example.com/xml',
      Headers: { 'X-Tenant': 'acme' },
    });
  });
});
