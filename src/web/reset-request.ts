// What `POST /__admin/reset` asks for: a fixture by name, from `?fixture=` or a JSON body
// `{ "fixture": "crmscript" }`, the server's own fixture when neither names one. A body that is
// not that object is refused, so a typo cannot silently reset to the default data.
import { isRecord } from '../domain/is-record.js';
import { ApiError } from '../http/api-error.js';
import { readLimited } from '../http/body.js';

/** A reset body is a name; anything near this size is not one. */
const MAX_RESET_BODY = 4096;
const FIXTURE_NAME = /^[a-z0-9][a-z0-9-]*$/i;

const badBody = (why: string) =>
  new ApiError('BAD_REQUEST', `${why} Send no body, or { "fixture": "<name>" } as JSON.`);

async function bodyFixture(request: Request): Promise<string | undefined> {
  let text: string;
  try {
    text = await readLimited(request, MAX_RESET_BODY);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw badBody('The reset body is not valid UTF-8.');
  }
  if (text.trim() === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badBody('The reset body is not valid JSON.');
  }
  if (!isRecord(body)) throw badBody('The reset body must be a JSON object.');
  const unknown = Object.keys(body).filter((key) => key !== 'fixture');
  if (unknown.length > 0) {
    throw badBody(
      `The reset body has unknown field${unknown.length === 1 ? '' : 's'} ${unknown.map((k) => `"${k}"`).join(', ')}.`,
    );
  }
  if (body.fixture === undefined) return undefined;
  if (typeof body.fixture !== 'string') throw badBody('"fixture" must be a string.');
  return body.fixture;
}

/** The fixture a reset request names; `fallback` (the server's own) when it names none. */
export async function resetFixture(
  request: Request,
  query: string | undefined,
  fallback: string,
): Promise<string> {
  const fromBody = await bodyFixture(request);
  if (query !== undefined && fromBody !== undefined && query !== fromBody) {
    throw badBody(`?fixture=${query} and the body's "${fromBody}" disagree.`);
  }
  const fixture = fromBody ?? query ?? fallback;
  // Over HTTP only fixtures by name: a path would let any caller read any file.
  if (fixture !== fallback && !FIXTURE_NAME.test(fixture)) {
    throw new ApiError(
      'BAD_REQUEST',
      `Reset takes a fixture name from fixtures/, not "${fixture}".`,
    );
  }
  return fixture;
}
