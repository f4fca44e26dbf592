// Pure helpers that turn stored values into what the dashboard shows. No DOM, no hono.
import type { DeliveryAttempt, DeliveryRecord } from '../store/state.js';

/** `HH:MM:SS` of an ISO time in UTC; the page's script shows it in the reader's zone. */
export function clockTime(iso: string): string {
  const match = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return match ? `${match[1]}Z` : iso;
}

/** A JSON text indented for reading; anything else unchanged. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export function lastAttempt(delivery: DeliveryRecord): DeliveryAttempt | undefined {
  return delivery.Attempts[delivery.Attempts.length - 1];
}

/** The colour of an attempt's status: only 200 is a success (spec/README.md C18). */
export function statusTone(status: number | null | undefined): 'ok' | 'bad' | 'none' {
  if (status === undefined) return 'none';
  return status === 200 ? 'ok' : 'bad';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The first line of a long text, e.g. the status line of a stored LastError. */
export function firstLine(text: string | null, max = 80): string {
  const line = (text ?? '').split(/\r?\n/, 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
