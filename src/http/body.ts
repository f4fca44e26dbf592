// Reading and parsing a request body under the size limit, refusing hostile JSON before any
// code copies it.
import { ApiError } from './api-error.js';
import { inspectJson } from './json-guard.js';

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === '' ? undefined : type;
}

/** Whole-body reads are decoded strictly: invalid UTF-8 is a client error, not repaired. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body's bytes, refused past `maxBytes`. A body with a Content-Length is read in one go:
 * Node's parser delivers exactly that many bytes, and the node adapter reads them straight from
 * the socket without building a web stream. Only a chunked body is counted as it streams.
 */
async function readLimitedBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const header = request.headers.get('content-length');
  const declared = header === null ? NaN : Number(header);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (Number.isInteger(declared)) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    // A Request built in process may carry more than it declares.
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      // The rest of the body is still on the wire; reusing this connection would read it as
      // the next request, so the answer closes it.
      throw tooLarge(maxBytes, { Connection: 'close' });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Each request's body text as read, for the request journal: a reference, not a copy. */
const texts = new WeakMap<Request, string>();

/** The body text `readLimited` read from `request`, if it read one. */
export const bodyTextOf = (request: Request): string | undefined => texts.get(request);

export async function readLimited(request: Request, maxBytes: number): Promise<string> {
  const text = UTF8.decode(await readLimitedBytes(request, maxBytes));
  if (text !== '') texts.set(request, text);
  return text;
}

const tooLarge = (maxBytes: number, headers: Record<string, string> = {}) =>
  new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxBytes} bytes.`, headers);

/** The body as text under the size limit; invalid UTF-8 is a 400. */
export async function readTextBody(
  request: Request,
  limits: { maxBodyBytes: number },
): Promise<string> {
  try {
    return await readLimited(request, limits.maxBodyBytes);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('BAD_REQUEST', 'The request body is not valid UTF-8.');
  }
}

/** Refuses a parsed body (JSON, or XML and forms bound to JSON) that could reach a prototype
 * or nest deeper than recursive code can follow. */
export function guardParsed(parsed: unknown, maxJsonDepth: number): unknown {
  const problem = inspectJson(parsed, maxJsonDepth);
  if (problem?.kind === 'forbidden-key') {
    throw new ApiError('BAD_REQUEST', `The request body may not contain the key "${problem.key}".`);
  }
  if (problem?.kind === 'lone-surrogate') {
    throw new ApiError('BAD_REQUEST', 'The request body contains a lone UTF-16 surrogate escape.');
  }
  if (problem?.kind === 'too-deep') {
    throw new ApiError(
      'BAD_REQUEST',
      `The request body nests deeper than ${problem.limit} levels.`,
    );
  }
  return parsed;
}

/** The parsed JSON body, or undefined when the body is empty. */
export async function readJsonBody(
  request: Request,
  limits: { maxBodyBytes: number; maxJsonDepth: number },
): Promise<unknown> {
  const text = await readTextBody(request, limits);
  if (text.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      'BAD_REQUEST',
      `The request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  return guardParsed(parsed, limits.maxJsonDepth);
}
