// What a test drives besides HTTP, the same for a listening mock and an in-process one: reset
// to a fixture, the deliveries made, and the built-in inbox.
import type { Dispatcher } from '../delivery/dispatcher.js';
import type { Inbox, InboxRecord } from '../inbox/inbox.js';
import type { ObservedStore } from '../store/observed-store.js';
import type { DeliveryRecord, StoreState } from '../store/state.js';
import type { JournalEntry, RequestJournal } from '../requests/request-journal.js';
import { exchangeTest, type RequestMatch } from '../requests/request-match.js';
import { verifyRequests, type Times } from '../requests/verify.js';
import { resetTenant } from '../web/admin.js';
import { waitFor, type Match, type WaitOptions } from './wait.js';

export interface MockDeliveries {
  /** Every delivery of the default tenant, oldest first. */
  list(): DeliveryRecord[];
  /** The first delivery that matches, e.g. `{ Event: 'contact.created', State: 'succeeded' }`. */
  waitFor(match: Match<DeliveryRecord>, options?: WaitOptions): Promise<DeliveryRecord>;
}

export interface MockInbox {
  /** The URL of the inbox `name`: a TargetUrl the mock delivers to itself. */
  url(name: string): string;
  /** What arrived, newest first; only `name`'s when given. */
  list(name?: string): InboxRecord[];
  /** The first record that matches, e.g. `{ Inbox: 'orders', Signature: 'verified' }`. */
  waitFor(match: Match<InboxRecord>, options?: WaitOptions): Promise<InboxRecord>;
  /** The status `name` answers from now on, e.g. 500 to exercise retries; 200 again with 200. */
  setStatus(name: string, status: number): void;
  clear(name?: string): void;
}

export interface MockControls {
  /** Replaces the default tenant's data with a fixture (the one it started with by default). */
  reset(fixture?: string): Promise<void>;
  deliveries: MockDeliveries;
  inbox: MockInbox;
  /**
   * The API calls the mock answered (every tenant's), oldest first; only those that match
   * when given, e.g. `{ method: 'PATCH', path: '/api/v1/Webhook/*' }`.
   */
  requests(match?: RequestMatch): JournalEntry[];
  /**
   * Throws unless the number of matching calls is `times` (a number, or `{ atLeast, atMost }`;
   * at least one when absent), naming what was received instead; returns the matching calls.
   */
  verify(match: RequestMatch, times?: Times): JournalEntry[];
  /** Forgets the calls received so far. */
  clearRequests(): void;
}

export interface ControlledMock {
  url: string;
  store: ObservedStore;
  dispatcher: Dispatcher;
  inbox: Pick<Inbox, 'list' | 'subscribe' | 'setStatus' | 'clear' | 'forgetTenant'>;
  fixture(nameOrFile: string): Promise<StoreState>;
  defaultFixture: string;
  requests: RequestJournal;
}

export function mockControls(mock: ControlledMock): MockControls {
  const { store, inbox } = mock;
  return {
    async reset(fixture) {
      // As POST /__admin/reset: the fixture's ids, no deliveries or inbox records of old data.
      const view = {
        id: store.contextIdentifier(),
        isDefault: true,
        store,
        dispatcher: mock.dispatcher,
      };
      await resetTenant(mock, view, fixture ?? mock.defaultFixture);
    },
    requests: (match = {}) => mock.requests.entries(exchangeTest(match)),
    verify: (match, times) => verifyRequests(mock.requests, match, times),
    clearRequests: () => mock.requests.clear(),
    deliveries: {
      list: () => [...store.deliveries()],
      waitFor: (match, options) =>
        waitFor(
          'delivery',
          match,
          () => store.deliveries(),
          (on) => store.subscribe(on),
          options,
        ),
    },
    inbox: {
      url: (name) => `${mock.url}/__inbox/${encodeURIComponent(name)}`,
      list: (name) => inbox.list(name),
      waitFor: (match, options) =>
        waitFor(
          'inbox record',
          match,
          () => inbox.list(),
          (on) => inbox.subscribe(on),
          options,
        ),
      setStatus(name, status) {
        if (!inbox.setStatus(name, status)) throw new Error('Too many inboxes; clear some first.');
      },
      clear: (name) => inbox.clear(name),
    },
  };
}
