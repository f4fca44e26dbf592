// Hostile-input checks on parsed JSON before anything copies it: keys that could reach an
// object's prototype, and nesting deep enough to exhaust the stack of recursive code.
import { isForbiddenKey } from '../domain/json-pointer.js';

export type JsonProblem =
  | { kind: 'forbidden-key'; key: string }
  | { kind: 'too-deep'; limit: number }
  | { kind: 'lone-surrogate' };

/**
 * A UTF-16 surrogate without its pair: JSON.parse makes one from an escape such as "\ud800",
 * and once stored it makes every listing invalid UTF-8 that standard JSON tools refuse.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);

export function inspectJson(value: unknown, maxDepth: number): JsonProblem | undefined {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current === 'string' && hasLoneSurrogate(current)) return { kind: 'lone-surrogate' };
    if (typeof current !== 'object' || current === null) continue;
    if (depth > maxDepth) return { kind: 'too-deep', limit: maxDepth };
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (isForbiddenKey(key)) return { kind: 'forbidden-key', key };
      if (hasLoneSurrogate(key)) return { kind: 'lone-surrogate' };
      stack.push([(current as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}
