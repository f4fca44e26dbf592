// A request's Prefer header, parsed once: the chaos middleware and the Prefer mocks both read
// it, and a malformed one is the same 400 whichever reads it first.
import type { Context } from 'hono';
import { ApiError } from './api-error.js';
import { parsePrefer, PreferError, type Preferences } from './prefer.js';

const parsed = new WeakMap<Request, Preferences>();

export function preferencesOf(c: Context): Preferences {
  const request = c.req.raw;
  let preferences = parsed.get(request);
  if (preferences) return preferences;
  try {
    preferences = parsePrefer(c.req.header('prefer'));
  } catch (error) {
    if (error instanceof PreferError) throw new ApiError('BAD_REQUEST', error.message);
    throw error;
  }
  parsed.set(request, preferences);
  return preferences;
}
