// What a wrong target is for wrong-targets.test.ts, and small edits the HTTP faults share.
import type { Answer, Exchange, Mutation } from './mutating-proxy.js';

export interface WrongTarget {
  /** What is wrong with the target, as the test title reads it. */
  fault: string;
  /** The case written for that behaviour: it must fail … */
  caseId: string;
  /** … with a reason that names the fault. */
  reason: RegExp;
  /** Cases the fault leaves alone: they must still pass, so the catch is by name, not because
   * the wrong target fails everything. */
  unaffected: string[];
  proxy?: Mutation;
}

const SINGLE = /^\/api\/v1\/Webhook\/\d+(\?|$)/;
const LIST = /^\/api\/v1\/Webhook(\?|$)/;
export const isSingleGet = (req: Exchange) => req.method === 'GET' && SINGLE.test(req.url);
export const isListGet = (req: Exchange) => req.method === 'GET' && LIST.test(req.url);

export function editJson(res: Answer, edit: (body: unknown) => unknown): Answer {
  return { ...res, body: JSON.stringify(edit(JSON.parse(res.body))) };
}

export function editObject(res: Answer, edit: (body: Record<string, unknown>) => void): Answer {
  return editJson(res, (body) => {
    edit(body as Record<string, unknown>);
    return body;
  });
}

export const camelCased = (body: unknown): unknown =>
  Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [
      k.charAt(0).toLowerCase() + k.slice(1),
      v,
    ]),
  );

export const withoutQuery = (url: string, name: string): string => {
  const parsed = new URL(url, 'http://proxy');
  parsed.searchParams.delete(name);
  return parsed.pathname + parsed.search;
};
