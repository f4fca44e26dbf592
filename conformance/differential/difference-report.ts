// How a difference is told: where two values first differ, and a shell script of curl
// commands that replays the target's side of a sequence.
import { curlOf } from '../reporters/curl.js';
import type { RecordedRequest } from '../types.js';
import type { Difference } from './answers.js';

export function replayScript(recorded: readonly RecordedRequest[]): string {
  return ['#!/bin/sh', 'set -e', ...recorded.map(curlOf)].join('\n');
}

const show = (v: unknown): string => JSON.stringify(v)?.slice(0, 400) ?? 'nothing';

/** The first place two values differ, as `path: target …, reference …`. */
export function firstDifference(t: unknown, r: unknown, path = ''): string {
  const bothObjects = typeof t === 'object' && t !== null && typeof r === 'object' && r !== null;
  if (bothObjects && Array.isArray(t) === Array.isArray(r)) {
    const keys = new Set([...Object.keys(t), ...Object.keys(r)]);
    if (Array.isArray(t) && Array.isArray(r) && t.length !== r.length) {
      return `${path || '/'}: target has ${t.length} items, reference ${r.length}: target ${show(t)}, reference ${show(r)}`;
    }
    for (const key of keys) {
      const [a, b] = [(t as Record<string, unknown>)[key], (r as Record<string, unknown>)[key]];
      if (JSON.stringify(a) !== JSON.stringify(b)) return firstDifference(a, b, `${path}/${key}`);
    }
  }
  return `${path || '/'}: target ${show(t)}, reference ${show(r)}`;
}

export function describeDifference(d: Difference): string {
  return `step ${d.step}: ${d.what}: ${firstDifference(d.target, d.reference)}`;
}
