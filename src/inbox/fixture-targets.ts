// A fixture names the built-in inbox as http://127.0.0.1:3000/__inbox/<name> (the address
// `npm start` listens on); when the mock listens elsewhere, those TargetUrls are pointed at the
// address it really has, so the fixture's deliveries reach its own inbox on any port.
import { isLoopbackHost } from '../domain/target-url.js';
import type { StoreState } from '../store/state.js';
import { INBOX_PREFIX } from './inbox.js';

function rebased(target: string | null, selfUrl: string): string | null {
  if (!target) return target;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) return target;
  if (!url.pathname.toLowerCase().startsWith(INBOX_PREFIX)) return target;
  return `${selfUrl}${url.pathname}${url.search}`;
}

/** The state with every loopback inbox TargetUrl on `selfUrl` (scheme://host:port). */
export function withInboxTargets(state: StoreState, selfUrl: string): StoreState {
  return {
    ...state,
    webhooks: state.webhooks.map((webhook) =>
      webhook.Type === 'crmscript'
        ? webhook
        : { ...webhook, TargetUrl: rebased(webhook.TargetUrl, selfUrl) },
    ),
  };
}
