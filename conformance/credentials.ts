// Authorization values for the three documented schemes (docs/sources.md §6; the official client
// builds "SOTicket " + ticket and "Bearer " + token), and their redaction in evidence.
import type { Credentials } from './types.js';

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Accepts a bare ticket/token or one that already carries its scheme word. */
function withoutScheme(value: string, scheme: string): string {
  const prefix = `${scheme.toLowerCase()} `;
  return value.toLowerCase().startsWith(prefix) ? value.slice(prefix.length).trim() : value;
}

export function ticketAuthorization(ticket: string, scheme = 'SOTicket'): string {
  return `${scheme} ${withoutScheme(ticket, 'SOTicket')}`;
}

export function bearerAuthorization(token: string, scheme = 'Bearer'): string {
  return `${scheme} ${withoutScheme(token, 'Bearer')}`;
}

/** The credential every request carries: the first of --token, --ticket, --user/--password. */
export function defaultAuthorization(credentials: Credentials): string | undefined {
  if (credentials.token) return bearerAuthorization(credentials.token);
  if (credentials.ticket) return ticketAuthorization(credentials.ticket);
  if (credentials.user !== undefined) {
    return basicAuthorization(credentials.user, credentials.password ?? '');
  }
  return undefined;
}

export function hasCredentials(credentials: Credentials): boolean {
  return defaultAuthorization(credentials) !== undefined;
}

const SECRET_HEADERS = new Set(['authorization', 'so-apptoken', 'cookie', 'x-xsrf-token']);

/** Keeps the scheme word so a report shows which scheme was sent, never the secret. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name.toLowerCase())) out[name] = value;
    else if (name.toLowerCase() === 'authorization') out[name] = `${value.split(' ')[0]} ***`;
    else out[name] = '***';
  }
  return out;
}
