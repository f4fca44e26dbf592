// PATCH /api/v1/Webhook/{id} (docs/sources.md seed 004, docs/sources.md §5): RFC 6902 add/replace/remove/test, RFC
// 7396 merge patch, case-insensitive paths with an optional leading slash, 409 on a failed
// test, and If-Unmodified-Since on PATCH, PUT and DELETE (C10). Fixture webhook 1 is Active.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../domain/webhook.js';
import { createTestApp, errorOf, type TestApp } from '../../test/support/test-app.js';

let t: TestApp;
let before: readonly WebhookRecord[];
beforeEach(async () => {
  t = await createTestApp();
  before = structuredClone(t.store.list());
  // Later than the fixture's Updated (12:00:00), so a stored change shows in Updated.
  await t.clock.advance(90_000);
});
afterEach(() => {
  expect(t.problems).toEqual([]);
});

const JSON_PATCH = 'application/json-patch+json';
const MERGE_PATCH = 'application/merge-patch+json';

function patch(body: unknown, type = JSON_PATCH, extra: Record<string, string> = {}, id = 1) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return t.call(`/api/v1/Webhook/${id}`, {
    method: 'PATCH',
    body: text,
    headers: { 'content-type': type, ...extra },
  });
}

async function patched(response: Response): Promise<WebhookRecord & { _Links: unknown }> {
  expect(response.status).toBe(200);
  return (await response.json()) as WebhookRecord & { _Links: unknown };
}

async function refused(response: Response, status: number, type: string): Promise<string> {
  expect(response.status).toBe(status);
  const error = await errorOf(response);
  expect(error.ErrorType).toBe(type);
  expect(t.store.list()).toEqual(before);
  return String(error.Message);
}

describe('JSON Patch (RFC 6902)', () => {
  it('applies the documented example: test then replace State', async () => {
    const body = [
      { op: 'test', path: '/State', value: 'Active' },
      { op: 'replace', path: '/State', value: 'Stopped' },
    ];
    const saved = await patched(await patch(body));
    expect(saved.State).toBe('Stopped');
    expect(saved.Updated).toBe('2026-03-01T12:01:30.000Z');
    expect(saved.UpdatedAssociate?.AssociateId).toBe(5);
    expect(saved._Links).toEqual({
      Self: 'http://localhost/api/v1/Webhook/1',
      Archive: 'http://localhost/api/v1/Webhook',
    });
    const { _Links, ...fields } = saved;
    expect(t.store.get(1)).toEqual(fields);
    // Stopping raises the state event (docs/sources.md §4), and stopping pings nobody.
    expect(t.store.signals().map((s) => s.Event)).toEqual(['webhook1.stopped']);
    expect(t.sent).toEqual([]);
  });

  it('adds, replaces and removes nested members', async () => {
    const body = [
      { op: 'add', path: '/Events/-', value: 'ticket.deleted' },
      { op: 'replace', path: '/Headers/X-Service-Key', value: 'v3' },
      { op: 'remove', path: '/Properties/source' },
      { op: 'add', path: '/Description', value: 'patched' },
    ];
    const saved = await patched(await patch(body));
    expect(saved.Events).toEqual(['ticket.created', 'ticket.changed', 'ticket.deleted']);
    expect(saved.Headers).toEqual({ 'X-Service-Key': 'v3', 'X-Webhook-Version': '1.0' });
    expect(saved.Properties).toEqual({});
    expect(saved.Description).toBe('patched');
    expect(t.store.get(1)).toMatchObject({ Description: 'patched', Properties: {} });
  });

  it.each(['state', 'State', '/STATE', '/state'])(
    'takes the path %s case-insensitively, with or without the leading slash',
    async (path) => {
      const saved = await patched(await patch([{ op: 'replace', path, value: 'Stopped' }]));
      expect(saved.State).toBe('Stopped');
      expect(t.store.get(1)?.State).toBe('Stopped');
    },
  );

  it('binds values like a save body: enums by number, flags by number (C11)', async () => {
    const body = [
      { op: 'replace', path: '/State', value: 2 },
      { op: 'replace', path: '/NotifyVia', value: 3 },
    ];
    const saved = await patched(await patch(body));
    expect(saved).toMatchObject({ State: 'Stopped', NotifyVia: 'Email, InApp' });
  });

  it('answers 409 for a failed test and stores nothing (seed 004)', async () => {
    const body = [
      { op: 'replace', path: '/Name', value: 'never stored' },
      { op: 'test', path: '/State', value: 'Stopped' },
    ];
    const message = await refused(await patch(body), 409, 'SoConflictException');
    expect(message).toContain('/State');
    expect(t.store.signals()).toEqual([]);
  });

  it.each(['move', 'copy'])('refuses %s with 400', async (op) => {
    const body = [{ op, from: '/Name', path: '/Description' }];
    const message = await refused(await patch(body), 400, 'ArgumentException');
    expect(message).toBe(`JSON Patch operation '${op}' is not supported.`);
  });

  it.each([
    ['TotalCalls', 5],
    ['WebhookId', 9],
    ['Registered', '2020-01-01T00:00:00Z'],
    ['LastError', 'x'],
  ])('refuses a change to the read-only %s with 400 (C16)', async (field, value) => {
    const message = await refused(
      await patch([{ op: 'replace', path: `/${field}`, value }]),
      400,
      'ArgumentException',
    );
    expect(message).toBe(`Webhook.${field} is read-only.`);
  });

  it('allows a test of a read-only field', async () => {
    const body = [
      { op: 'test', path: '/WebhookId', value: 1 },
      { op: 'replace', path: '/Name', value: 'tested' },
    ];
    expect((await patched(await patch(body))).Name).toBe('tested');
  });

  it('refuses an unknown field with 400', async () => {
    const message = await refused(
      await patch([{ op: 'add', path: '/Colour', value: 'red' }]),
      400,
      'ArgumentException',
    );
    expect(message).toBe("Webhook has no field 'Colour'.");
  });

  it('refuses a value that leaves an invalid Webhook with 400', async () => {
    const message = await refused(
      await patch([{ op: 'replace', path: '/State', value: 'Sleeping' }]),
      400,
      'ArgumentException',
    );
    expect(message).toContain('State');
  });

  it('refuses a path into a missing member with 400', async () => {
    await refused(
      await patch([{ op: 'replace', path: '/Headers/Nope', value: 'x' }]),
      400,
      'ArgumentException',
    );
  });
});

