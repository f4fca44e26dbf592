// The mock's own control API under /__admin/, apart from the SuperOffice API (not in the
// spec; guarded as the control plane, spec/README.md C30): the delivery log, replay, the mail
// outbox, signals, and reset to a fixture.
import type { Hono } from 'hono';
import type { Env } from '../http/env.js';
import { ApiError } from '../http/api-error.js';
import { decimalId } from '../http/decimal-id.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { DeliveryRecord, StoreState } from '../store/state.js';
import type { StateStore } from '../store/state-store.js';

export interface AdminDeps {
  store: StateStore;
  replay(deliveryId: number): Promise<DeliveryRecord | undefined>;
  /** Loads a fixture by name or path into a fresh state. */
  fixture(nameOrFile: string): Promise<StoreState>;
  /** Called after a reset so deliveries of the old data stop. */
  afterReset(): void;
  defaultFixture: string;
}

function filterDeliveries(all: readonly DeliveryRecord[], query: Record<string, string>) {
  const webhookId =
    query.webhookId === undefined ? undefined : decimalId(query.webhookId, 'webhookId');
  const limit = Math.min(Number(query.limit ?? 100) || 100, DEFAULT_LIMITS.adminListMax);
  return all
    .filter((d) => webhookId === undefined || d.WebhookId === webhookId)
    .filter((d) => query.event === undefined || d.Event === query.event)
    .filter((d) => query.state === undefined || d.State === query.state)
    .slice(-limit)
    .reverse();
}

export function adminRoutes(deps: AdminDeps) {
  return (app: Hono<Env>) => {
    app.get('/__admin/deliveries', (c) =>
      c.json(filterDeliveries(deps.store.deliveries(), c.req.query())),
    );
    app.get('/__admin/deliveries/:id', (c) => {
      const delivery = deps.store.delivery(decimalId(c.req.param('id'), 'id'));
      if (!delivery) throw new ApiError('NOT_FOUND', `Delivery ${c.req.param('id')} not found`);
      return c.json(delivery);
    });
    app.post('/__admin/deliveries/:id/replay', async (c) => {
      const copy = await deps.replay(decimalId(c.req.param('id'), 'id'));
      if (!copy)
        throw new ApiError('NOT_FOUND', `Delivery ${c.req.param('id')} cannot be replayed`);
      return c.json(copy, 202);
    });
    app.get('/__admin/outbox', (c) => c.json([...deps.store.outbox()].reverse()));
    app.get('/__admin/signals', (c) => c.json([...deps.store.signals()].reverse()));
    app.post('/__admin/reset', async (c) => {
      const fixture = c.req.query('fixture') ?? deps.defaultFixture;
      // Over HTTP only fixtures by name: a path would let any caller read any file.
      if (fixture !== deps.defaultFixture && !/^[a-z0-9][a-z0-9-]*$/i.test(fixture)) {
        throw new ApiError(
          'BAD_REQUEST',
          `Reset takes a fixture name from fixtures/, not "${fixture}".`,
        );
      }
      let state: StoreState;
      try {
        state = await deps.fixture(fixture);
      } catch (error) {
        throw new ApiError('BAD_REQUEST', (error as Error).message);
      }
      await deps.store.reset(state);
      deps.afterReset();
      return c.json({ fixture, webhooks: deps.store.list().length });
    });
  };
}
