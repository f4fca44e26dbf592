// Webhook delivery end to end: the real server (startServer) posts to a real 127.0.0.1
// receiver through the real `deliver`; retries run on a manual clock. Covers docs/sources.md §3a–§3e,
// TestWebhook (§2b), GetLastError (§1a R10, §1b A8) and the admin API's delivery log.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, SPEC_PATH } from '../paths.js';
import { startServer, type RunningServer, type ServerOptions } from '../server.js';
import type { DeliveryRecord, MailRecord } from '../store/state.js';
import { ScriptedDeliver } from '../../test/support/scripted-deliver.js';
import { drain, ManualClock, until } from '../../test/support/manual-clock.js';
import { closedPort, startReceiver, type Receiver } from '../../test/support/receiver.js';
import { verifySignature } from './signature.js';
import { verifyStandardWebhook } from './standard-webhooks.js';
import { loadStoreState } from '../store/lowdb-store.js';

const addFormats = addFormatsModule.default;
const spec = parse(await readFile(SPEC_PATH, 'utf8')) as {
  components: { schemas: { WebhookPayload: object } };
};
const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
addFormats(ajv);
const validatePayload = ajv.compile(spec.components.schemas.WebhookPayload);

const AUTH = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;
let fixture = '';
let fixtureDir = '';
const running: RunningServer[] = [];
const receivers: Receiver[] = [];

beforeAll(async () => {
  // The default fixture's users, none of its webhooks: no delivery may leave this machine.
  fixtureDir = await mkdtemp(join(tmpdir(), 'so-webhook-e2e-'));
  const base = JSON.parse(await readFile(`${FIXTURES_DIR}default.json`, 'utf8')) as object;
  fixture = join(fixtureDir, 'users-only.json');
  await writeFile(fixture, JSON.stringify({ ...base, webhooks: [] }));
});
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
  for (const receiver of receivers.splice(0)) await receiver.close();
});
afterAll(() => rm(fixtureDir, { recursive: true, force: true }));

async function serve(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({ port: 0, db: ':memory:', fixture, ...options });
  running.push(server);
  return server;
}

async function receiver(): Promise<Receiver> {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: AUTH, Accept: 'application/json', 'Content-Type': type },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