describe('JSON Merge Patch (RFC 7396)', () => {
  it('merges members and removes those set to null', async () => {
    const saved = await patched(
      await patch(
        { Name: 'Renamed hook', Secret: null, Headers: { 'X-Webhook-Version': null } },
        MERGE_PATCH,
      ),
    );
    expect(saved).toMatchObject({ Name: 'Renamed hook', Secret: null });
    expect(saved.Headers).toEqual({ 'X-Service-Key': 'support_integration_v2' });
    expect(t.store.get(1)).toMatchObject({ Name: 'Renamed hook', Secret: null });
  });

  it('takes member names case-insensitively', async () => {
    const saved = await patched(
      await patch({ description: 'lower', STATE: 'stopped' }, MERGE_PATCH),
    );
    expect(saved).toMatchObject({ Description: 'lower', State: 'Stopped' });
  });

  it('ignores read-only fields sent back unchanged (a GET round trip)', async () => {
    const got = (await (await t.call('/api/v1/Webhook/1')).json()) as Record<string, unknown>;
    const { _Links, ...entity } = got;
    const saved = await patched(await patch({ ...entity, Name: 'round trip' }, MERGE_PATCH));
    expect(saved.Name).toBe('round trip');
    expect(t.store.get(1)?.Name).toBe('round trip');
  });

  it('ignores a read-only field that is null and sent as null (merge patch null = remove)', async () => {
    const body = {
      LastError: null,
      RegisteredAssociate: t.store.get(1)?.RegisteredAssociate,
      Name: 'n',
    };
    expect((await patched(await patch(body, MERGE_PATCH))).Name).toBe('n');
  });

  it('refuses a read-only field with a new value (C16)', async () => {
    const message = await refused(
      await patch({ TotalCalls: 7 }, MERGE_PATCH),
      400,
      'ArgumentException',
    );
    expect(message).toBe('Webhook.TotalCalls is read-only.');
  });

  it('refuses an unknown field', async () => {
    await refused(await patch({ Colour: 'red' }, MERGE_PATCH), 400, 'ArgumentException');
  });
});

