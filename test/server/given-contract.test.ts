// The mock takes a contract already loaded (the mutation host hands it one whose validators are
// compiled before any case runs) and checks its requests with that one.
import { expect, it } from 'vitest';
import { loadContract, type Contract } from '../../src/http/contract.js';
import { createMock } from '../../src/mock.js';
import { BASIC } from '../support/test-app.js';

it('checks requests with the contract it is given', async () => {
  const contract = await loadContract();
  const checked: string[] = [];
  const watched: Contract = {
    ...contract,
    validateRequest(operationId, request) {
      checked.push(operationId);
      return contract.validateRequest(operationId, request);
    },
  };
  const mock = await createMock({ db: ':memory:', contract: watched }, 'http://127.0.0.1:3000');
  try {
    const res = await mock.app.request('http://127.0.0.1:3000/api/v1/Webhook/1', {
      headers: { host: '127.0.0.1:3000', authorization: BASIC },
    });
    expect(res.status).toBe(200);
    expect(checked).toEqual(['getWebhook']);
  } finally {
    mock.endStreams();
    await mock.close();
  }
});
