// The WebhookSchema port of the service (service/deps.ts) over the contract: an entity is bound
// and checked exactly as a SaveWebhook body is (spec/README.md C11), so a patched webhook
// passes only what a save of it would.
import type { WebhookInput } from '../domain/save.js';
import type { WebhookSchema } from '../service/deps.js';
import { bindToSchema } from '../http/binding.js';
import type { Contract } from '../http/contract.js';

const MEDIA_TYPE = 'application/json';

export function webhookSchema(contract: Contract): WebhookSchema {
  const schema = contract.requestSchema('saveWebhook', MEDIA_TYPE);
  return {
    check(value) {
      const bound = bindToSchema(value, schema);
      const problems = contract.validateRequestBody('saveWebhook', MEDIA_TYPE, bound);
      if (problems.length > 0) {
        return { ok: false, message: problems.map((p) => p.message).join('; ') };
      }
      return { ok: true, webhook: bound as WebhookInput };
    },
  };
}
