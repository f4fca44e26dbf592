// Which tenant a control-plane request is about: `?tenant=Cust12345` names an open tenant, no
// parameter (or the default tenant's own ContextIdentifier) the default one. A tenant the mock
// does not serve is a 404, never quietly the default tenant's data.
import type { Dispatcher } from '../delivery/dispatcher.js';
import { ApiError } from '../http/api-error.js';
import type { ObservedStore } from '../store/observed-store.js';
import { splitTenantPath } from './tenant-id.js';

/** One tenant as the control plane drives it. */
export interface TenantView {
  /** `Cust12345`, or the default tenant's ContextIdentifier. */
  id: string;
  isDefault: boolean;
  store: ObservedStore;
  dispatcher: Dispatcher;
}

export interface TenantScope {
  /** The tenant `name` (a `?tenant=` value) stands for; the default one when undefined. */
  resolve(name: string | undefined): TenantView;
  /** The default tenant first, then the open tenants in the order they opened. */
  all(): TenantView[];
}

export interface TenantSource {
  main(): { store: ObservedStore; dispatcher: Dispatcher };
  find(id: string): { store: ObservedStore; dispatcher: Dispatcher } | undefined;
  opened(): Array<{ id: string; store: ObservedStore; dispatcher: Dispatcher }>;
}

/** `cust12345` → `Cust12345`, spelled as SuperOffice writes it; undefined when not a tenant id. */
export function tenantIdOf(name: string): string | undefined {
  return splitTenantPath(`/${name}/`)?.tenant;
}

export function tenantScope(source: TenantSource): TenantScope {
  const main = (): TenantView => {
    const { store, dispatcher } = source.main();
    return { id: store.contextIdentifier(), isDefault: true, store, dispatcher };
  };
  return {
    resolve(name) {
      if (name === undefined || name === '') return main();
      const fallback = main();
      if (name.toLowerCase() === fallback.id.toLowerCase()) return fallback;
      const id = tenantIdOf(name);
      const found = id === undefined ? undefined : source.find(id);
      if (id === undefined || !found) {
        throw new ApiError(
          'NOT_FOUND',
          id === undefined
            ? `No tenant "${name}": tenants are named Cust followed by digits, e.g. Cust12345.`
            : `Tenant ${id} is not open in this mock; its first API call (/${id}/api/v1/…) opens it.`,
        );
      }
      return { id, isDefault: false, ...found };
    },
    all: () => [main(), ...source.opened().map((t) => ({ ...t, isDefault: false }))],
  };
}
