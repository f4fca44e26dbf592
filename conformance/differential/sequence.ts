// Runs one sequence of steps against the target and the reference side by side and compares,
// after every step, what the contract documents: the status, the answer by role, every
// delivery each side sent since the last step (payload, documented headers, signature with the
// secret set last, the status the receiver gave), retry spacing within the documented bounds,
// and then every webhook of the sequence read back (counters, state, stamps, LastError).
import { isRecord } from '../expect.js';
import { checkSignature, type Delivery, type Receiver } from '../receiver.js';
import type { HttpResponse, RecordedRequest, RequestOptions } from '../types.js';
import { bodyRole, entityRole, eventRole, handleOf, xmlRole, type SideState } from './normalize.js';
import { choiceOf, pick, requestFor, type Naming, type SideRequest } from './requests.js';
import { showStep, type Step } from './steps.js';

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

type Send = (method: string, path: string, options?: RequestOptions) => Promise<HttpResponse>;

export interface Side {
  state: SideState;
  send: Send;
  /** Receiver path prefix of this side's webhooks. */
  receiverPath: string;
}

export interface SequenceEnv {
  receiver: Receiver;
  naming: Naming;
  timeScale: number;
  deliveryTimeoutMs: number;
  /** Every request the target got, for the curl replay. */
  recorded: RecordedRequest[];
}

/** The documented waits before the 2nd and 3rd attempt (reference §3d). */
const RETRY_DELAYS_MS = [1000, 4000];
const QUIET_MS = 60;
const MAX_HANDLES = 6;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const mediaType = (res: HttpResponse): string =>
  (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

function answerRole(side: SideState, res: HttpResponse): unknown {
  if (res.raw.trim() === '' || res.raw.trim() === 'null') return 'empty';
  if (mediaType(res).endsWith('xml')) return xmlRole(side, res.raw);
  return bodyRole(side, res.body);
}

function delivered(receiver: Receiver, side: Side, index: number): Delivery[] {
  return receiver.deliveries(`${side.receiverPath}/w${index}/`);
}

function deliveryRole(side: SideState, index: number, d: Delivery): unknown {
  const body = isRecord(d.body) ? d.body : {};
  const secret = side.secrets[index] ?? '';
  const header = d.headers['x-superoffice-signature'];
  const signature =
    secret === ''
      ? header === undefined
        ? 'unsigned'
        : 'signed without a secret'
      : checkSignature(secret, d.raw, header).ok
        ? 'valid for the current secret'
        : 'not valid for the current secret';
  const payload: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'EventId') payload[key] = eventRole(side, value);
    else if (key === 'Timestamp')
      payload[key] =
        typeof value === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value)
          ? 'a UTC timestamp'
          : value;
    else if (key === 'ChangedByAssociateId')
      payload[key] = Number(value) > 0 ? 'an associate' : value;
    else payload[key] = value;
  }
  return {
    method: d.method,
    test: d.isTest,
    event: d.headers['x-superoffice-event'],
    eventIdHeader:
      d.headers['x-superoffice-eventid'] === body.EventId
        ? 'the body EventId'
        : d.headers['x-superoffice-eventid'],
    retry: d.headers['x-superoffice-retry'],
    contentType: (d.headers['content-type'] ?? '').split(';')[0],
    custom: d.headers['x-seq'],
    signature,
    answered: d.answered,
    payload,
  };
}

/** Waits until neither side's deliveries change for a quiet window and the target has at
 * least as many as the reference, bounded. */
async function settle(env: SequenceEnv, sides: [Side, Side], failing: boolean): Promise<void> {
  const quiet = failing ? Math.round(RETRY_DELAYS_MS[1]! * env.timeScale * 1.3) + 250 : QUIET_MS;
  const deadline = Date.now() + Math.max(env.deliveryTimeoutMs, quiet * 3);
  const count = (side: Side) => env.receiver.deliveries(side.receiverPath).length;
  let last = sides.map(count);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, quiet));
    const now = sides.map(count);
    const stable = same(now, last) && now[0]! >= now[1]!;
    if (stable || Date.now() > deadline) return;
    last = now;
  }
}

function retrySpacing(env: SequenceEnv, deliveries: Delivery[]): string | undefined {
  const byEvent = new Map<unknown, Delivery[]>();
  for (const d of deliveries.filter((x) => !x.isTest && isRecord(x.body))) {
    const id = (d.body as Record<string, unknown>).EventId;
    byEvent.set(id, [...(byEvent.get(id) ?? []), d]);
  }
  for (const attempts of byEvent.values()) {
    for (let i = 1; i < attempts.length; i += 1) {
      const expected = (RETRY_DELAYS_MS[i - 1] ?? 0) * env.timeScale;
      const waited = attempts[i]!.receivedAt - attempts[i - 1]!.receivedAt;
      if (waited < expected * 0.5 - 50 || waited > expected * 3 + 1000) {
        return `attempt ${i + 1} came ${Math.round(waited)} ms after attempt ${i}; documented: ${Math.round(expected)} ms`;
      }
    }
  }
  return undefined;
}

export class SequenceRun {
  readonly advisories: Difference[] = [];
  private readonly seen: [number[], number[]] = [[], []];

  constructor(
    private readonly env: SequenceEnv,
    private readonly sides: [Side, Side],
  ) {}

  private differ(
    step: number,
    stepValue: Step | undefined,
    what: string,
    t: unknown,
    r: unknown,
  ): void {
    const choice = stepValue ? choiceOf(stepValue) : undefined;
    const difference: Difference = {
      step,
      what,
      target: t,
      reference: r,
      ...(choice && { choice }),
    };
    if (choice) this.advisories.push(difference);
    else throw new DifferenceFound(difference);
  }

