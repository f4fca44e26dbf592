// Requests Node refuses before the app sees them — a head over the header limit, bytes that are
// not HTTP, a head that never finishes — still get an answer in the SuperOffice error shape.
// The connection is then closed gracefully, reading away what the client is still sending, so
// the client reads the answer instead of a reset.
import type { Duplex } from 'node:stream';
import { errorBody } from './api-error.js';

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'RequestHeaderFieldsTooLargeException',
    'The request line and headers are larger than the server accepts.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    'Request Timeout',
    'RequestTimeoutException',
    'The request did not arrive in time.',
  ],
};

const BAD_REQUEST: [number, string, string, string] = [
  400,
  'Bad Request',
  'BadHttpRequestException',
  'The request is not valid HTTP.',
];

/** How long a refused client may keep sending before its connection is cut. */
const DRAIN_MS = 2000;

// Node reports a refused connection more than once (again when it sees the socket closing);
// only the first report is answered.
const answered = new WeakSet<Duplex>();

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (answered.has(socket)) return;
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  answered.add(socket);
  const [status, reason, type, message] = ANSWERS[error.code ?? ''] ?? BAD_REQUEST;
  const body = JSON.stringify(errorBody(type, message, 'SuperOffice.WebApi'));
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // Closing while the client is still sending leaves unread bytes, and the kernel answers
  // those with a reset that can overtake the answer: read to the client's end, then close.
  socket.on('end', () => socket.end());
  socket.resume();
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}
