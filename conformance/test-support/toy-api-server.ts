// A deliberately tiny stand-in target for the runner's own tests: it stores webhooks in a map,
// logs every request, and can be told to lose a save's answer. It is not the mock server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ToyApiServer {
  url: string;
  /** `METHOD path` of every request, in order. */
  log: string[];
  webhooks: Map<number, Record<string, unknown>>;
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/** `existing` webhooks are there before the run, as on a real installation. */
export async function startToyApiServer(
  existing: Record<string, unknown>[] = [],
): Promise<ToyApiServer> {
  const webhooks = new Map<number, Record<string, unknown>>();
  for (const w of existing) webhooks.set(Number(w.WebhookId), w);
  let nextId = 100;
  const log: string[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    log.push(`${req.method} ${url.pathname}`);
    const id = Number(/^\/api\/v1\/Webhook\/(\d+)$/.exec(url.pathname)?.[1]);
    if (req.method === 'GET' && url.pathname === '/api/v1/Webhook/default')
      return send(res, 200, {});
    if (req.method === 'GET' && url.pathname === '/api/v1/Webhook') {
      const filter = url.searchParams.get('nameFilter') ?? '';
      return send(
        res,
        200,
        [...webhooks.values()].filter((w) => String(w.Name).includes(filter)),
      );
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/Webhook') {
      const webhook = { ...(await bodyOf(req)), WebhookId: nextId++ };
      webhooks.set(webhook.WebhookId, webhook);
      // The save happened but its answer is lost, as when a run is interrupted mid-request.
      if (req.headers['x-fake-lose-answer']) return send(res, 500, { Error: true });
      return send(res, 200, webhook);
    }
    if (req.method === 'DELETE' && id) return send(res, webhooks.delete(id) ? 204 : 404);
    if (req.method === 'GET' && id)
      return webhooks.has(id) ? send(res, 200, webhooks.get(id)) : send(res, 404);
    send(res, 404, { Error: true, ErrorType: 'NotFound', Message: 'no route' });
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    webhooks,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
