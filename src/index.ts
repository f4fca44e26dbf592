// The package's library entry (`import { startMockServer } from 'so-webhook-mock'`): the mock
// for a test suite, in process or on a port, and the conformance suite as a function.
export { startMockServer, type MockServer, type MockServerOptions } from './library/mock-server.js';
export { createMockApp, type MockApp, type MockAppOptions } from './library/mock-app.js';
export {
  runConformance,
  type ConformanceOptions,
  type ConformanceReport,
} from './library/conformance.js';
export {
  checkReceiver,
  type CheckReceiverOptions,
  type CheckReceiverReport,
} from '../conformance/check-receiver/check.js';
export type { MockControls, MockDeliveries, MockInbox } from './library/controls.js';
export type { Match, WaitOptions } from './library/wait.js';
export type { InboxRecord } from './inbox/inbox.js';
export type { SignatureVerdict } from './inbox/verdict.js';
export type { DeliveryRecord } from './store/state.js';
export type { JournalEntry, JournalBody } from './requests/request-journal.js';
export type { RequestMatch } from './requests/request-match.js';
export type { Times } from './requests/verify.js';
export { startProxy, type ProxyOptions, type RunningProxy } from './proxy/start.js';
