// A recording made through the proxy: its fixture loads as `serve --fixture <dir>` loads it and
// serves the same webhooks; a replay answers the recorded requests byte for byte (what was
// redacted stays redacted); and no credential or secret that passed through appears in any
// recorded file.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import { FIXTURE_FILE, LOG_FILE } from './recorder.js';
import { startProxy } from './start.js';

const PASSWORD = 'al1ce-Pa55word';
const TICKET = '7T:alice-ticket-4f1d';
const SECRETS = ['whsec-first-9c1b2e', 'whsec-second-77aa01', 'created-through-proxy-5d2c'];
const HEADER_TOKEN = 'receiver-bearer-8e3f0a';
const BASIC = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
const SAMPLE = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

const hook = (name: string, secret: string, state: string) => ({
  Name: name,
  Events: ['contact.created'],
  TargetUrl: `https://receiver.example.com/${name}`,
  Secret: secret,
  State: state,
  Type: 'webhook',
  Headers: { 'X-Receiver-Token': HEADER_TOKEN },
  Properties: { source: 'recorded' },
  Description: `the ${name} webhook`,
});

let dir: string;
let server: RunningServer;
const sent: Array<{
  method: string;
  path: string;
  body?: string;
  auth: string;
  status: number;
  bytes: Buffer;
}> = [];

async function call(method: string, path: string, auth: string, body?: unknown) {
  const text = body === undefined ? undefined : JSON.stringify(body);
  const res = await fetch(`${proxyUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: auth,
      accept: 'application/json',
      'content-type': 'application/json',
    },
    ...(text === undefined ? {} : { body: text }),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  sent.push({
    method,
    path,
    ...(text === undefined ? {} : { body: text }),
    auth,
    status: res.status,
    bytes,
  });
  return {
    status: res.status,
    json: bytes.length > 0 ? (JSON.parse(bytes.toString()) as unknown) : undefined,
  };
}

let proxyUrl = '';
let lastList: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proxy-record-'));
  const defaults = JSON.parse(
    await readFile(new URL('../../fixtures/default.json', import.meta.url), 'utf8'),
  ) as {
    users: Array<Record<string, unknown>>;
  };
  const fixture = {
    users: [
      {
        ...defaults.users[0],
        UserName: 'alice',
        Password: PASSWORD,
        Tickets: [TICKET],
        Tokens: [],
      },
    ],
    webhooks: [
      hook('first', SECRETS[0] as string, 'Active'),
      hook('second', SECRETS[1] as string, 'Stopped'),
    ],
  };
  await writeFile(join(dir, 'upstream-fixture.json'), JSON.stringify(fixture));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    db: ':memory:',
    fixture: join(dir, 'upstream-fixture.json'),
    verifyTargets: false,
  });
  const proxy = await startProxy({ upstream: `${server.url}/api`, record: join(dir, 'recording') });
  proxyUrl = proxy.url;
  await call('GET', '/Webhook', BASIC);
  await call('GET', '/Webhook/1?$select=Name,Events', `SOTicket ${TICKET}`);
  await call('GET', '/Webhook/999', BASIC);
  const created = await call(
    'POST',
    '/Webhook',
    BASIC,
    hook('third', SECRETS[2] as string, 'Active'),
  );
  expect(created.status).toBe(200);
  await call('PATCH', '/Webhook/3', BASIC, [
    { op: 'replace', path: '/Description', value: 'patched' },
  ]);
  await call('POST', '/Agents/Webhook/GetAllWebhooks', BASIC, { NameFilter: 'second' });
  lastList = (await call('GET', '/Webhook', BASIC)).json as Array<Record<string, unknown>>;
  await proxy.close();
}, 60_000);

afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const withoutSecrets = ({ Secret: _s, Headers: _h, ...rest }: Record<string, unknown>) => rest;

describe('a recording made through the proxy', () => {
  it('holds no credential or secret that passed through, in any file', async () => {
    const files = await readdir(join(dir, 'recording'));
    expect(files.sort()).toEqual([LOG_FILE, FIXTURE_FILE].sort());
    const forbidden = [PASSWORD, TICKET, BASIC.slice(6), HEADER_TOKEN, ...SECRETS];
    for (const file of files) {
      const text = await readFile(join(dir, 'recording', file), 'utf8');
      expect(text.length).toBeGreaterThan(100);
      expect(
        forbidden.filter((value) => text.includes(value)),
        file,
      ).toEqual([]);
    }
    const log = (await readFile(join(dir, 'recording', LOG_FILE), 'utf8')).trim().split('\n');
    expect(log).toHaveLength(sent.length);
  });

  it('loads with serve --fixture <dir> and serves the same webhooks', async () => {
    const served = await startServer({
      port: 0,
      host: '127.0.0.1',
      db: ':memory:',
      fixture: join(dir, 'recording'),
    });
    try {
      const res = await fetch(`${served.url}/api/v1/Webhook`, {
        headers: { authorization: SAMPLE },
      });
      expect(res.status).toBe(200);
      const list = (await res.json()) as Array<Record<string, unknown>>;
      expect(lastList).toHaveLength(3);
      expect(list.map(withoutSecrets)).toEqual(lastList.map(withoutSecrets));
      expect(list.map((w) => w.Secret)).toEqual(['[redacted]', '[redacted]', '[redacted]']);
    } finally {
      await served.close();
    }
  });

  it('replays the recorded answers byte for byte, with what was redacted redacted', async () => {
    const replay = await startProxy({ replay: join(dir, 'recording') });
    try {
      for (const request of sent) {
        const res = await fetch(`${replay.url}/api/v1${request.path}`, {
          method: request.method,
          headers: {
            authorization: request.auth,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        const bytes = Buffer.from(await res.arrayBuffer()).toString('utf8');
        let expected = request.bytes.toString('utf8');
        for (const secret of [...SECRETS, HEADER_TOKEN])
          expected = expected.replaceAll(secret, '[redacted]');
        expect([res.status, bytes], `${request.method} ${request.path}`).toEqual([
          request.status,
          expected,
        ]);
      }
      // The answers without a secret in them are the upstream's very bytes.
      expect(
        sent.filter((s) => !SECRETS.some((x) => s.bytes.includes(x))).length,
      ).toBeGreaterThanOrEqual(2);
      const unknown = await fetch(`${replay.url}/api/v1/Webhook/12345`, {
        headers: { authorization: BASIC },
      });
      expect(unknown.status).toBe(404);
    } finally {
      await replay.close();
    }
  });

  it('keeps the Secrets in the fixture with --keep-secrets', async () => {
    const proxy = await startProxy({
      upstream: `${server.url}/api`,
      record: join(dir, 'kept'),
      keepSecrets: true,
    });
    await fetch(`${proxy.url}/api/v1/Webhook`, { headers: { authorization: BASIC } });
    await proxy.close();
    const fixture = JSON.parse(await readFile(join(dir, 'kept', FIXTURE_FILE), 'utf8')) as {
      webhooks: Array<{ Secret: string }>;
    };
    expect(fixture.webhooks.map((w) => w.Secret)).toEqual(SECRETS);
    const log = await readFile(join(dir, 'kept', LOG_FILE), 'utf8');
    expect(SECRETS.filter((s) => log.includes(s))).toEqual([]);
  });
});
