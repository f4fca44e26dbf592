// A proxy that makes a correct server wrong in one chosen way, so tests can prove that the
// case meant to catch that fault fails.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Exchange {
  method: string;
  /** Path and query, e.g. `/api/v1/Webhook?nameFilter=x`. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Mutation {
  request?: (req: Exchange) => Exchange;
  response?: (res: Answer, req: Exchange) => Answer;
}

// Headers a proxy must not copy (RFC 9110 §7.6.1) or that fetch recomputes.
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function copyHeaders(
  from: Iterable<[string, string | string[] | undefined]>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of from) {
    if (value !== undefined && !HOP.has(name.toLowerCase())) {
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return out;
}

async function forward(
  upstream: string,
  req: IncomingMessage,
  mutation: Mutation,
): Promise<Answer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const original: Exchange = {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: copyHeaders(Object.entries(req.headers)),
    body: Buffer.concat(chunks).toString('utf8'),
  };
  const sent = mutation.request?.(original) ?? original;
  const hasBody = !['GET', 'HEAD'].includes(sent.method) && sent.body !== '';
  const res = await fetch(upstream + sent.url, {
    method: sent.method,
    headers: sent.headers,
    body: hasBody ? sent.body : undefined,
    redirect: 'manual',
  });
  const answer: Answer = {
    status: res.status,
    headers: copyHeaders(res.headers),
    body: await res.text(),
  };
  return mutation.response?.(answer, sent) ?? answer;
}

export async function startMutatingProxy(
  upstream: string,
  mutation: Mutation,
  port = 0,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    forward(upstream, req, mutation)
      .then((a) => res.writeHead(a.status, a.headers).end(a.body))
      .catch(() => res.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
