// What the handlers are given: the use cases' dependencies, and the presenter that turns stored
// webhooks into answers (per version, with `$select` and `_Links`), which no use case needs.
import type { ServiceDeps } from '../service/deps.js';
import type { WebhookViews } from './webhook-views.js';

export interface RouteDeps extends ServiceDeps {
  /** Stored webhooks as answers, produced once per version. */
  views: WebhookViews;
}
