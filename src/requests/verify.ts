// `mock.verify(match, times)`: WireMock's verify for the request journal. It checks how many
// API calls match and, when the count is wrong, says what was received instead.
import type { JournalEntry, RequestJournal } from './request-journal.js';
import { describeMatch, exchangeTest, type RequestMatch } from './request-match.js';

/** Exactly n calls, or a range; at least one when absent. */
export type Times = number | { atLeast?: number; atMost?: number };

const SHOWN = 10;

function expected(times: Times | undefined): { text: string; holds: (n: number) => boolean } {
  if (times === undefined) return { text: 'at least 1 request', holds: (n) => n >= 1 };
  if (typeof times === 'number') {
    return { text: `exactly ${times} request${times === 1 ? '' : 's'}`, holds: (n) => n === times };
  }
  const { atLeast = 0, atMost = Number.POSITIVE_INFINITY } = times;
  const text =
    atMost === Number.POSITIVE_INFINITY
      ? `at least ${atLeast} requests`
      : `between ${atLeast} and ${atMost} requests`;
  return { text, holds: (n) => n >= atLeast && n <= atMost };
}

const line = (e: JournalEntry) => `${e.Method} ${e.Url} ${e.Status}`;

/** The matching entries when their count is as expected; otherwise throws what was seen. */
export function verifyRequests(
  journal: RequestJournal,
  match: RequestMatch,
  times?: Times,
): JournalEntry[] {
  const found = journal.entries(exchangeTest(match));
  const want = expected(times);
  if (want.holds(found.length)) return found;
  const all = journal.entries(undefined, SHOWN);
  const received =
    all.length === 0
      ? 'The mock received no API call.'
      : `Received, newest last: ${all.map(line).join(', ')}.`;
  throw new Error(
    `Expected ${want.text} matching ${describeMatch(match)}, found ${found.length}. ${received}`,
  );
}
