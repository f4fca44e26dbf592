import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadContract, type Contract } from './contract.js';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

describe('contract facade', () => {
  it('routes by the spec, telling Test and {eventName}/{primaryKey} apart', () => {
    expect(contract.route('GET', '/api/v1/Webhook/12')?.id).toBe('getWebhook');
    expect(contract.route('POST', '/api/v1/Webhook/Test')?.id).toBe('testWebhook');
    expect(contract.route('POST', '/api/v1/Webhook/foo.bar/12')?.id).toBe('signalWebhookEvent');
    expect(contract.route('GET', '/api/v1/Nothing')).toBeUndefined();
  });

  it('lists every problem of a request, not the first only', () => {
    const problems = contract.validateRequest('saveWebhook', {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/SaveWebhook',
      headers: { 'content-type': 'application/json' },
      body: { Name: 3, State: 'Sleeping', Colour: 'red' },
    });
    expect(problems.map((p) => p.location).sort()).toEqual(['body', 'body.Name', 'body.State']);
    expect(problems.find((p) => p.location === 'body')?.message).toContain("'Colour'");
  });

  it('compiles every request validator ahead when asked, and then never again', async () => {
    const fresh = await loadContract();
    const compile = vi.spyOn(Ajv2020.prototype, 'compile');
    try {
      fresh.compileRequestValidators();
      const ahead = compile.mock.calls.length;
      const bodies = fresh.operations.flatMap((op) =>
        fresh.requestMediaTypes(op.id).map((type) => [op, type] as const),
      );
      // One per body media type at least, and the parameter checks besides.
      expect(ahead).toBeGreaterThan(bodies.length);
      for (const [op, type] of bodies) {
        fresh.validateRequest(op.id, {
          method: op.method,
          path: op.path,
          headers: { 'content-type': type },
          body: {},
        });
      }
      expect(compile.mock.calls.length).toBe(ahead);
    } finally {
      compile.mockRestore();
    }
  });

  it('accepts a valid request', () => {
    const problems = contract.validateRequest('getWebhookAgent', {
      method: 'POST',
      path: '/api/v1/Agents/Webhook/GetWebhook',
      query: { webhookId: '5' },
    });
    expect(problems).toEqual([]);
  });

  it('flags a response that drifts from the documented shape', () => {
    const problems = contract.validateResponse('getWebhook', {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { WebhookId: 'one' },
    });
    expect(problems.some((p) => p.location === 'body.WebhookId')).toBe(true);
    expect(problems.some((p) => p.message.includes('_Links'))).toBe(true);
  });

  it("mocks a documented status from the spec's examples and refuses an undocumented one", async () => {
    const conflict = await contract.mock(
      'patchWebhook',
      { method: 'PATCH', path: '/api/v1/Webhook/3' },
      {
        code: 409,
      },
    );
    expect(conflict.ok && conflict.response.status).toBe(409);
    expect(conflict.ok && conflict.response.body).toMatchObject({ Error: true });
    expect(
      (
        await contract.mock(
          'getWebhook',
          { method: 'GET', path: '/api/v1/Webhook/3' },
          { code: 418 },
        )
      ).ok,
    ).toBe(false);
  });

  it('knows the documented statuses of each operation', () => {
    expect(contract.operation('patchWebhook').statuses).toEqual([
      200, 400, 401, 404, 406, 409, 412, 413, 415,
    ]);
  });
});
