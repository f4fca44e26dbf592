// Where a webhook may point. The real server demands https: (docs/sources.md §2c); loopback http is
// allowed unless strict so that local receivers work, and only http(s) is ever called.
import type { WebhookRecord } from './webhook.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);

/** Why the record's TargetUrl cannot be saved, or undefined when it can. */
export function targetUrlProblem(record: WebhookRecord, strict: boolean): string | undefined {
  const target = record.TargetUrl?.trim() ?? '';
  if (record.Type === 'crmscript') {
    return target === '' ? 'Webhook TargetUrl must name the CRMScript to run.' : undefined;
  }
  if (target === '') return 'Webhook TargetUrl is required.';
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `Webhook TargetUrl is not a valid URL: ${target}`;
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && !strict && isLoopbackHost(url.hostname)) return undefined;
  // The documented message (official client's test fixture, docs/sources.md §2c).
  return `Webhook TargetUrl must be secure: 'HTTPS:' not found in ${target}`;
}