  private async sendBoth(
    requests: [SideRequest, SideRequest],
  ): Promise<[HttpResponse, HttpResponse]> {
    const [t, r] = await Promise.all(
      requests.map((req, i) => this.sides[i]!.send(req.method, req.path, req.options)),
    );
    this.env.recorded.push(t!.evidence.request);
    return [t!, r!];
  }

  async run(steps: readonly Step[]): Promise<void> {
    for (const [i, step] of steps.entries()) await this.runStep(i + 1, step);
  }

  private async runStep(n: number, step: Step): Promise<void> {
    const [target, reference] = this.sides;
    if (step.kind === 'receiver') return this.setReceivers(step);
    if (step.kind === 'create' && target.state.ids.length >= MAX_HANDLES) return;
    let current: [Record<string, unknown>, Record<string, unknown>] | undefined;
    if (step.kind === 'rename') current = await this.currentEntities(n, step.h);
    const requests = this.sides.map((side, i) =>
      requestFor(side.state, this.env.naming, step, current?.[i]),
    );
    if (!requests[0] || !requests[1]) return;
    const [t, r] = await this.sendBoth([requests[0], requests[1]]);
    const label = `${showStep(step)} → ${t.status} vs ${r.status}`;
    if (t.status !== r.status) this.differ(n, step, `status of ${label}`, t.status, r.status);
    else if (t.status < 300) {
      this.afterSuccess(step, [t, r]);
      const [tr, rr] = [answerRole(target.state, t), answerRole(reference.state, r)];
      if (!same(tr, rr)) this.differ(n, step, `answer of ${showStep(step)}`, tr, rr);
      if (mediaType(t) !== mediaType(r))
        this.differ(n, step, `Content-Type of ${showStep(step)}`, mediaType(t), mediaType(r));
    } else if (!same(bodyRole(target.state, t.body), bodyRole(reference.state, r.body))) {
      this.differ(n, step, `error body of ${label}`, t.body, r.body);
    }
    if (step.kind === 'create' && t.status >= 300)
      this.sides.forEach((s) => s.state.ids.push(undefined));
    await this.compareDeliveries(n, step);
    await this.compareSnapshots(n, step);
  }

  private afterSuccess(step: Step, answers: [HttpResponse, HttpResponse]): void {
    this.sides.forEach((side, i) => {
      const body = answers[i]!.body;
      if (step.kind === 'create') {
        side.state.ids.push(
          isRecord(body) && typeof body.WebhookId === 'number' ? body.WebhookId : undefined,
        );
        side.state.secrets[side.state.ids.length - 1] = step.secret;
      }
      const picked = 'h' in step ? pick(side.state, step.h) : undefined;
      if (!picked) return;
      if (step.kind === 'secret') side.state.secrets[picked.index] = step.secret;
      if (step.kind === 'delete') side.state.ids[picked.index] = undefined;
    });
  }

  private async currentEntities(n: number, h: number) {
    const got = await Promise.all(
      this.sides.map(async (side) => {
        const picked = pick(side.state, h);
        if (!picked) return {};
        const res = await side.send('GET', `/api/v1/Webhook/${picked.id}`);
        return isRecord(res.body) ? res.body : {};
      }),
    );
    void n;
    return got as [Record<string, unknown>, Record<string, unknown>];
  }

  private setReceivers(step: Extract<Step, { kind: 'receiver' }>): void {
    for (const side of this.sides) {
      const picked = pick(side.state, step.h);
      if (!picked) continue;
      const statuses = [...step.statuses];
      this.env.receiver.respond(
        `${side.receiverPath}/w${picked.index}/`,
        () => statuses.shift() ?? 200,
      );
    }
  }

  private async compareDeliveries(n: number, step: Step): Promise<void> {
    const failing = this.sides.some((side) =>
      side.state.ids.some((_, index) =>
        delivered(this.env.receiver, side, index).some((d) => d.answered !== 200),
      ),
    );
    await settle(this.env, this.sides, failing);
    const handles = Math.max(...this.sides.map((s) => s.state.ids.length));
    for (let index = 0; index < handles; index += 1) {
      const lists = this.sides.map((side, s) => {
        const all = delivered(this.env.receiver, side, index);
        const fresh = all.slice(this.seen[s]![index] ?? 0);
        this.seen[s]![index] = all.length;
        return fresh.map((d) => deliveryRole(side.state, index, d));
      });
      if (!same(lists[0], lists[1])) {
        this.differ(
          n,
          step,
          `deliveries to webhook#${index} after ${showStep(step)}`,
          lists[0],
          lists[1],
        );
      }
      const spacing = retrySpacing(this.env, delivered(this.env.receiver, this.sides[0]!, index));
      if (spacing)
        this.differ(
          n,
          step,
          `retry spacing to webhook#${index}: ${spacing}`,
          spacing,
          'documented spacing',
        );
    }
  }

  private async compareSnapshots(n: number, step: Step): Promise<void> {
    const handles = Math.max(...this.sides.map((s) => s.state.ids.length));
    for (let index = 0; index < handles; index += 1) {
      const reads = await Promise.all(
        this.sides.map(async (side) => {
          const id = side.state.ids[index];
          if (id === undefined) return 'none';
          const res = await side.send('GET', `/api/v1/Webhook/${id}`);
          return res.status === 200 && isRecord(res.body)
            ? entityRole(side.state, res.body)
            : res.status;
        }),
      );
      if (!same(reads[0], reads[1])) {
        this.differ(
          n,
          step,
          `webhook#${index} read back after ${showStep(step)} (${handleOf(this.sides[0]!.state, this.sides[0]!.state.ids[index])})`,
          reads[0],
          reads[1],
        );
      }
    }
  }
}
