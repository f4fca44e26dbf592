// The built-in receiver at /__inbox/<name> and its control under /__admin/inbox. Receiving is
// what the mock's own deliveries call; reading the records and setting the answer status are
// control-plane requests, kept in this one module so one policy can guard them.
import type { Context, Hono } from 'hono';
import type { Env } from '../http/env.js';
import { ApiError } from '../http/api-error.js';
import { readLimited } from '../http/body.js';
import { isRecord } from '../domain/is-record.js';
import { INBOX_NAME, type Inbox } from './inbox.js';

export interface InboxRouteDeps {
  inbox: Inbox;
  maxBodyBytes: number;
  /** `?tenant=` → the tenant's id (a 404 for one the mock does not serve); all without it. */
  tenant?(name: string | undefined): string | undefined;
}

/** The name as sent (paths are matched lower-cased; the record keeps the caller's case). */
function inboxName(c: Context, fromEnd = 1): string {
  // The last segment: /__inbox/<name> and /__admin/inbox/<name>.
  const segment = new URL(c.req.url).pathname.split('/').at(-fromEnd) ?? '';
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  if (!INBOX_NAME.test(name)) {
    throw new ApiError('BAD_REQUEST', 'An inbox name is 1-64 letters, digits, ".", "_" or "-".');
  }
  return name;
}

async function bodyText(c: Context, maxBytes: number): Promise<string> {
  try {
    return await readLimited(c.req.raw, maxBytes);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
}

const tooManyInboxes = () =>
  new ApiError('QUEUE_FULL', 'Too many inboxes; clear some with DELETE /__admin/inbox.');

/** A status an inbox may answer with: a real HTTP status a receiver could send. */
function statusOf(body: unknown): number {
  const status = isRecord(body) ? (body.Status ?? body.status) : undefined;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw new ApiError('BAD_REQUEST', 'Send { "Status": <200-599> }.');
  }
  return status;
}

export function inboxRoutes(deps: InboxRouteDeps) {
  const { inbox } = deps;
  const records = (c: Context) =>
    inbox.list(inboxName(c), { tenant: deps.tenant?.(c.req.query('tenant')) });
  return (app: Hono<Env>) => {
    app.get('/__inbox/:name', (c) => c.json(records(c)));
    app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/__inbox/:name', async (c) => {
      const name = inboxName(c);
      const url = new URL(c.req.url);
      const record = inbox.receive(name, {
        method: c.req.method,
        url: `${url.pathname}${url.search}`,
        headers: c.req.header(),
        body: await bodyText(c, deps.maxBodyBytes),
      });
      if (!record) throw tooManyInboxes();
      return c.json({ Received: true, Id: record.Id }, record.Status as 200);
    });
    app.get('/__admin/inbox', (c) => c.json(inbox.names()));
    app.delete('/__admin/inbox', (c) => {
      const tenant = deps.tenant?.(c.req.query('tenant'));
      if (tenant === undefined) inbox.clear();
      else inbox.forgetTenant(tenant);
      return c.body(null, 204);
    });
    app.get('/__admin/inbox/:name', (c) => c.json(records(c)));
    // The body exactly as it arrived, as a download: the dashboard shows a bounded part of it.
    // Never rendered by the browser (it is the sender's text, on the mock's own origin).
    app.get('/__admin/inbox/:name/:id/body', (c) => {
      const record = inbox.find(inboxName(c, 3), Number(c.req.param('id')));
      if (!record) throw new ApiError('NOT_FOUND', 'No such record in this inbox (any more).');
      return c.body(record.Body, 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${record.Inbox}-${record.Id}.txt"`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
    });
    app.put('/__admin/inbox/:name', async (c) => {
      const name = inboxName(c);
      let body: unknown;
      try {
        body = JSON.parse(await bodyText(c, 1024));
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('BAD_REQUEST', 'Send { "Status": <200-599> } as JSON.');
      }
      if (!inbox.setStatus(name, statusOf(body))) throw tooManyInboxes();
      return c.json({ Inbox: name, Status: statusOf(body) });
    });
    app.delete('/__admin/inbox/:name', (c) => {
      inbox.clear(inboxName(c));
      return c.body(null, 204);
    });
  };
}
