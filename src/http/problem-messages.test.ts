// Refusals name the problem: the unknown fields by name, a body whose Content-Type is missing
// or is curl -d's form default for what is JSON, each with the types that are accepted.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/support/test-app.js';

const HOOK = { Name: 'x', Events: ['a.b'], TargetUrl: 'https://example.com/h' };

async function message(response: Response): Promise<string> {
  return ((await response.json()) as { Message: string }).Message;
}

describe('problem messages', () => {
  it('names every unknown field of a body in one problem', async () => {
    const { call, problems } = await createTestApp({ targets: { strict: false, verify: false } });
    const one = await call('/api/v1/Webhook', { method: 'POST', body: { ...HOOK, Bogus: 1 } });
    expect(one.status).toBe(400);
    expect(await message(one)).toBe("Request body has an unknown field 'Bogus'");
    const two = await call('/api/v1/Webhook', {
      method: 'POST',
      body: { ...HOOK, Bogus: 1, Other: 2 },
    });
    expect(await message(two)).toBe("Request body has unknown fields 'Bogus', 'Other'");
    expect(problems).toEqual([]);
  });

  it('says a body has no Content-Type, and which types are accepted', async () => {
    const { call, problems } = await createTestApp();
    const answer = await call('/api/v1/Webhook', {
      method: 'POST',
      headers: { 'content-type': '' },
      body: JSON.stringify(HOOK),
    });
    expect(answer.status).toBe(415);
    const text = await message(answer);
    expect(text).toContain('no Content-Type header');
    expect(text).toContain('application/json');
    expect(problems).toEqual([]);
  });

  it('says JSON sent as a form (curl -d without -H) needs Content-Type: application/json', async () => {
    const { call, problems } = await createTestApp();
    const answer = await call('/api/v1/Webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify(HOOK),
    });
    expect(answer.status).toBe(415);
    expect(await message(answer)).toContain('send it with Content-Type: application/json');
    expect(problems).toEqual([]);
  });
});
