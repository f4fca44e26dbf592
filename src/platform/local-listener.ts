// The one HTTP listener every local webhook receiver is built on (the demo's, the conformance
// suite's, the tests'): it hands each request over with its raw body bytes, which is what a
// delivery's signature covers (docs/sources.md §3c). Loopback and a port the OS picks by default.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpOrigin } from './http-origin.js';

export interface LocalListener {
  /** http://<host>:<port> without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and cuts open connections (a hung request would hold close() forever). */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** The address to bind; 127.0.0.1 unless a caller must be reached from elsewhere. */
  host?: string;
  /** 0 (the default) lets the OS pick a free port. */
  port?: number;
  /** Body bytes kept per request; the rest is read and dropped, so a sender cannot grow memory. */
  maxBodyBytes?: number;
}

export type OnRequest = (request: IncomingMessage, response: ServerResponse, raw: Buffer) => void;

const DEFAULT_MAX_BODY_BYTES = 1_048_576;

export async function listenLocal(
  onRequest: OnRequest,
  options: ListenOptions = {},
): Promise<LocalListener> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        onRequest(request, response, Buffer.concat(chunks));
      } catch {
        // A receiver's own fault (a test's responder that throws) is its sender's 500, not a
        // crash of the process the receiver runs in.
        if (!response.headersSent) response.writeHead(500);
        response.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: httpOrigin(host, port),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
