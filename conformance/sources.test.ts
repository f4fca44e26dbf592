import { describe, expect, it } from 'vitest';
import { citation, cite } from './sources.js';

describe('case sources as a reader can open them', () => {
  it.each([
    [
      'seeds/004_c05cf042a57efd1d.txt',
      'https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_PatchWebhook.html',
    ],
    [
      'seeds/000_b1d363702d928572.txt',
      'https://docs.superoffice.com/en/api/reference/restful/agent/Webhook_Agent/v1WebhookAgent_CreateDefaultWebhook.html',
    ],
    [
      'reference §1a R10',
      'https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_GetLastError.html',
    ],
    [
      'reference §1b A3',
      'https://docs.superoffice.com/en/api/reference/restful/agent/Webhook_Agent/v1WebhookAgent_DeleteWebhook.html',
    ],
    ['reference §3c', 'https://docs.superoffice.com/en/automation/webhook/security.html'],
    ['reference §0.3', 'https://docs.superoffice.com/en/automation/webhook/overview.html'],
    ['spec C6', 'spec/README.md C6'],
    ['RFC 6902 §5', 'https://www.rfc-editor.org/rfc/rfc6902#section-5'],
    [
      'RFC 7396 §2, seeds/004_c05cf042a57efd1d.txt',
      'https://www.rfc-editor.org/rfc/rfc7396#section-2, https://docs.superoffice.com/en/api/reference/restful/rest/Webhook/v1Webhook_PatchWebhook.html',
    ],
  ])('%s → %s', (source, expected) => {
    expect(citation(source)).toBe(expected);
  });

  it('leaves nothing unknown unnoticed', () => {
    expect(citation('reference §9')).toBeUndefined();
    expect(citation('seeds/009_0000000000000000.txt')).toBeUndefined();
    expect(cite('somewhere else')).toBe('somewhere else');
  });
});
