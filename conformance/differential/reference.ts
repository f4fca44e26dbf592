// The reference side of a differential run: so-webhook-mock started in this process through
// the package's public entry, at the target's time scale, on its default fixture; when it has
// nothing left to deliver; and each side's state and `send` on the sequence's site.
import type { SideState } from './normalize.js';
import type { Side } from './sequence.js';

/** The reference's own login: the documentation's sample user (spec/README.md). */
export const REFERENCE_LOGIN = { user: 'tje0', password: 'Tje0' };

/** What the reference says of each of its deliveries, as the library and control plane give it. */
interface DeliveryView {
  State: string;
  NextAttemptAt: string | null;
}

export interface Reference {
  url: string;
  /** Its default tenant's deliveries, to know when it has nothing left to send. */
  deliveries: { list(): readonly DeliveryView[] };
  close(): Promise<void>;
}

const isPending = (d: DeliveryView): boolean => d.State === 'pending' || d.NextAttemptAt !== null;

/**
 * Whether the reference has a delivery still to send or retry on `site`: its root's from the
 * library's view of it, a tenant's from its control plane (docs/control-plane.md), which answers
 * 404 until the tenant's first API call has opened it — nothing pending then.
 */
export async function referencePending(reference: Reference, site: string): Promise<boolean> {
  if (site === '') return reference.deliveries.list().some(isPending);
  const url = `${reference.url}/__admin/deliveries?tenant=${site.slice(1)}&limit=100`;
  const res = await fetch(url);
  if (res.status !== 200) return false;
  return ((await res.json()) as DeliveryView[]).some(isPending);
}

export async function startReference(timeScale: number): Promise<Reference> {
  // The public entry, loaded when the case runs: the package entry itself imports the suite.
  const { startMockServer } = await import('../../src/index.js');
  return startMockServer({ host: '127.0.0.1', port: 0, db: ':memory:', timeScale });
}

export function sideState(
  label: SideState['label'],
  receiverBase: string,
  authorization: string | undefined,
): SideState {
  return {
    label,
    base: '',
    receiverBase,
    ids: [],
    secrets: [],
    stamps: new Map(),
    eventIds: [],
    site: '',
    authorization,
    lastRead: [],
    writing: false,
  };
}

/** A side's `send` on the sequence's site; the first answer names the side's root, for links. */
export function onSite(state: SideState, send: Side['send']): Side['send'] {
  return async (method, path, options) => {
    const res = await send(method, state.site + path, options);
    const { url } = res.evidence.request;
    state.base ||= url.slice(0, url.indexOf(`${state.site}/api/v1`));
    return res;
  };
}
