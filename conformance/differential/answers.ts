// How the two sides' answers to one step compare: by role (normalize.ts), a list on this
// sequence's webhooks only, and what a difference is — a failure, or a note where the rule is
// only a choice of the contract (spec/README.md).
import { isRecord } from '../expect.js';
import type { HttpResponse } from '../types.js';
import { bodyRole, lastErrorRole, xmlRole, type SideState } from './normalize.js';
import type { Naming } from './requests.js';

export interface Difference {
  /** 1-based step number, 0 for the check after the last step. */
  step: number;
  what: string;
  target: unknown;
  reference: unknown;
  /** Set when the rule is only a choice of the contract: the difference is advisory. */
  choice?: string;
}

export class DifferenceFound extends Error {
  constructor(readonly difference: Difference) {
    super(`step ${difference.step}: ${difference.what}`);
    this.name = 'DifferenceFound';
  }
}

export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const MOVED = 'moved without a write';
const settled = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(settled);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'Updated' && v === MOVED ? 'unchanged' : settled(v),
    ]),
  );
};

/**
 * Whether `Updated` moves when the server changes a webhook itself (a delivery's counters, a
 * stop after errors) is not documented; that it moves only on a save is the mock's choice
 * (spec/README.md C44). A difference in that alone is advisory.
 */
export function choiceOfRoles(t: unknown, r: unknown): string | undefined {
  return same(settled(t), settled(r)) ? 'spec C44 (Updated moves only on a save)' : undefined;
}
export const mediaType = (res: HttpResponse): string =>
  (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

export function answerRole(side: SideState, res: HttpResponse, naming: Naming): unknown {
  if (res.raw.trim() === '' || res.raw.trim() === 'null') return 'empty';
  if (mediaType(res).endsWith('xml')) return xmlRole(side, res.raw);
  if (typeof res.body === 'string') return lastErrorRole(res.body);
  // A list holds the site's other webhooks too: only this sequence's are compared.
  const ours = (item: unknown) =>
    isRecord(item) && String(item.Name).startsWith(`${naming.prefix} `);
  return bodyRole(side, Array.isArray(res.body) ? res.body.filter(ours) : res.body);
}
