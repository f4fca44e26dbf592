// A received body as the dashboard shows it: JSON indented, but only to a nesting depth and a
// number of characters. Indentation grows with depth, so a 7 KB body of 3 500 nested `[` used to
// become ~23 MiB of HTML per record; the full body stays downloadable as it arrived.
import { DEFAULT_LIMITS } from '../platform/limits.js';

export interface ShownBody {
  text: string;
  /** Whether something was left out (by depth or by length). */
  cut: boolean;
}

export interface ShowLimits {
  maxChars: number;
  maxDepth: number;
}

const DEFAULT_SHOW: ShowLimits = {
  maxChars: DEFAULT_LIMITS.shownBodyChars,
  maxDepth: DEFAULT_LIMITS.shownBodyDepth,
};

/** Writes JSON with two-space indentation until the budget of characters runs out. */
class BoundedWriter {
  readonly parts: string[] = [];
  length = 0;
  cut = false;
  constructor(readonly limits: ShowLimits) {}

  get full(): boolean {
    return this.length >= this.limits.maxChars;
  }

  put(text: string): void {
    if (this.full) {
      this.cut = true;
      return;
    }
    this.parts.push(text);
    this.length += text.length;
  }

  value(value: unknown, depth: number): void {
    if (this.full) {
      this.cut = true;
      return;
    }
    if (value === null || typeof value !== 'object') {
      this.put(JSON.stringify(value) ?? 'null');
      return;
    }
    const array = Array.isArray(value);
    const entries: Array<[string, unknown]> = array
      ? value.map((item, i) => [String(i), item])
      : Object.entries(value);
    const [open, close] = array ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return this.put(`${open}${close}`);
    if (depth >= this.limits.maxDepth) {
      this.cut = true;
      return this.put(`${open}…${close}`);
    }
    const inner = '  '.repeat(depth + 1);
    this.put(`${open}\n`);
    entries.forEach(([name, item], i) => {
      if (this.full) return;
      this.put(array ? inner : `${inner}${JSON.stringify(name)}: `);
      this.value(item, depth + 1);
      this.put(i < entries.length - 1 ? ',\n' : '\n');
    });
    this.put(`${'  '.repeat(depth)}${close}`);
  }
}

/** The part of `body` to show, indented if it is JSON. Never longer than maxChars (+ a mark). */
export function shownBody(body: string, limits: ShowLimits = DEFAULT_SHOW): ShownBody {
  // A body far longer than what is shown is not parsed at all: its start is shown as it is.
  if (body.length <= limits.maxChars * 4) {
    let parsed: unknown;
    let json = true;
    try {
      parsed = JSON.parse(body);
    } catch {
      json = false;
    }
    if (json) {
      const writer = new BoundedWriter(limits);
      writer.value(parsed, 0);
      const text = writer.parts.join('');
      if (text.length > limits.maxChars) {
        return { text: `${text.slice(0, limits.maxChars)}…`, cut: true };
      }
      return { text, cut: writer.cut };
    }
  }
  if (body.length <= limits.maxChars) return { text: body, cut: false };
  return { text: `${body.slice(0, limits.maxChars)}…`, cut: true };
}
