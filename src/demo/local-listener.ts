// An HTTP listener on 127.0.0.1 at a port the OS picks, handing each request over with its raw
// body bytes (what a delivery's signature covers, reference §3c). The demo's receiver and the
// tests' webhook targets are both built on it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalListener {
  /** http://127.0.0.1:<port> without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and cuts open connections (a hung request would hold close() forever). */
  close(): Promise<void>;
}

export type OnRequest = (request: IncomingMessage, response: ServerResponse, raw: Buffer) => void;

export async function listenLocal(onRequest: OnRequest): Promise<LocalListener> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => onRequest(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
