// The tenants a running mock serves, each opened on first use and kept until the mock closes.
// Bounded (limits.maxTenants): a client cannot make the mock open stores without end.
import { ApiError } from '../http/api-error.js';

export interface Closable {
  close(): Promise<void>;
}

export interface TenantRegistry<T extends Closable> {
  /** The tenant's stack, opened now when it is new; throws TENANT_LIMIT beyond the bound. */
  get(id: string): Promise<T>;
  has(id: string): boolean;
  /** The tenant's stack when it is open; never opens one. */
  find(id: string): T | undefined;
  /** The stacks opened so far (a failed open is forgotten). */
  opened(): T[];
  close(): Promise<void>;
}

export function tenantRegistry<T extends Closable>(
  open: (id: string) => Promise<T>,
  max: number,
): TenantRegistry<T> {
  const pending = new Map<string, Promise<T>>();
  const ready = new Map<string, T>();
  return {
    get(id) {
      const known = pending.get(id);
      if (known) return known;
      if (pending.size >= max) {
        return Promise.reject(
          new ApiError('TENANT_LIMIT', `This mock serves at most ${max} tenants at once.`),
        );
      }
      const opening = open(id).then(
        (stack) => {
          ready.set(id, stack);
          return stack;
        },
        (error: unknown) => {
          pending.delete(id);
          throw error;
        },
      );
      pending.set(id, opening);
      return opening;
    },
    has: (id) => pending.has(id),
    find: (id) => ready.get(id),
    opened: () => [...ready.values()],
    async close() {
      const all = await Promise.allSettled(pending.values());
      pending.clear();
      ready.clear();
      await Promise.all(
        all.map((each) => (each.status === 'fulfilled' ? each.value.close() : undefined)),
      );
    },
  };
}
