// Requests Node refuses before the app sees them — a head over the header limit, bytes that are
// not HTTP, a head that never finishes — still get an answer in the SuperOffice error shape.
// The connection is then closed gracefully, reading away what the client is still sending, so
// the client reads the answer instead of a reset.
import type { Duplex } from 'node:stream';
import { ERRORS, errorBody, type ErrorName } from './api-error.js';

/** Node's error code → the catalogue's error, the status line's reason and the message. */
const ANSWERS: Record<string, [ErrorName, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    'HEADERS_TOO_LARGE',
    'Request Header Fields Too Large',
    'The request line and headers are larger than the server accepts.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [
    'REQUEST_TIMEOUT',
    'Request Timeout',
    'The request did not arrive in time.',
  ],
};

const NOT_HTTP: [ErrorName, string, string] = [
  'NOT_HTTP',
  'Bad Request',
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
  const [name, reason, message] = ANSWERS[error.code ?? ''] ?? NOT_HTTP;
  const { status, type, source } = ERRORS[name];
  const body = JSON.stringify(errorBody(type, message, source));
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
