// The requests of the steps that read a site's lists and signal its events, and how a step
// picks one of the sequence's live webhooks.
import type { RequestOptions } from '../types.js';
import type { SideState } from './normalize.js';
import type { ListFilter, Step } from './steps.js';

export interface SideRequest {
  method: string;
  path: string;
  options: RequestOptions;
}

export interface Naming {
  /** Name prefix of this sequence's webhooks: a list's answer is compared on those only. */
  prefix: string;
  event(index: number): string;
}

export const REST = '/api/v1/Webhook';
export const AGENT = '/api/v1/Agents/Webhook';

/** The live handles; a step's `h` picks one of them (none: the step is skipped). */
export function pick(side: SideState, h: number): { index: number; id: number } | undefined {
  const live = side.ids.flatMap((id, index) => (id === undefined ? [] : [{ index, id }]));
  return live.length === 0 ? undefined : live[h % live.length];
}

function listFilters(
  side: SideState,
  naming: Naming,
  filter: ListFilter,
): { name: string; event: string } | undefined {
  if (filter.by === 'none') return { name: '', event: '' };
  if (filter.by === 'event') return { name: '', event: naming.event(filter.event) };
  const picked = pick(side, filter.h);
  const read = picked && side.lastRead[picked.index];
  if (!read) return undefined;
  if (filter.by === 'name')
    return typeof read.Name === 'string' ? { name: read.Name, event: '' } : undefined;
  const events = Array.isArray(read.Events) ? read.Events : [];
  const event: unknown = events[filter.nth % Math.max(events.length, 1)];
  return typeof event === 'string' ? { name: '', event } : undefined;
}

export function listRequest(
  side: SideState,
  naming: Naming,
  step: Extract<Step, { kind: 'list' }>,
): SideRequest | undefined {
  const filters = listFilters(side, naming, step.filter);
  if (!filters) return undefined;
  const { name, event } = filters;
  return step.surface === 'rest'
    ? {
        method: 'GET',
        path: REST,
        options: {
          query: {
            ...(name && { nameFilter: name }),
            ...(event && { eventFilter: event }),
            ...(step.status && { statusFilter: step.status }),
          },
        },
      }
    : {
        method: 'POST',
        path: `${AGENT}/GetAllWebhooks`,
        options: {
          body: { NameFilter: name, EventFilter: event, StatusFilter: step.status ?? 'Unknown' },
        },
      };
}

export function signalRequest(surface: 'rest' | 'agent', name: string, pk: number): SideRequest {
  return surface === 'rest'
    ? {
        method: 'POST',
        path: `${REST}/${encodeURIComponent(name)}/${pk}`,
        options: { body: { step: 'signal' } },
      }
    : {
        method: 'POST',
        path: `${AGENT}/SignalEvent`,
        options: { body: { EventName: name, PrimaryKey: pk, Data: { step: 'signal' } } },
      };
}

/** The event a `signalHook` step fires: the picked webhook's nth event as last read. */
export function hookEvent(side: SideState, h: number, nth: number): string | undefined {
  const picked = pick(side, h);
  const events = picked && side.lastRead[picked.index]?.Events;
  if (!Array.isArray(events) || events.length === 0) return undefined;
  const event: unknown = events[nth % events.length];
  return typeof event === 'string' ? event : undefined;
}
