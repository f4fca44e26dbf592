// Before any case runs: can the target be reached at all? A connection failure is a setup
// problem (exit 2), not a verdict. Any HTTP answer counts as reachable; odd ones get a hint.
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
      return {
        ok: true,
        status: res.status,
        warning: `the target answered ${res.status} to the pre-flight request: check the credentials`,
      };
    }
    return { ok: true, status: res.status };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `cannot reach ${target}: ${reason}` };
  }
}
