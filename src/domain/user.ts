// A user the mock accepts (fixtures' `users`): who a request acts as, and its credentials.
import type { Associate } from './webhook.js';

export interface UserRecord {
  UserName: string;
  Password: string;
  Tickets: string[];
  Tokens: string[];
  Associate: Associate;
}
