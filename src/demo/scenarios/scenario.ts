// A demo scenario: a fixture to start the mock with and the steps to play against it.
import type { Session } from '../session.js';

export interface Scenario {
  name: string;
  /** One line for --help and the list of scenarios. */
  summary: string;
  /** The fixture the mock starts with (fixtures/<name>.json). */
  fixture: string;
  /** An event that reaches the scenario's webhook, for the --keep hints. */
  tryEvent: string;
  run(session: Session): Promise<void>;
}
