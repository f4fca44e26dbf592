// The steps that show what a change did to one webhook: a signal to one of its own events (the
// deliveries then say what the webhook is now), a read of it on either surface and in any
// representation, a list it should or should not be in, its LastError.
import fc from 'fast-check';
import { state } from './patches.js';
import { EVENT_COUNT, type Accept, type ListFilter, type Scheme, type Step } from './steps.js';

export const surface = fc.constantFrom<'rest' | 'agent'>('rest', 'agent');
export const eventIndex = fc.nat({ max: EVENT_COUNT - 1 });
const pk = fc.integer({ min: 1, max: 99 });
const scheme = fc.constantFrom<Scheme>('as-is', 'as-is', 'lower', 'upper');
const nth = fc.nat({ max: EVENT_COUNT - 1 });
/**
 * A read's surface and Accept: on REST every media range, XML as often as the three others
 * together; on the Agent surface mostly XML, which it answers too (its Swagger's `produces`).
 */
const read = fc.oneof(
  fc.record({
    surface: fc.constant<'rest' | 'agent'>('rest'),
    accept: fc.constantFrom<Accept>('json', 'json-params', 'text-json', 'xml', 'xml', 'xml'),
  }),
  fc.record({
    surface: fc.constant<'rest' | 'agent'>('agent'),
    accept: fc.constantFrom<Accept>('json', 'xml', 'xml'),
  }),
);

/** A signal to the nth event of webhook `h` as last read. */
export const signalHook = (h: number): fc.Arbitrary<Step> =>
  fc.record({ kind: fc.constant('signalHook' as const), h: fc.constant(h), nth, surface, pk });

const listFilter = (h: number): fc.Arbitrary<ListFilter> =>
  fc.oneof(
    { weight: 1, arbitrary: eventIndex.map((event): ListFilter => ({ by: 'event', event })) },
    // Mostly a later event of the webhook just changed: the second item of its Events.
    {
      weight: 3,
      arbitrary: fc
        .integer({ min: 1, max: EVENT_COUNT - 1 })
        .map((n): ListFilter => ({ by: 'hook-event', h, nth: n })),
    },
    { weight: 1, arbitrary: fc.constant<ListFilter>({ by: 'name', h }) },
    { weight: 2, arbitrary: fc.constant<ListFilter>({ by: 'none' }) },
  );

/** What shows a change's effect on webhook `h`; after a change deliveries show, a signal. */
export const observe = (h: number, delivering: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: delivering ? 4 : 2, arbitrary: signalHook(h) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('signal' as const),
        surface,
        event: eventIndex,
        pk,
      }),
    },
    {
      weight: delivering ? 5 : 6,
      arbitrary: fc.record({
        kind: fc.constant('list' as const),
        surface,
        filter: listFilter(h),
        status: fc.option(state, { freq: 2 }),
        scheme,
      }),
    },
    {
      weight: 5,
      arbitrary: fc.tuple(read, scheme).map(([r, s]): Step => ({
        kind: 'get',
        h,
        surface: r.surface,
        accept: r.accept,
        scheme: s,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('lastError' as const), h: fc.constant(h), surface }),
    },
  );
