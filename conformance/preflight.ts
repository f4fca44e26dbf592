// Before any case runs: can the target be reached at all, and does it take the credentials?
// A connection failure or refused credentials on this first request are setup problems (exit 2),
// not verdicts: every case would fail or error for the one reason. Other odd answers get a hint.
import { hasCredentials } from './credentials.js';
import { createHttpClient } from './http-client.js';
import type { Credentials } from './types.js';

export type PreflightResult =
  { ok: true; status: number; warning?: string } | { ok: false; message: string };

export async function preflight(
  target: string,
  credentials: Credentials,
  timeoutMs: number,
): Promise<PreflightResult> {
  const client = createHttpClient({ target, credentials, timeoutMs });
  try {
    // GET /Webhook/default reads nothing and changes nothing (docs/sources.md §1a R1).
    const res = await client.send('GET', '/api/v1/Webhook/default');
    if (res.status === 404) {
      return {
        ok: true,
        status: res.status,
        warning: `${target}/api/v1/Webhook/default answered 404: is --target the root before /api/v1?`,
      };
    }
    if (res.status === 401 || res.status === 403) {
      const message = hasCredentials(credentials)
        ? `the target refused the credentials given (${res.status} to GET /api/v1/Webhook/default): check --user/--password, --ticket or --token`
        : `the target refused a request without credentials (${res.status} to GET /api/v1/Webhook/default): give --user/--password, --ticket or --token`;
      return { ok: false, message };
    }
    return { ok: true, status: res.status };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot reach ${target}: ${reason}` };
  }
}
