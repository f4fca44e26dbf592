// Every scenario `so-webhook-mock demo` can play, in the order --help lists them.
import { crmscriptScenario } from './crmscript.js';
import { defaultScenario } from './default.js';
import { failingReceiverScenario } from './failing-receiver.js';
import type { Scenario } from './scenario.js';

export type { Scenario } from './scenario.js';

export const SCENARIOS: readonly Scenario[] = [
  defaultScenario,
  failingReceiverScenario,
  crmscriptScenario,
];

export const findScenario = (name: string): Scenario | undefined =>
  SCENARIOS.find((s) => s.name === name);
