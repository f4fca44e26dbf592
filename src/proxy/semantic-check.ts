// Rules an answer can be held to from the one exchange, beyond its schema: a filtered list
// holds only webhooks that match the filter (docs/sources.md §1a R2, §1b A5; C20 for names), and a
// `$select` answer leaves every field it did not select null or at its .NET default (C8).
// Written from the contract's text, not from the mock's own filter and select code: the
// proxy judges the mock too.
import { isRecord } from '../domain/is-record.js';
import type { ProxiedRequest } from './request-check.js';
import { member } from './members.js';

export interface SemanticProblem {
  rule: 'response.filters' | 'response.select';
  message: string;
}

/** What an unselected field may hold (C8): null, or the default of its value type. */
const UNSELECTED = new Set<unknown>([null, 0, false, 'Unknown', 'None', '0001-01-01T00:00:00']);
const STATES = ['Unknown', 'Active', 'Stopped', 'TooManyErrors'];

function parsedBody(request: ProxiedRequest): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(request.body.toString('utf8'));
    return isRecord(body) ? body : {};
  } catch {
    return {};
  }
}

/** The filters a list request asked for: the REST query or the Agent body. */
function filtersOf(operationId: string, request: ProxiedRequest) {
  const query = new URLSearchParams(request.query);
  const fromQuery = (name: string) =>
    [...query].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const body = operationId === 'getAllWebhooks' ? parsedBody(request) : {};
  const pick = (name: string) => {
    const value = operationId === 'getAllWebhooks' ? member(body, name) : fromQuery(name);
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const status = pick('statusFilter');
  const state = status !== undefined && /^\d+$/.test(status) ? STATES[Number(status)] : status;
  return {
    name: pick('nameFilter')?.toLowerCase() || undefined,
    event: pick('eventFilter')?.toLowerCase() || undefined,
    state:
      state === undefined || state.toLowerCase() === 'unknown' ? undefined : state.toLowerCase(),
  };
}

function filterProblems(operationId: string, request: ProxiedRequest, list: unknown[]) {
  const { name, event, state } = filtersOf(operationId, request);
  const problems: SemanticProblem[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    // A field a $select left out (null, State Unknown) says nothing about the filter.
    const events = Array.isArray(item.Events) ? item.Events : undefined;
    const why =
      name !== undefined && typeof item.Name === 'string' && item.Name.toLowerCase() !== name
        ? `Name ${JSON.stringify(item.Name)} is not the nameFilter`
        : event !== undefined && events && !events.some((e) => String(e).toLowerCase() === event)
          ? `Events ${JSON.stringify(events)} lack the eventFilter`
          : state !== undefined &&
              typeof item.State === 'string' &&
              item.State !== 'Unknown' &&
              item.State.toLowerCase() !== state
            ? `State ${JSON.stringify(item.State)} is not the statusFilter`
            : undefined;
    if (why)
      problems.push({
        rule: 'response.filters',
        message: `listed webhook ${String(item.WebhookId)}: ${why}`,
      });
  }
  return problems;
}

function selectProblems(select: string, items: unknown[]): SemanticProblem[] {
  const selected = new Set(
    select
      .split(',')
      .map((s) => (s.trim().split('/')[0] ?? '').toLowerCase())
      .filter((name) => name !== ''),
  );
  // An empty $select, or one of only commas, selects every field as an absent one does (C8).
  if (selected.size === 0) return [];
  const problems: SemanticProblem[] = [];
  for (const item of items) {
    if (!isRecord(item) || !('WebhookId' in item)) continue;
    for (const [key, value] of Object.entries(item)) {
      if (key === '_Links' || selected.has(key.toLowerCase()) || UNSELECTED.has(value)) continue;
      problems.push({
        rule: 'response.select',
        message: `$select=${select} left ${key} as ${JSON.stringify(value).slice(0, 80)}`,
      });
    }
  }
  return problems;
}

/**
 * `selects`: whether the operation documents `$select` (spec/README.md: R3–R5, R7, A4–A6); on
 * any other, such as the REST list, the parameter is unknown and rightly ignored.
 */
export function semanticProblems(
  operationId: string,
  request: ProxiedRequest,
  status: number,
  body: unknown,
  selects: boolean,
): SemanticProblem[] {
  if (status !== 200) return [];
  const items = Array.isArray(body) ? body : [body];
  const problems =
    operationId === 'getWebhookList' || operationId === 'getAllWebhooks'
      ? filterProblems(operationId, request, items)
      : [];
  const select = [...new URLSearchParams(request.query)].find(
    ([k]) => k.toLowerCase() === '$select',
  )?.[1];
  if (select === undefined || !selects) return problems;
  return [...problems, ...selectProblems(select, items)];
}
