// POST /__admin/check-receiver: runs check-receiver against a URL from the dashboard and answers
// its JSON report. A control-plane path, so control-plane.ts's Host, same-origin, content-type
// and credential rules apply before this runs. The mock never checks itself: a URL that reaches
// its own listening socket is refused as written and again at connect time (spec C25), except
// its built-in inbox, and one check runs at a time, so a page cannot fan the mock out.
import type { Hono } from 'hono';
import type { Env } from '../http/env.js';
import { ApiError } from '../http/api-error.js';
import { CHECK_RECEIVER_JS } from './check-receiver-script.js';

export interface CheckRequest {
  url: string;
  secret?: string;
  events?: string[];
  strict: boolean;
  refuseAddress(address: string): string | undefined;
}

export interface CheckReceiverDeps {
  /** The checker (composed in by mock.ts); bad input or an unreachable URL throws an error
   * with `badInput: true`. */
  check(request: CheckRequest): Promise<unknown>;
  /** Why `url` (resolved to `address`, when given) would reach this server itself. */
  selfProblem(url: string, address?: string): string | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ApiError('BAD_REQUEST', `${name} must be a string.`);
  return value;
}

function parse(body: unknown): Omit<CheckRequest, 'refuseAddress'> {
  if (!isRecord(body)) throw new ApiError('BAD_REQUEST', 'Send a JSON object: { "url": … }.');
  const url = optionalText(body, 'url');
  if (!url) throw new ApiError('BAD_REQUEST', 'url is required.');
  const secret = optionalText(body, 'secret');
  const events = optionalText(body, 'events')
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return {
    url,
    ...(secret !== undefined && { secret }),
    ...(events !== undefined && events.length > 0 && { events }),
    strict: body.strict === true,
  };
}

export function checkReceiverRoutes(deps: CheckReceiverDeps) {
  let running = false;
  return (app: Hono<Env>) => {
    app.get('/__ui/check-receiver.js', (c) =>
      c.body(CHECK_RECEIVER_JS, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      }),
    );
    app.post('/__admin/check-receiver', async (c) => {
      const request = parse(await c.req.json().catch(() => undefined));
      const self = deps.selfProblem(request.url);
      if (self) throw new ApiError('BAD_REQUEST', self);
      if (running) throw new ApiError('CONFLICT', 'A receiver check is already running.');
      running = true;
      try {
        const report = await deps.check({
          ...request,
          refuseAddress: (address) => deps.selfProblem(request.url, address),
        });
        return c.json(report as Record<string, unknown>);
      } catch (error) {
        if ((error as { badInput?: unknown }).badInput === true) {
          throw new ApiError('BAD_REQUEST', (error as Error).message);
        }
        throw error;
      } finally {
        running = false;
      }
    });
  };
}
