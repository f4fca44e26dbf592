// The package's library entry (`import { startMockServer } from 'so-webhook-mock'`): the mock
// for a test suite, in process or on a port, and the conformance suite as a function.
export { startMockServer, type MockServer, type MockServerOptions } from './library/mock-server.js';
export { createMockApp, type MockApp, type MockAppOptions } from './library/mock-app.js';
export {
  runConformance,
  type ConformanceOptions,
  type ConformanceReport,
} from './library/conformance.js';
export type { MockControls, MockDeliveries, MockInbox } from './library/controls.js';
export type { Match, WaitOptions } from './library/wait.js';
export type { InboxRecord } from './inbox/inbox.js';
export type { SignatureVerdict } from './inbox/verdict.js';
export type { DeliveryRecord } from './store/state.js';
export { startProxy, type ProxyOptions, type RunningProxy } from './proxy/start.js';