async function createHook(server: RunningServer, fields: Record<string, unknown>) {
  const saved = await call(server, 'POST', '/api/v1/Webhook', {
    Name: 'Hook',
    Events: ['button.clicked'],
    ...fields,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return saved.body as { WebhookId: number } & Record<string, unknown>;
}

const signal = (server: RunningServer, event: string, data: unknown = null, primaryKey = 952) =>
  call(server, 'POST', '/api/v1/Agents/Webhook/SignalEvent', {
    EventName: event,
    PrimaryKey: primaryKey,
    Data: data,
  });

/** Deliveries proper, without the `test` pings sent when a hook is saved. */
const events = (r: Receiver, path: string) =>
  r.requests(path).filter((d) => d.headers['x-hook-test'] === undefined);

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

describe('with the real deliver and clock', () => {
  // One server and one receiver for the whole block (loading the contract takes a while); each
  // test uses its own event names and receiver paths.
  let server: RunningServer;
  let r: Receiver;
  beforeAll(async () => {
    server = await startServer({ port: 0, db: ':memory:', fixture });
    r = await startReceiver();
  });
  afterAll(async () => {
    await server.close();
    await r.close();
  });

  it('delivers one signed POST per matching active hook, none to stopped or other hooks', async () => {
    await createHook(server, {
      Name: 'Signed',
      TargetUrl: `${r.url}/signed`,
      Secret: 's3cr3t',
      Headers: { 'X-Custom': 'one', 'X-Tenant': 'acme' },
      Properties: { source: 'mock', tier: 2 },
    });
    await createHook(server, { Name: 'Unsigned', TargetUrl: `${r.url}/unsigned` });
    await createHook(server, { Name: 'Stopped', TargetUrl: `${r.url}/stopped`, State: 'Stopped' });
    await createHook(server, { Events: ['window.closed'], TargetUrl: `${r.url}/other` });

    const data = { name: 'Acme', number1: '42' };
    expect((await signal(server, 'button.clicked', data)).status).toBe(204);
    await server.dispatcher.idle();

    expect(events(r, '/stopped')).toEqual([]);
    expect(r.requests('/stopped')).toEqual([]);
    expect(events(r, '/other')).toEqual([]);
    const [signed, ...moreSigned] = events(r, '/signed');
    const [unsigned, ...moreUnsigned] = events(r, '/unsigned');
    expect([moreSigned, moreUnsigned]).toEqual([[], []]);
    if (!signed || !unsigned) throw new Error('a delivery is missing');

    const body = json(signed.text);
    expect(signed.method).toBe('POST');
    expect(signed.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-superoffice-event': 'button.clicked',
      'x-superoffice-eventid': body.EventId,
      'x-superoffice-retry': '0',
      'x-custom': 'one',
      'x-tenant': 'acme',
    });
    expect(signed.headers['user-agent']).toMatch(/^NetServer-Webhook\/\d/);
    expect(signed.headers['x-hook-test']).toBeUndefined();
    expect(signed.headers['webhook-signature']).toBeUndefined();
    const signature = signed.headers['x-superoffice-signature'] as string;
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(verifySignature('s3cr3t', signed.raw, signature)).toBe(true);
    expect(verifySignature('another secret', signed.raw, signature)).toBe(false);
    expect(unsigned.headers['x-superoffice-signature']).toBeUndefined();

    expect(validatePayload(body), JSON.stringify(validatePayload.errors)).toBe(true);
    expect(body).toMatchObject({
      Event: 'button.clicked',
      PrimaryKey: 952,
      Entity: 'button',
      Changes: [],
      ContextIdentifier: 'Default',
      ChangedByAssociateId: 5,
      WebhookName: 'Signed',
      FieldValues: data,
      source: 'mock',
      tier: 2,
    });
    const other = json(unsigned.text);
    expect(validatePayload(other)).toBe(true);
    expect(other.EventId).toBe(body.EventId);
    expect(other.WebhookName).toBe('Unsigned');
  });

  it('the REST signal delivers its body as FieldValues (C13)', async () => {
    await createHook(server, { Events: ['foo.bar'], TargetUrl: `${r.url}/rest` });
    const answer = await call(server, 'POST', '/api/v1/Webhook/foo.bar/123', { x: 1 });
    expect(answer.status).toBe(204);
    await server.dispatcher.idle();
    const [delivery] = events(r, '/rest');
    expect(json(delivery?.text ?? '{}')).toMatchObject({
      Event: 'foo.bar',
      PrimaryKey: 123,
      FieldValues: { x: 1 },
    });
  });

  const tryTarget = {
    'REST /Webhook/Test': (body: object) => call(server, 'POST', '/api/v1/Webhook/Test', body),
    'Agent TestWebhook': (body: object) =>
      call(server, 'POST', '/api/v1/Agents/Webhook/TestWebhook', { Webhook: body }),
  };

  it.each(Object.keys(tryTarget) as (keyof typeof tryTarget)[])(
    '%s reports a live, a 500-answering, a dropping and a closed target in the body',
    async (surface) => {
      const test = tryTarget[surface];
      const definition = (url: string) => ({
        Name: 'T',
        Events: ['x.y'],
        TargetUrl: url,
        Secret: 'k',
      });
      r.script('/t-500', [{ status: 500, body: 'boom' }]);
      r.script('/t-drop', ['destroy']);
      const pinged = r.requests('/t-live').length;

      const live = await test(definition(`${r.url}/t-live`));
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({
        Success: true,
        Message: expect.stringMatching(/^HTTP\/1\.1 200 OK\r\n/),
      });
      const [ping] = r.requests('/t-live').slice(pinged);
      expect(ping?.headers).toMatchObject({ 'x-hook-test': 'true', 'x-superoffice-event': 'test' });
      expect(
        verifySignature('k', ping?.raw ?? '', ping?.headers['x-superoffice-signature'] as string),
      ).toBe(true);
      expect(json(ping?.text ?? '{}')).toMatchObject({
        Event: 'test',
        PrimaryKey: 0,
        Entity: 'test',
      });

      const failing = await test(definition(`${r.url}/t-500`));
      expect(failing.status).toBe(200);
      expect(failing.body).toMatchObject({
        Success: false,
        Message: expect.stringMatching(
          /^HTTP\/1\.1 500 Internal Server Error\r\n[\s\S]*\r\n\r\nboom$/,
        ),
      });

      const dropped = await test(definition(`${r.url}/t-drop`));
      expect(dropped.status).toBe(200);
      expect(dropped.body).toMatchObject({
        Success: false,
        Message: expect.stringMatching(/socket hang up|ECONNRESET/),
      });

      const closed = await test(definition(`http://127.0.0.1:${await closedPort()}/gone`));
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        Success: false,
        Message: expect.stringContaining('ECONNREFUSED'),
      });

      const insecure = await test(definition('http://example.com/hook'));
      expect(insecure.status).toBe(200);
      expect(insecure.body).toMatchObject({
        Success: false,
        Message: expect.stringContaining("'HTTPS:' not found"),
      });
    },
  );

  it('a crmscript hook is recorded in the delivery log and makes no HTTP call (docs/sources.md §3e)', async () => {
    const hook = await createHook(server, {
      Type: 'crmscript',
      TargetUrl: 'ScriptHook1',
      Events: ['sale.sold'],
    });
    const before = r.requests().length;
    expect((await signal(server, 'sale.sold', { amount: 10 })).status).toBe(204);
    await server.dispatcher.idle();
    expect(r.requests()).toHaveLength(before);
    const log = await call(server, 'GET', `/__admin/deliveries?webhookId=${hook.WebhookId}`);
    expect(log.body).toEqual([
      expect.objectContaining({
        Kind: 'crmscript',
        State: 'recorded',
        Url: 'ScriptHook1',
        Event: 'sale.sold',
        Attempts: [],
      }),
    ]);
    const saved = await call(server, 'GET', `/api/v1/Webhook/${hook.WebhookId}`);
    expect(saved.body).toMatchObject({ TotalCalls: 1, TotalErrors: 0 });
  });

  it('/__admin/deliveries filters by webhookId and event; replay sends the delivery again', async () => {
    const a = await createHook(server, {
      Events: ['log.a', 'log.b'],
      TargetUrl: `${r.url}/log-a`,
      Secret: 'k',
    });
    const b = await createHook(server, { Events: ['log.a'], TargetUrl: `${r.url}/log-b` });
    await signal(server, 'log.a');
    await signal(server, 'log.b');
    await server.dispatcher.idle();

    const log = async (query: string) =>
      (await call(server, 'GET', `/__admin/deliveries?${query}`)).body as DeliveryRecord[];
    const ofA = await log(`webhookId=${a.WebhookId}`);
    expect(ofA.map((d) => d.Event)).toEqual(['log.b', 'log.a']);
    expect(ofA.every((d) => d.State === 'succeeded' && d.Attempts[0]?.Status === 200)).toBe(true);
    expect((await log('event=log.a')).map((d) => d.WebhookId).sort()).toEqual(
      [a.WebhookId, b.WebhookId].sort(),
    );
    expect(await log(`webhookId=${b.WebhookId}&event=log.b`)).toEqual([]);

    const original = ofA[1] as DeliveryRecord;
    const replay = await call(server, 'POST', `/__admin/deliveries/${original.DeliveryId}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ ReplayOf: original.DeliveryId, EventId: original.EventId });
    await server.dispatcher.idle();
    const sent = events(r, '/log-a').filter((d) => d.headers['x-superoffice-event'] === 'log.a');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.text).toBe(sent[0]?.text);
    expect(sent[1]?.headers['x-superoffice-retry']).toBe('0');
    expect(sent[1]?.headers['x-superoffice-signature']).toBe(
      sent[0]?.headers['x-superoffice-signature'],
    );
    const copyId = (replay.body as DeliveryRecord).DeliveryId;
    const copy = await call(server, 'GET', `/__admin/deliveries/${copyId}`);
    expect(copy.body).toMatchObject({ State: 'succeeded', ReplayOf: original.DeliveryId });

    const unknown = await call(server, 'POST', '/__admin/deliveries/99999/replay');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ Error: true, ErrorType: 'SoNotFoundException' });
  });
});

describe('--standard-webhooks', () => {
  it('adds webhook-* headers that verify with the secret', async () => {
    const server = await serve({ standardWebhooks: true });
    const r = await receiver();
    const secret = `whsec_${Buffer.from('a standard key').toString('base64')}`;
    await createHook(server, { TargetUrl: `${r.url}/std`, Secret: secret });
    await signal(server, 'button.clicked');
    await server.dispatcher.idle();
    const [delivery] = events(r, '/std');
    if (!delivery) throw new Error('no delivery');
    const now = Date.now() / 1000;
    expect(delivery.headers['webhook-id']).toBe(json(delivery.text).EventId);
    expect(verifyStandardWebhook(secret, delivery.headers, delivery.raw, now)).toBe(true);
    expect(verifyStandardWebhook('whsec_b3RoZXI=', delivery.headers, delivery.raw, now)).toBe(
      false,
    );
    expect(
      verifySignature(secret, delivery.raw, delivery.headers['x-superoffice-signature'] as string),
    ).toBe(true);
  });
});

describe('retries and disabling on a manual clock (docs/sources.md §3d)', () => {
  let server: RunningServer;
  let r: Receiver;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = new ManualClock();
    server = await startServer({ port: 0, db: ':memory:', fixture, clock });
    r = await startReceiver();
  });
  afterAll(async () => {
    await server.close();
    await r.close();
  });

  const cycle = async (event: string) => {
    expect((await signal(server, event)).status).toBe(204);
    await drain(clock, server.dispatcher);
  };

  it('9 failed cycles disable the hook, mail, fire .errors; saving it Active re-enables it', async () => {
    const hook = await createHook(server, {
      Name: 'Flaky',
      Events: ['order.placed'],
      TargetUrl: `${r.url}/flaky`,
      Secret: 'k',
      ErrorsEmail: 'ops@example.com',
      ErrorEmails: ['dev@example.com'],
    });
    const id = hook.WebhookId;
    await createHook(server, {
      Name: 'Watcher',
      Events: [`webhook${id}.errors`, `webhook${id}.started`],
      TargetUrl: `${r.url}/watcher`,
    });
    r.script('/flaky', [{ status: 500, body: 'down' }]);
    const t0 = clock.now().getTime();
    await cycle('order.placed');
    const [first] = (await call(server, 'GET', `/__admin/deliveries?webhookId=${id}`))
      .body as DeliveryRecord[];
    expect(first?.Attempts.map((a) => Date.parse(a.At) - t0)).toEqual([0, 1000, 5000]);
    const tries = events(r, '/flaky');
    expect(tries.map((d) => d.headers['x-superoffice-retry'])).toEqual(['0', '1', '2']);
    expect(new Set(tries.map((d) => d.headers['x-superoffice-eventid'])).size).toBe(1);
    for (let n = 2; n <= 9; n++) await cycle('order.placed');

    const disabled = (await call(server, 'GET', `/api/v1/Webhook/${id}`)).body;
    expect(disabled).toMatchObject({
      State: 'TooManyErrors',
      ConsecutiveErrors: 9,
      TotalCalls: 27,
      TotalErrors: 27,
      LastError: expect.stringMatching(/^HTTP\/1\.1 500 Internal Server Error\r\n[\s\S]*down$/),
    });
    const lastError = (disabled as { LastError: string }).LastError;
    expect((await call(server, 'GET', `/api/v1/Webhook/${id}/LastError`)).body).toBe(lastError);
    const agent = await call(server, 'POST', '/api/v1/Agents/Webhook/GetLastError', {
      WebhookId: id,
    });
    expect(agent).toMatchObject({ status: 200, body: lastError });

    const outbox = (await call(server, 'GET', '/__admin/outbox')).body as MailRecord[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ WebhookId: id, To: ['ops@example.com', 'dev@example.com'] });
    const [errors, ...more] = events(r, '/watcher');
    expect(more).toEqual([]);
    expect(errors?.headers['x-superoffice-event']).toBe(`webhook${id}.errors`);
    const errorsBody = json(errors?.text ?? '{}');
    expect(validatePayload(errorsBody)).toBe(true);
    expect(errorsBody).toMatchObject({
      Event: 'webhook.errors',
      PrimaryKey: id,
      FieldValues: { state: 3 },
    });

    await cycle('order.placed');
    expect(events(r, '/flaky')).toHaveLength(27);

    r.script('/flaky', [200]);
    const patch = [{ op: 'replace', path: '/State', value: 'Active' }];
    const saved = await call(
      server,
      'PATCH',
      `/api/v1/Webhook/${id}`,
      patch,
      'application/json-patch+json',
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ State: 'Active', ConsecutiveErrors: 0, TotalCalls: 27 });
    await drain(clock, server.dispatcher);
    const started = events(r, '/watcher')[1];
    expect(started?.headers['x-superoffice-event']).toBe(`webhook${id}.started`);
    expect(json(started?.text ?? '{}')).toMatchObject({
      Event: 'webhook.started',
      FieldValues: { state: 1 },
    });
    await cycle('order.placed');
    expect(events(r, '/flaky').at(-1)?.answered).toBe(200);
    expect((await call(server, 'GET', `/api/v1/Webhook/${id}`)).body).toMatchObject({
      ConsecutiveErrors: 0,
      TotalCalls: 28,
    });
  });

  it('410 Gone disables the hook after one attempt', async () => {
    const hook = await createHook(server, { Events: ['gone.event'], TargetUrl: `${r.url}/gone` });
    r.script('/gone', [410]);
    await cycle('gone.event');
    expect(events(r, '/gone')).toHaveLength(1);
    const after = (await call(server, 'GET', `/api/v1/Webhook/${hook.WebhookId}`)).body;
    expect(after).toMatchObject({
      State: 'TooManyErrors',
      TotalCalls: 1,
      LastError: expect.stringMatching(/^HTTP\/1\.1 410 Gone/),
    });
  });

  it('deleting a webhook cancels its pending retries', async () => {
    const hook = await createHook(server, {
      Events: ['doomed.event'],
      TargetUrl: `${r.url}/doomed`,
    });
    r.script('/doomed', [503]);
    expect((await signal(server, 'doomed.event')).status).toBe(204);
    await until(() => clock.pending() === 1, 'a scheduled retry');
    expect((await call(server, 'DELETE', `/api/v1/Webhook/${hook.WebhookId}`)).status).toBe(204);
    expect(clock.pending()).toBe(0);
    await clock.advance(60_000);
    await server.dispatcher.idle();
    expect(events(r, '/doomed')).toHaveLength(1);
    const log = await call(server, 'GET', `/__admin/deliveries?webhookId=${hook.WebhookId}`);
    expect(log.body).toEqual([
      expect.objectContaining({ State: 'cancelled', NextAttemptAt: null }),
    ]);
  });
});

describe('restart', () => {
  it('a retry pending in the store file is sent by the next server on the same file', async () => {
    const r = await receiver();
    const db = join(fixtureDir, 'restart.json');
    const before = new ManualClock();
    const first = await serve({ db, clock: before });
    await createHook(first, { Events: ['restart.event'], TargetUrl: `${r.url}/restart` });
    r.script('/restart', [503, 200]);
    expect((await signal(first, 'restart.event')).status).toBe(204);
    await until(() => before.pending() === 1, 'a scheduled retry');
    await first.close();
    running.splice(running.indexOf(first), 1);
    const onDisk = await loadStoreState(db);
    const pending = onDisk.deliveries.find((d) => d.Event === 'restart.event');
    expect(pending).toMatchObject({ State: 'pending', NextAttemptAt: expect.any(String) });

    const after = new ManualClock(before.now());
    const second = await serve({ db, clock: after });
    expect(after.delays()).toEqual([1000]);
    await drain(after, second.dispatcher);
    const sent = events(r, '/restart');
    expect(sent.map((d) => [d.headers['x-superoffice-retry'], d.answered])).toEqual([
      ['0', 503],
      ['1', 200],
    ]);
    expect(sent[1]?.text).toBe(sent[0]?.text);
  });
});

describe('--queue-size', () => {
  it('a flood beyond the queue gets 503 in the error shape while the server keeps answering', async () => {
    const clock = new ManualClock();
    const target = new ScriptedDeliver(clock);
    // A store file, as by default: its writes take real time, so the signals overlap.
    const server = await serve({
      db: join(fixtureDir, 'flood.json'),
      clock,
      deliver: target.deliver,
      limits: { queueSize: 3, concurrency: 1 },
    });
    const url = 'https://flood.example/hook';
    await createHook(server, { Events: ['flood.event'], TargetUrl: url });
    target.script(url, ['hang']);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signal(server, 'flood.event', null, i)),
    );
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 204)).toHaveLength(3);
    expect(refused).toHaveLength(9);
    expect(refused[0]?.body).toEqual({
      Error: true,
      ErrorType: 'SoQueueFullException',
      Message: expect.stringContaining('queue is full'),
      ErrorMessage: expect.stringContaining('queue is full'),
      ErrorSource: 'SuperOffice.WebApi',
    });
    expect(refused[0]?.headers.get('retry-after')).toBe('1');

    expect((await call(server, 'GET', '/api/v1/Webhook')).status).toBe(200);
    expect((await call(server, 'GET', '/__admin/signals')).body).toHaveLength(3);
    for (let n = 1; n <= 3; n++) {
      await until(() => target.hanging() === 1, `attempt ${n} in flight`);
      target.release(200);
    }
    await server.dispatcher.idle();
    expect(target.callsTo(url)).toHaveLength(3);
    expect((await signal(server, 'flood.event')).status).toBe(204);
    await until(() => target.hanging() === 1, 'the next attempt');
    target.release(200);
    await server.dispatcher.idle();
  });
});
