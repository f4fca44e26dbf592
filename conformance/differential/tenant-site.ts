// Moving a sequence to a tenant's site (`/Cust<n>/api`, reference "Base") on both sides, when
// the target serves one as a tenant of its own.
import { isRecord } from '../expect.js';
import type { HttpResponse, RequestOptions } from '../types.js';
import type { SideState } from './normalize.js';
import type { Naming } from './requests.js';

interface SiteSide {
  state: SideState;
  send(method: string, path: string, options?: RequestOptions): Promise<HttpResponse>;
}

/** Why the sequence stays on the root, as an advisory difference. */
export interface StaysOnRoot {
  what: string;
  target: number;
  reference: number;
  choice: string;
}

/**
 * Moves both sides to `tenant`'s site. A target at a tenant's URL already stays where it is; one
 * that does not serve tenants on its root (a choice of the mock, spec C19), or serves one
 * tenant under every site, keeps the sequence on its root and says why.
 */
export async function enterTenant(
  sides: readonly [SiteSide, SiteSide],
  naming: Naming,
  tenant: string,
): Promise<StaysOnRoot | undefined> {
  const site = `/${tenant}`;
  const probe = { query: { nameFilter: naming.prefix } };
  // The target's root, as the first answer names it: a tenant's already on SuperOffice Online.
  const [target] = sides;
  await target.send('GET', '/api/v1/Webhook', probe);
  if (/\/cust\d+$/i.test(new URL(target.state.base).pathname.replace(/\/$/, ''))) return;
  sides.forEach((side) => (side.state.site = site));
  const answers = await Promise.all(
    sides.map((side) => side.send('GET', '/api/v1/Webhook', probe)),
  );
  const [t = 0, r = 0] = answers.map((a) => a.status);
  const what =
    t === r
      ? (await sharesOneTenant(target, naming, site)) &&
        `a webhook saved on the tenant's site ${site} is read on the root: the target serves one tenant under every site`
      : `status of a list on the tenant's site ${site}: the target does not serve tenants`;
  if (!what) return;
  sides.forEach((side) => (side.state.site = ''));
  return { what, target: t, reference: r, choice: 'spec C19 (tenants)' };
}

/**
 * Whether the target answers every tenant's site from one store, as a proxy for one real
 * tenant does: a webhook it saves on `site` is then found on the root, where a server with
 * tenants answers 404. Probed on the target alone (the reference keeps tenants apart), with a
 * Stopped webhook (no ping) that is deleted again.
 */
async function sharesOneTenant(target: SiteSide, naming: Naming, site: string): Promise<boolean> {
  const body = {
    Name: `${naming.prefix} tenant probe`,
    Events: [naming.event(0)],
    TargetUrl: `${target.state.receiverBase}/tenant-probe/`,
    Type: 'webhook',
    State: 'Stopped',
  };
  const saved = await target.send('POST', '/api/v1/Webhook', { body });
  const id = isRecord(saved.body) ? saved.body.WebhookId : undefined;
  if (saved.status !== 200 || typeof id !== 'number') return false;
  target.state.site = '';
  const onRoot = await target.send('GET', `/api/v1/Webhook/${id}`);
  target.state.site = site;
  await target.send('DELETE', `/api/v1/Webhook/${id}`);
  // The root may hold a webhook of its own under the same id: only this one, by name, counts.
  return onRoot.status === 200 && isRecord(onRoot.body) && onRoot.body.Name === body.Name;
}
