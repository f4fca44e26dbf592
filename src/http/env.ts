// What every handler of the app finds on its Hono context: the operation it serves (set once
// the route is known) and the authenticated user.
import type { UserRecord } from '../domain/user.js';

export type Env = { Variables: { operationId: string; user: UserRecord | undefined } };
