// The mock's own control API under /__admin/, apart from the SuperOffice API (not in the
// spec; guarded as the control plane, spec/README.md C30): the delivery log, replay, the mail
// outbox, signals, and reset to a fixture. Each route acts on the tenant `?tenant=` names
// (tenants/scope.ts), the default tenant without it.
import type { Context, Hono } from 'hono';
import type { Env } from '../http/env.js';
import { ApiError } from '../http/api-error.js';
import { decimalId } from '../http/decimal-id.js';
import type { Inbox } from '../inbox/inbox.js';
import { DEFAULT_LIMITS } from '../platform/limits.js';
import type { DeliveryRecord, StoreState } from '../store/state.js';
import type { TenantScope, TenantView } from '../tenants/scope.js';
import { resetFixture } from './reset-request.js';

export interface AdminDeps {
  tenants: TenantScope;
  /** Loads a fixture by name or path into a fresh state. */
  fixture(nameOrFile: string): Promise<StoreState>;
  /** A reset clears what the built-in inbox received from the tenant's webhooks. */
  inbox: Pick<Inbox, 'forgetTenant'>;
  defaultFixture: string;
}

/** A delivery as the control plane shows it: with the tenant whose log holds it. */
export type TenantDelivery = DeliveryRecord & { Tenant: string };

const withTenant = (view: TenantView, d: DeliveryRecord): TenantDelivery => ({
  ...d,
  Tenant: view.id,
});

function filterDeliveries(view: TenantView, query: Record<string, string>): TenantDelivery[] {
  const webhookId =
    query.webhookId === undefined ? undefined : decimalId(query.webhookId, 'webhookId');
  const limit = Math.min(Number(query.limit ?? 100) || 100, DEFAULT_LIMITS.adminListMax);
  return view.store
    .deliveries()
    .filter((d) => webhookId === undefined || d.WebhookId === webhookId)
    .filter((d) => query.event === undefined || d.Event === query.event)
    .filter((d) => query.state === undefined || d.State === query.state)
    .slice(-limit)
    .reverse()
    .map((d) => withTenant(view, d));
}

/** Replaces the tenant's data with the fixture's, ids included; its deliveries and inbox go. */
export async function resetTenant(
  deps: Pick<AdminDeps, 'fixture' | 'inbox'>,
  view: TenantView,
  fixture: string,
): Promise<void> {
  let state: StoreState;
  try {
    state = await deps.fixture(fixture);
  } catch (error) {
    throw new ApiError('BAD_REQUEST', (error as Error).message);
  }
  // Deliveries of the old data stop first, so none lands in the new data.
  view.dispatcher.stop();
  await view.store.reset(view.isDefault ? state : { ...state, contextIdentifier: view.id });
  deps.inbox.forgetTenant(view.id);
}

export function adminRoutes(deps: AdminDeps) {
  const scoped = (c: Context<Env>) => deps.tenants.resolve(c.req.query('tenant'));
  return (app: Hono<Env>) => {
    app.get('/__admin/deliveries', (c) => c.json(filterDeliveries(scoped(c), c.req.query())));
    app.get('/__admin/deliveries/:id', (c) => {
      const view = scoped(c);
      const delivery = view.store.delivery(decimalId(c.req.param('id'), 'id'));
      if (!delivery) throw new ApiError('NOT_FOUND', `Delivery ${c.req.param('id')} not found`);
      return c.json(withTenant(view, delivery));
    });
    app.post('/__admin/deliveries/:id/replay', async (c) => {
      const view = scoped(c);
      const copy = await view.dispatcher.replay(decimalId(c.req.param('id'), 'id'));
      if (!copy)
        throw new ApiError('NOT_FOUND', `Delivery ${c.req.param('id')} cannot be replayed`);
      return c.json(withTenant(view, copy), 202);
    });
    app.get('/__admin/outbox', (c) => c.json([...scoped(c).store.outbox()].reverse()));
    app.get('/__admin/signals', (c) => c.json([...scoped(c).store.signals()].reverse()));
    app.get('/__admin/tenants', (c) =>
      c.json(
        deps.tenants.all().map((t) => ({
          Tenant: t.id,
          Default: t.isDefault,
          Webhooks: t.store.list().length,
          Deliveries: t.store.deliveries().length,
        })),
      ),
    );
    app.post('/__admin/reset', async (c) => {
      const view = scoped(c);
      const fixture = await resetFixture(c.req.raw, c.req.query('fixture'), deps.defaultFixture);
      await resetTenant(deps, view, fixture);
      return c.json({ tenant: view.id, fixture, webhooks: view.store.list().length });
    });
  };
}
