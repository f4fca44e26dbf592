// The two surfaces' base paths (docs/sources.md §1a REST, §1b Agent) and the carrier's unset date.
export const REST = '/api/v1/Webhook';
export const AGENT = '/api/v1/Agents/Webhook';

/** The unset date of the .NET carrier (docs/sources.md §2a). */
export const MIN_DATE = '0001-01-01T00:00:00';
