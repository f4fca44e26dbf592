// The whole persisted state of one store file, and the check that a file on disk is one.
import type { UserRecord } from '../domain/user.js';
import type { WebhookRecord } from '../domain/webhook.js';
import { isRecord } from '../domain/is-record.js';

export const STORE_FORMAT = 'so-webhook-mock/1';

export type { UserRecord } from '../domain/user.js';

export interface SignalRecord {
  EventId: string;
  Event: string;
  PrimaryKey: number;
  Data: Record<string, unknown> | null;
  SignalledAt: string;
  ChangedByAssociateId: number;
  Matched: number[];
}

export interface DeliveryAttempt {
  At: string;
  Status: number | null;
  Error: string | null;
  LatencyMs: number;
  ResponseHeaders: Record<string, string>;
  ResponseBody: string;
}

/** What one attempt adds to its delivery's log: the attempt, the headers it sent, the state after. */
export interface AttemptEntry {
  attempt: DeliveryAttempt;
  headers: Record<string, string>;
  state: DeliveryState;
  /** When the next attempt is due (ISO), or null once settled. */
  next: string | null;
}

export type DeliveryState = 'pending' | 'succeeded' | 'failed' | 'gone' | 'cancelled' | 'recorded';

export interface DeliveryRecord {
  DeliveryId: number;
  WebhookId: number;
  WebhookName: string | null;
  Kind: 'webhook' | 'crmscript' | 'test';
  Event: string;
  EventId: string;
  Url: string;
  RequestHeaders: Record<string, string>;
  Body: string;
  State: DeliveryState;
  Attempts: DeliveryAttempt[];
  /** When the next attempt is due (ISO); null once the delivery is settled. */
  NextAttemptAt: string | null;
  CreatedAt: string;
  ReplayOf: number | null;
}

export interface MailRecord {
  MailId: number;
  WebhookId: number;
  To: string[];
  Subject: string;
  Body: string;
  SentAt: string;
}

export interface StoreState {
  format: typeof STORE_FORMAT;
  /** The last journal entry this snapshot contains; later entries are replayed on load. */
  journalSeq?: number;
  nextId: number;
  nextDeliveryId: number;
  nextMailId: number;
  contextIdentifier: string;
  users: UserRecord[];
  webhooks: WebhookRecord[];
  signals: SignalRecord[];
  deliveries: DeliveryRecord[];
  outbox: MailRecord[];
}

export function emptyState(): StoreState {
  return {
    format: STORE_FORMAT,
    nextId: 1,
    nextDeliveryId: 1,
    nextMailId: 1,
    contextIdentifier: 'Default',
    users: [],
    webhooks: [],
    signals: [],
    deliveries: [],
    outbox: [],
  };
}

/**
 * Reads a store file's text. A file that is not JSON or not ours is an error, never a silent
 * reset: the file may hold someone's data.
 */
export function parseStoreText(text: string, file: string): StoreState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${file} is not valid JSON (${(error as Error).message}). ` +
        'Repair or move it, or start with --reset to replace it with the fixture.',
    );
  }
  if (!isRecord(parsed) || parsed.format !== STORE_FORMAT) {
    throw new Error(
      `${file} is not a so-webhook-mock store (expected "format": "${STORE_FORMAT}"). ` +
        'Point --db at another file, or start with --reset to replace it.',
    );
  }
  const arrays = ['users', 'webhooks', 'signals', 'deliveries', 'outbox'] as const;
  const broken: string[] = arrays.filter((key) => !Array.isArray(parsed[key]));
  if (!Number.isInteger(parsed.nextId)) broken.push('nextId');
  if (broken.length > 0) {
    throw new Error(`${file} is a damaged so-webhook-mock store (bad: ${broken.join(', ')}).`);
  }
  return { ...emptyState(), ...(parsed as unknown as StoreState) };
}
