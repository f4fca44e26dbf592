// Pairs the contract's operations with their handlers, one to one, taking each route's method
// and path from the spec. A spec operation without a handler, or a handler for an operation
// the spec lacks, stops start-up: the two cannot drift apart silently.
import type { Contract } from './contract.js';
import type { Handlers, Method, OperationDef, OperationId } from './operation.js';

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `/api/v1/Webhook/{id}` → `/api/v1/Webhook/:id` (Hono's parameter syntax). */
export const honoPath = (specPath: string): string =>
  specPath.replace(/\{(\w+)\}/g, (_, name: string) => `:${name}`);

/**
 * Hands `register` every operation, in the order of `handlers` (registration order decides
 * between a literal segment and a parameter, e.g. `/Webhook/default` before `/Webhook/{id}`),
 * after checking that spec operations and handlers match one to one.
 */
export function bindOperations<Deps>(
  contract: Pick<Contract, 'operations'>,
  handlers: Handlers<Deps>,
  register: <Id extends OperationId>(def: OperationDef<Id, Deps>) => void,
): void {
  const specIds = new Set<string>(contract.operations.map((o) => o.id));
  const handled = Object.keys(handlers) as OperationId[];
  const unhandled = [...specIds].filter((id) => !Object.hasOwn(handlers, id));
  const unknown = handled.filter((id) => !specIds.has(id));
  if (unhandled.length > 0 || unknown.length > 0) {
    const parts = [
      unhandled.length > 0 ? `spec operations without a route: ${unhandled.join(', ')}` : '',
      unknown.length > 0 ? `routes for no spec operation: ${unknown.join(', ')}` : '',
    ];
    throw new Error(`Routes and spec disagree (${parts.filter(Boolean).join('; ')}).`);
  }
  const defOf = <Id extends OperationId>(id: Id): OperationDef<Id, Deps> => {
    const operation = contract.operations.find((o) => o.id === id)!;
    if (!METHODS.includes(operation.method)) {
      throw new Error(`Spec operation ${id} uses ${operation.method}, which no route serves.`);
    }
    const method = operation.method as Method;
    return { id, method, path: honoPath(operation.path), handle: handlers[id] };
  };
  for (const def of handled.map(defOf)) register(def);
}
