// The one network call to the upstream: the client's request as it came (method, path, query,
// headers, body bytes; credentials passed through and kept nowhere), and the answer as raw
// bytes — still compressed if the upstream compressed it, so it goes back unchanged. Node's
// http client rather than fetch: fetch decodes Content-Encoding and would change the bytes.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Connection-level headers a proxy must not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
]);

export interface RawAnswer {
  status: number;
  /** Lower-case names; repeated headers joined with ", " except Set-Cookie (a list). */
  headers: Record<string, string>;
  setCookies: string[];
  body: Buffer;
}

/** `https://sod.superoffice.com/Cust12345/api` + `/api/v1/Webhook` → the upstream URL. */
export function upstreamUrl(upstream: URL, pathAndQuery: string): URL {
  const base = upstream.pathname.replace(/\/+$/, '');
  // An upstream that names its /api root (a tenant's, say) takes the client's path below
  // /api, whether the client spelled a tenant (`/Cust12345/api/…`) or not.
  const path = /\/api$/i.test(base)
    ? pathAndQuery.replace(/^(?:\/cust\d{1,10})?\/api(?=\/|$|\?)/i, '')
    : pathAndQuery;
  return new URL(`${upstream.origin}${base}${path}`);
}

export function forwardedHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) out[name] = value;
  });
  return out;
}

function answerHeaders(headers: IncomingHttpHeaders): Omit<RawAnswer, 'status' | 'body'> {
  const out: Record<string, string> = {};
  let setCookies: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'content-length') continue;
    if (name === 'set-cookie') setCookies = Array.isArray(value) ? value : [value];
    else out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { headers: out, setCookies };
}

export interface ForwardOptions {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  /** Answers larger than this are refused (the proxy holds each answer once in memory). */
  maxBytes: number;
}

export function forward(options: ForwardOptions): Promise<RawAnswer> {
  const send = options.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      options.url,
      {
        method: options.method,
        headers: {
          ...options.headers,
          ...(options.body.length > 0 ? { 'content-length': String(options.body.length) } : {}),
        },
        timeout: options.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            res.destroy(
              new Error(`the upstream's answer is larger than ${options.maxBytes} bytes`),
            );
          } else chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            ...answerHeaders(res.headers),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(options.body.length > 0 ? options.body : undefined);
  });
}

/** The body as the contract sees it: decoded from its Content-Encoding, or undefined. */
export function decodedBody(body: Buffer, encoding: string | undefined): Buffer | undefined {
  try {
    switch ((encoding ?? '').trim().toLowerCase()) {
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body, { maxOutputLength: 8 * 1024 * 1024 });
      case 'deflate':
        return inflateSync(body, { maxOutputLength: 8 * 1024 * 1024 });
      case 'br':
        return brotliDecompressSync(body, { maxOutputLength: 8 * 1024 * 1024 });
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}
