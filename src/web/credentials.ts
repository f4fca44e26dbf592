// The credentials the dashboard and the docs page use and explain: the first user of the
// loaded fixture (fixtures/default.json: tje0/Tje0, SOTicket 7T:…, Bearer 8A:…).
import type { UserRecord } from '../domain/user.js';

export interface Credentials {
  userName: string;
  password: string;
  /** `Authorization` header value for Basic. */
  basic: string;
  ticket: string | undefined;
  token: string | undefined;
}

export function defaultCredentials(users: readonly UserRecord[]): Credentials | undefined {
  const user = users[0];
  if (!user) return undefined;
  const pair = Buffer.from(`${user.UserName}:${user.Password}`, 'utf8').toString('base64');
  return {
    userName: user.UserName,
    password: user.Password,
    basic: `Basic ${pair}`,
    ticket: user.Tickets[0],
    token: user.Tokens[0],
  };
}