describe('application/json bodies', () => {
  it('reads an array as JSON Patch', async () => {
    const saved = await patched(
      await patch([{ op: 'replace', path: 'Name', value: 'via json' }], 'application/json'),
    );
    expect(saved.Name).toBe('via json');
  });

  it('reads an object as a merge patch', async () => {
    const saved = await patched(await patch({ Name: 'merged via json' }, 'application/json'));
    expect(saved.Name).toBe('merged via json');
  });

  it('reads text/json the same way', async () => {
    const saved = await patched(await patch({ Name: 'text json' }, 'text/json'));
    expect(saved.Name).toBe('text json');
  });

  it('refuses an array sent as a merge patch, and an object sent as JSON Patch', async () => {
    await refused(
      await patch([{ op: 'remove', path: '/Name' }], MERGE_PATCH),
      400,
      'ArgumentException',
    );
    await refused(await patch({ Name: 'x' }, JSON_PATCH), 400, 'ArgumentException');
  });
});

describe('ids and the save checks', () => {
  it('answers 404 for an unknown id (seed 004)', async () => {
    const message = await refused(
      await patch([{ op: 'replace', path: '/Name', value: 'x' }], JSON_PATCH, {}, 99),
      404,
      'SoNotFoundException',
    );
    expect(message).toBe('Webhook id 99 not found');
  });

  it('checks the patched TargetUrl like a save (docs/sources.md §2c)', async () => {
    const message = await refused(
      await patch({ TargetUrl: 'http://www.example.com' }, MERGE_PATCH),
      400,
      'ArgumentException',
    );
    expect(message).toBe(
      "Webhook TargetUrl must be secure: 'HTTPS:' not found in http://www.example.com",
    );
  });

  it('applies $select to the answer', async () => {
    const response = await t.call('/api/v1/Webhook/1?$select=Description', {
      method: 'PATCH',
      body: { Description: 'only this' },
    });
    const saved = await patched(response);
    expect(saved).toMatchObject({ Description: 'only this', Name: null, WebhookId: 0 });
    expect(t.store.get(1)?.Name).toBe('Ticket System Integration');
  });
});

describe('If-Unmodified-Since (C10)', () => {
  // The fixture's webhooks were Updated at 2026-03-01T12:00:00.000Z.
  const OLDER = 'Sun, 01 Mar 2026 11:59:59 GMT';
  const EQUAL = 'Sun, 01 Mar 2026 12:00:00 GMT';
  const NEWER = 'Sun, 01 Mar 2026 12:00:01 GMT';

  it('PATCH: an older date is 412 and stores nothing', async () => {
    const message = await refused(
      await patch({ Name: 'late' }, MERGE_PATCH, { 'if-unmodified-since': OLDER }),
      412,
      'SoPreconditionFailedException',
    );
    expect(message).toBe(`Webhook 1 has changed since ${OLDER}`);
  });

  it.each([EQUAL, NEWER, 'not a date'])('PATCH: %s is served', async (since) => {
    const saved = await patched(
      await patch({ Name: 'ok' }, MERGE_PATCH, { 'if-unmodified-since': since }),
    );
    expect(saved.Name).toBe('ok');
  });

  it('PATCH: a date before the previous PATCH is 412', async () => {
    await patched(await patch({ Name: 'first' }, MERGE_PATCH));
    before = structuredClone(t.store.list());
    const stale = await patch({ Name: 'second' }, MERGE_PATCH, { 'if-unmodified-since': NEWER });
    await refused(stale, 412, 'SoPreconditionFailedException');
    expect(t.store.get(1)?.Name).toBe('first');
  });

  it('PUT: an older date is 412, an equal one is served', async () => {
    const body = { Name: 'put', TargetUrl: 'https://a.example/put' };
    const stale = await t.call('/api/v1/Webhook/1', {
      method: 'PUT',
      body,
      headers: { 'if-unmodified-since': OLDER },
    });
    await refused(stale, 412, 'SoPreconditionFailedException');
    const fresh = await t.call('/api/v1/Webhook/1', {
      method: 'PUT',
      body,
      headers: { 'if-unmodified-since': EQUAL },
    });
    expect(fresh.status).toBe(200);
    expect(t.store.get(1)?.Name).toBe('put');
  });

  it('DELETE: an older date is 412, a newer one deletes', async () => {
    const stale = await t.call('/api/v1/Webhook/1', {
      method: 'DELETE',
      headers: { 'if-unmodified-since': OLDER },
    });
    await refused(stale, 412, 'SoPreconditionFailedException');
    const fresh = await t.call('/api/v1/Webhook/1', {
      method: 'DELETE',
      headers: { 'if-unmodified-since': NEWER },
    });
    expect(fresh.status).toBe(204);
    expect(t.store.get(1)).toBeUndefined();
  });
});
