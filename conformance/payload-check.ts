// What a delivery must look like (docs/sources.md §3a headers, §3b body; the spec's webhookEvent and
// WebhookPayload). Returns every problem, so one failing case shows all that is wrong.
import { isRecord } from './expect.js';
import type { Delivery } from './receiver.js';

export interface ExpectedDelivery {
  event: string;
  primaryKey: number;
  webhookName: string;
  /** The customer the target names (`Cust12345`): the delivery's ContextIdentifier must be it. */
  tenant?: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// UTC with up to 7 fractional digits and Z, e.g. 2018-04-24T07:50:50.6812131Z (§3b).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;

const show = (value: unknown): string => JSON.stringify(value) ?? 'absent';

/**
 * Events are `<entity>.<verb>` (§4) and an entity may hold dots itself (`list.category.created`
 * names the entity `list.category`, §3b): the entity is everything before the last dot.
 */
export const entityOf = (event: string): string => event.replace(/\.[^.]*$/, '');

export function headerProblems(d: Delivery, expected: ExpectedDelivery): string[] {
  const problems: string[] = [];
  if (d.method !== 'POST') problems.push(`method is ${d.method}, not POST`);
  const type = (d.headers['content-type'] ?? '').toLowerCase();
  if (!type.startsWith('application/json')) problems.push(`Content-Type is "${type}"`);
  const agent = d.headers['user-agent'] ?? '';
  if (!agent.startsWith('NetServer-Webhook/')) problems.push(`User-Agent is "${agent}"`);
  const event = d.headers['x-superoffice-event'];
  if (event !== expected.event) problems.push(`X-SuperOffice-Event is ${show(event)}`);
  const eventId = d.headers['x-superoffice-eventid'];
  if (!eventId || !UUID.test(eventId)) problems.push(`X-SuperOffice-EventId is ${show(eventId)}`);
  const body = isRecord(d.body) ? d.body : {};
  if (eventId && body.EventId !== eventId) {
    problems.push(`X-SuperOffice-EventId ${eventId} differs from the body's EventId`);
  }
  return problems;
}

export function payloadProblems(d: Delivery, expected: ExpectedDelivery): string[] {
  if (!isRecord(d.body)) return ['the body is not a JSON object'];
  const b = d.body;
  const problems: string[] = [];
  const want = (ok: boolean, field: string) => {
    if (!ok) problems.push(`${field} is ${show(b[field])}`);
  };
  want(typeof b.EventId === 'string' && UUID.test(b.EventId), 'EventId');
  want(typeof b.Timestamp === 'string' && TIMESTAMP.test(b.Timestamp), 'Timestamp');
  want(Array.isArray(b.Changes) && b.Changes.every((c) => typeof c === 'string'), 'Changes');
  want(b.Event === expected.event, 'Event');
  want(b.PrimaryKey === expected.primaryKey, 'PrimaryKey');
  want(b.Entity === entityOf(expected.event), 'Entity');
  want(
    typeof b.ContextIdentifier === 'string' &&
      (expected.tenant === undefined || b.ContextIdentifier === expected.tenant),
    'ContextIdentifier',
  );
  want(Number.isInteger(b.ChangedByAssociateId), 'ChangedByAssociateId');
  want(b.WebhookName === expected.webhookName, 'WebhookName');
  want(b.FieldValues === undefined || isRecord(b.FieldValues), 'FieldValues');
  return problems;
}

/** The `test` event's body (§3b: PrimaryKey 0 for `test`, Entity `test`, Changes `[]`; §4). */
export function testPingProblems(d: Delivery): string[] {
  if (!isRecord(d.body)) return ['the body is not a JSON object'];
  const b = d.body;
  const problems: string[] = [];
  if (b.Event !== 'test') problems.push(`Event is ${show(b.Event)}`);
  if (b.PrimaryKey !== 0) problems.push(`PrimaryKey is ${show(b.PrimaryKey)}`);
  if (b.Entity !== 'test') problems.push(`Entity is ${show(b.Entity)}`);
  if (!Array.isArray(b.Changes) || b.Changes.length > 0)
    problems.push(`Changes is ${show(b.Changes)}`);
  return problems;
}

/** Whether `key: value` appears in the body, at the top level or nested (placement is C14). */
export function containsEntry(body: unknown, key: string, value: unknown): boolean {
  if (Array.isArray(body)) return body.some((item) => containsEntry(item, key, value));
  if (!isRecord(body)) return false;
  if (key in body && JSON.stringify(body[key]) === JSON.stringify(value)) return true;
  return Object.values(body).some((child) => containsEntry(child, key, value));
}
