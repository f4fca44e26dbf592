// How a route is declared: its spec operationId, the Hono path it answers, and a handler that
// sees a bound, validated request and returns a reply. HTTP details stay in the pipeline.
import type { UserRecord } from '../store/state.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BoundRequest {
  params: Record<string, string>;
  /** Query parameters under the spec's names, whatever case the client used. */
  query: Record<string, string>;
  /** The JSON body bound to the spec's names (undefined when there is none). */
  body: unknown;
  mediaType: string | undefined;
  header(name: string): string | undefined;
  user: UserRecord | undefined;
  /** scheme://host[:port] of the request, for `_Links`. */
  origin: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface OperationDef<Deps> {
  id: string;
  method: Method;
  /** Hono path in the documented casing, e.g. `/api/v1/Webhook/:id`; matched case-insensitively. */
  path: string;
  handle(request: BoundRequest, deps: Deps): Promise<Reply> | Reply;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });
