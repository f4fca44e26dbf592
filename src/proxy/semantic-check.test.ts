import { describe, expect, it } from 'vitest';
import { semanticProblems } from './semantic-check.js';

const get = (query: string) => ({
  method: 'GET',
  path: '/api/v1/Webhook/7',
  query,
  headers: {},
  body: Buffer.alloc(0),
});
const whole = { WebhookId: 7, Name: 'Seven', State: 'Active', _Links: {} };

describe("the proxy's $select rule (C8)", () => {
  it('flags a field a $select left out that is neither null nor its default', () => {
    const problems = semanticProblems('getWebhook', get('$select=Name'), 200, whole, true);
    expect(problems.map((p) => p.rule)).toEqual(['response.select', 'response.select']);
    expect(problems.map((p) => /left (\w+)/.exec(p.message)?.[1]).sort()).toEqual([
      'State',
      'WebhookId',
    ]);
  });

  it('reads an empty $select, or one of only commas and spaces, as selecting every field', () => {
    for (const query of ['$select=', '$select=,', '$select=%20,%20']) {
      expect(semanticProblems('getWebhook', get(query), 200, whole, true), query).toEqual([]);
    }
  });

  it('ignores spaces around a name', () => {
    const selected = { WebhookId: 0, Name: 'Seven', State: 'Unknown', _Links: {} };
    expect(semanticProblems('getWebhook', get('$select=%20Name%20'), 200, selected, true)).toEqual(
      [],
    );
  });

  it('leaves $select unjudged on an operation that does not document it', () => {
    const list = { ...get('$select=Name'), path: '/api/v1/Webhook' };
    // The REST list takes no $select (spec/README.md): a whole webhook is the right answer.
    expect(semanticProblems('getWebhookList', list, 200, [whole], false)).toEqual([]);
    expect(semanticProblems('getWebhookList', list, 200, [whole], true)).toHaveLength(2);
  });
});
