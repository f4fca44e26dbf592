// What the dashboard's counters count, said where they are shown. The statistics change once
// per event, when its delivery cycle ends (spec/README.md C39), while the delivery log shows
// each attempt as it happens; without saying so, "2 attempts" next to TotalCalls 0 mid-retry
// reads as a contradiction.
import type { DeliveryRecord } from '../store/state.js';
import { plural } from './format.js';

export const COUNTER_MEANING = {
  TotalCalls:
    'HTTP attempts (POSTs) made for events whose delivery has ended, retries included; ' +
    'a crmscript invocation counts one. An event still retrying is added when it ends.',
  TotalErrors:
    'Failed attempts among TotalCalls: any answer but 200, a timeout, a refused connection.',
  ConsecutiveErrors:
    'Events in a row whose every attempt failed; a delivered event resets it to 0, and ' +
    '9 set the state to TooManyErrors (410 Gone does at once).',
  LastError: "The most recent failed attempt's answer, written as the attempt fails.",
} as const;

export type Counter = keyof typeof COUNTER_MEANING;

/** A column heading that says what it counts on hover. */
export function CounterHeading({ counter, num = true }: { counter: Counter; num?: boolean }) {
  return (
    <th class={num ? 'num' : undefined} title={COUNTER_MEANING[counter]}>
      {counter}
    </th>
  );
}

/** The same, in words under the table, for a screen nobody hovers over (a demo, a projector). */
export function CounterLegend() {
  return (
    <dl class="legend sub" id="counter-legend">
      {Object.entries(COUNTER_MEANING).map(([name, meaning]) => (
        <>
          <dt>{name}</dt>
          <dd>{meaning}</dd>
        </>
      ))}
    </dl>
  );
}

const NOT_YET =
  "This event is still retrying: its attempts join the webhook's TotalCalls and TotalErrors " +
  'when its delivery ends.';

/** A delivery's attempts, and for one still retrying, that the counters do not hold them yet. */
export function Attempts({ delivery }: { delivery: DeliveryRecord }) {
  const attempts = plural(delivery.Attempts.length, 'attempt');
  if (delivery.State !== 'pending' || delivery.Attempts.length === 0) {
    return <span class="tries">{attempts}</span>;
  }
  return (
    <span class="tries" title={NOT_YET}>
      {attempts}
      <span class="uncounted">not in TotalCalls yet</span>
    </span>
  );
}
