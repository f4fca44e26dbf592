// The whole suite, in the order it runs: by area, then as each file lists its cases.
import type { ConformanceCase } from '../types.js';
import { authCases } from './auth.js';
import { badRequestCases } from './bad-input-requests.js';
import { badInputCases } from './bad-input.js';
import { customHeaderCases } from './custom-headers.js';
import { bindingEnumCases } from './binding-enums.js';
import { bindingVariantCases } from './binding-variants.js';
import { bindingCases } from './binding.js';
import { deliveryContentCases } from './deliveries-content.js';
import { propertyCases } from './deliveries-properties.js';
import { suppressedDeliveryCases } from './deliveries-suppressed.js';
import { retryDeliveryCases } from './deliveries-retries.js';
import { cycleDeliveryCases } from './deliveries-cycle.js';
import { deliveryCases } from './deliveries.js';
import { lastErrorCases } from './last-error.js';
import { filterVariantCases } from './filter-variants.js';
import { modelSequenceCases } from './model-sequences.js';
import { operationDetailCases } from './operations-details.js';
import { operationCases } from './operations.js';
import { patchErrorCases } from './patch-errors.js';
import { patchRfcErrorCases } from './patch-rfc-errors.js';
import { patchRfcCases } from './patch-rfc.js';
import { patchCases } from './patch.js';
import { preconditionEdgeCases } from './precondition-edges.js';
import { pluginTypeCases } from './plugin-types.js';
import { readOnlyCases } from './read-only-fields.js';
import { representationCases } from './representations.js';
import { negotiationCases } from './negotiation.js';
import { xmlAnswerCases } from './xml-answers.js';
import { xmlBodyCases } from './xml-bodies.js';
import { xmlRefusalCases } from './xml-refusals.js';
import { saveDateCases } from './save-dates.js';
import { saveGuardCases } from './save-guards.js';
import { selfTargetCases } from './self-target-spellings.js';
import { saveUnknownCases } from './save-unknown.js';
import { saveCases } from './save.js';
import { selectEdgeCases } from './select-edges.js';
import { selectAndFilterCases } from './select-and-filters.js';
import { stateChangeCases } from './state-changes.js';
import { stateEventCases } from './deliveries-state-events.js';
import { targetUrlCases } from './target-urls.js';
import { testCases } from './test-and-lasterror.js';
import { differentialCase } from '../differential/differential-case.js';

export const ALL_CASES: readonly ConformanceCase[] = [
  ...operationCases,
  ...operationDetailCases,
  ...bindingCases,
  ...representationCases,
  ...negotiationCases,
  ...xmlAnswerCases,
  ...xmlBodyCases,
  ...bindingVariantCases,
  ...bindingEnumCases,
  ...selectAndFilterCases,
  ...selectEdgeCases,
  ...filterVariantCases,
  ...saveCases,
  ...saveDateCases,
  ...modelSequenceCases,
  ...saveUnknownCases,
  ...pluginTypeCases,
  ...patchCases,
  ...patchErrorCases,
  ...patchRfcCases,
  ...patchRfcErrorCases,
  ...saveGuardCases,
  ...selfTargetCases,
  ...readOnlyCases,
  ...preconditionEdgeCases,
  ...authCases,
  ...badInputCases,
  ...badRequestCases,
  ...xmlRefusalCases,
  ...customHeaderCases,
  ...targetUrlCases,
  ...deliveryCases,
  ...deliveryContentCases,
  ...propertyCases,
  ...suppressedDeliveryCases,
  ...retryDeliveryCases,
  ...cycleDeliveryCases,
  ...stateChangeCases,
  ...stateEventCases,
  ...testCases,
  ...lastErrorCases,
  differentialCase,
];
