// How a route is declared: a handler per spec operationId that sees a bound, validated request
// typed from the generated `operations` and returns a reply typed the same way. The method and
// path come from the contract (operation-table.ts); HTTP details stay in the pipeline.
import type { operations } from '../generated/webhook-api.js';
import type { UserRecord } from '../domain/user.js';
import type { EncodedJson } from '../platform/encoded-json.js';

/**
 * The spec's `webhooks` section describes the deliveries the mock sends, not a route (were it
 * renamed, `Handlers` would demand a route for it and the build would fail).
 */
type DeliveryOperationId = 'webhookEvent';

/** Every operation the mock serves under the spec's `paths`. */
export type OperationId = Exclude<keyof operations, DeliveryOperationId>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Parameters<Id extends OperationId> = operations[Id]['parameters'];
type Responses<Id extends OperationId> = operations[Id]['responses'];

/**
 * An object type without the `Record<string, never>` that openapi-typescript writes for a
 * schema of `required` names only (WebhookRequiredFields): intersected with it, no property
 * could be set. Index signatures of a real type (EventData's `unknown`) stay.
 */
type Plain<T> = T extends readonly (infer E)[]
  ? Plain<E>[]
  : T extends object
    ? { [K in keyof T as string extends K ? ([T[K]] extends [never] ? never : K) : K]: T[K] }
    : T;

/** Every request representation (XML, form, text/json) is bound to the JSON model first. */
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? Plain<B> : never;

/** Query values arrive as text; an enum value has been bound to its name (binding.ts, C11). */
type QueryValue<T> = T extends string ? T : string;

export type QueryOf<Id extends OperationId> =
  Parameters<Id> extends { query?: infer Q }
    ? [Q] extends [never] | [undefined]
      ? Record<string, never>
      : { [K in keyof NonNullable<Q>]?: QueryValue<NonNullable<NonNullable<Q>[K]>> }
    : Record<string, never>;

/** Path parameters keep the raw text of the path (the contract check proved their type). */
export type ParamsOf<Id extends OperationId> =
  Parameters<Id> extends { path: infer P } ? { [K in keyof P]: string } : Record<string, never>;

/** The bound body; an operation whose body is optional may see none. */
export type BodyOf<Id extends OperationId> = operations[Id] extends {
  requestBody: infer B;
}
  ? JsonContent<B>
  : operations[Id] extends { requestBody?: infer B }
    ? JsonContent<NonNullable<B>> | undefined
    : undefined;

export interface BoundRequest<Id extends OperationId> {
  params: ParamsOf<Id>;
  /** Query parameters under the spec's names, whatever case the client used. */
  query: QueryOf<Id>;
  /** The body bound to the spec's names and checked against the contract. */
  body: BodyOf<Id>;
  mediaType: string | undefined;
  header(name: string): string | undefined;
  user: UserRecord | undefined;
  /** scheme://host[:port] of the request, for `_Links`. */
  origin: string;
}

/** A body as a value, or as a value whose JSON is already encoded (routes/webhook-views.ts). */
type Body<T> = T | EncodedJson<T>;

type Ok<Id extends OperationId> = 200 extends keyof Responses<Id>
  ? {
      status: 200;
      body: Body<JsonContent<Responses<Id>[200]>>;
      headers?: Record<string, string>;
    }
  : never;
type NoContent<Id extends OperationId> = 204 extends keyof Responses<Id>
  ? { status: 204; headers?: Record<string, string> }
  : never;

/** What a handler may answer: the operation's documented success, typed from the spec. */
export type ReplyOf<Id extends OperationId> = Ok<Id> | NoContent<Id>;

/** Any reply as the app writes it (handlers' and Prefer mocks' alike). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler<Id extends OperationId, Deps> = (
  request: BoundRequest<Id>,
  deps: Deps,
) => Promise<ReplyOf<Id>> | ReplyOf<Id>;

/** One handler per operation; a missing or unknown id is a type error. */
export type Handlers<Deps> = { [Id in OperationId]: Handler<Id, Deps> };

export interface OperationDef<Id extends OperationId, Deps> {
  id: Id;
  /** Read from the contract. */
  method: Method;
  /** Hono path in the documented casing, e.g. `/api/v1/Webhook/:id`; matched case-insensitively. */
  path: string;
  handle: Handler<Id, Deps>;
}

export const ok = <B>(body: B) => ({ status: 200 as const, body });
export const noContent = () => ({ status: 204 as const });
