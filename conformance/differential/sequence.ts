// Runs one sequence of steps against the target and the reference side by side and compares,
// after every step, what the contract documents: the status, the answer by role, every
// delivery each side sent since the last step (payload, documented headers, signature with the
// secret set last, the status the receiver gave), retry spacing within the documented bounds,
// and then every webhook the step may have changed, read back (counters, state, stamps, LastError).
import { isRecord } from '../expect.js';
import type { HttpResponse, RecordedRequest, RequestOptions } from '../types.js';
import {
  answerRole,
  choiceOfRoles,
  DifferenceFound,
  mediaType,
  same,
  type Difference,
} from './answers.js';
import {
  BudgetSpent,
  delivered,
  deliveryRole,
  retrySpacing,
  settle,
  type DeliveryEnv,
} from './deliveries.js';
import { bodyRole, entityRole, handleOf, type SideState } from './normalize.js';
import {
  choiceOf,
  pick,
  requestFor,
  type Aspect,
  type Naming,
  type SideRequest,
} from './requests.js';
import { showStep, type Step } from './steps.js';
import { enterTenant } from './tenant-site.js';

export { DifferenceFound, type Difference } from './answers.js';

type Send = (method: string, path: string, options?: RequestOptions) => Promise<HttpResponse>;

export interface Side {
  state: SideState;
  send: Send;
  /** Receiver path prefix of this side's webhooks. */
  receiverPath: string;
}

export interface SequenceEnv extends DeliveryEnv {
  naming: Naming;
  /** Every request the target got, for the curl replay. */
  recorded: RecordedRequest[];
}

const MAX_HANDLES = 6;
/** Steps that only read: they make no delivery, so no quiet window follows them. */
const READS = new Set<Step['kind']>(['get', 'list', 'lastError']);
const WRITES = new Set<Step['kind']>(['create', 'rename', 'patch', 'merge', 'secret', 'delete']);

export class SequenceRun {
  readonly advisories: Difference[] = [];
  private readonly seen: [number[], number[]] = [[], []];

  constructor(
    private readonly env: SequenceEnv,
    private readonly sides: [Side, Side],
  ) {}

  private differ(
    step: number,
    stepValue: Step,
    aspect: Aspect,
    what: string,
    t: unknown,
    r: unknown,
  ): void {
    const choice = choiceOf(stepValue, aspect) ?? choiceOfRoles(t, r);
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

  /**
   * Runs `steps` and answers how many were compared in full: all of them, or those before the
   * time budget ended (`env.stopAt`), between steps or while a step's deliveries settled.
   */
  async run(steps: readonly Step[]): Promise<number> {
    const stopAt = this.env.stopAt ?? Infinity;
    for (const [i, step] of steps.entries()) {
      if (performance.now() >= stopAt) return i;
      try {
        await this.runStep(i + 1, step);
      } catch (thrown) {
        if (thrown instanceof BudgetSpent) return i;
        throw thrown;
      }
    }
    return steps.length;
  }

  private async runStep(n: number, step: Step): Promise<void> {
    const [target, reference] = this.sides;
    if (step.kind === 'receiver') return this.setReceivers(step);
    if (step.kind === 'tenant') {
      const advisory = await enterTenant(this.sides, this.env.naming, step.tenant);
      if (advisory) this.advisories.push({ step: n, ...advisory });
      return;
    }
    if (step.kind === 'create' && target.state.ids.length >= MAX_HANDLES) return;
    let current: [Record<string, unknown>, Record<string, unknown>] | undefined;
    if (step.kind === 'rename') current = await this.currentEntities(step.h);
    const requests = this.sides.map((side, i) =>
      requestFor(side.state, this.env.naming, step, current?.[i]),
    );
    if (!requests[0] || !requests[1]) return;
    const touched = this.touched(step);
    const sent = performance.now();
    const [t, r] = await this.sendBoth([requests[0], requests[1]]);
    const label = `${showStep(step)} → ${t.status} vs ${r.status}`;
    const writing = WRITES.has(step.kind) && t.status < 300;
    this.sides.forEach((side) => (side.state.writing = writing));
    if (t.status !== r.status)
      this.differ(n, step, 'status', `status of ${label}`, t.status, r.status);
    else if (t.status < 300) {
      this.afterSuccess(step, [t, r]);
      const naming = this.env.naming;
      const [tr, rr] = [
        answerRole(target.state, t, naming),
        answerRole(reference.state, r, naming),
      ];
      if (!same(tr, rr)) this.differ(n, step, 'answer', `answer of ${showStep(step)}`, tr, rr);
      if (mediaType(t) !== mediaType(r)) {
        const what = `Content-Type of ${showStep(step)}`;
        this.differ(n, step, 'media type', what, mediaType(t), mediaType(r));
      }
    } else if (!same(bodyRole(target.state, t.body), bodyRole(reference.state, r.body))) {
      this.differ(n, step, 'answer', `error body of ${label}`, t.body, r.body);
    }
    if (step.kind === 'create' && t.status >= 300)
      this.sides.forEach((s) => s.state.ids.push(undefined));
    await this.compareDeliveries(n, step, sent);
    await this.compareSnapshots(n, step, touched);
  }

  /**
   * The handles `step` may change, to read back after it: after a signal every one (counters,
   * LastError, a stop after errors), after a change to one webhook that one (or the one it
   * creates), after a read none. A change a step makes elsewhere still shows at the next
   * signal's read-back.
   */
  private touched(step: Step): number[] | 'all' {
    const [target] = this.sides;
    if (READS.has(step.kind)) return [];
    if (step.kind === 'signal' || step.kind === 'signalHook') return 'all';
    if (step.kind === 'create') return [target.state.ids.length];
    const picked = 'h' in step ? pick(target.state, step.h) : undefined;
    return picked ? [picked.index] : [];
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

  private async currentEntities(h: number) {
    const got = await Promise.all(
      this.sides.map(async (side) => {
        const picked = pick(side.state, h);
        if (!picked) return {};
        const res = await side.send('GET', `/api/v1/Webhook/${picked.id}`);
        return isRecord(res.body) ? res.body : {};
      }),
    );
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

  private async compareDeliveries(n: number, step: Step, sent: number): Promise<void> {
    await settle(this.env, this.sides, !READS.has(step.kind), sent);
    const handles = Math.max(...this.sides.map((s) => s.state.ids.length));
    for (let index = 0; index < handles; index += 1) {
      const lists = this.sides.map((side, s) => {
        const all = delivered(this.env.receiver, side, index);
        const fresh = all.slice(this.seen[s]![index] ?? 0);
        this.seen[s]![index] = all.length;
        return fresh.map((d) => deliveryRole(side.state, index, d));
      });
      if (!same(lists[0], lists[1])) {
        const what = `deliveries to webhook#${index} after ${showStep(step)}`;
        this.differ(n, step, 'after', what, lists[0], lists[1]);
      }
      const all = delivered(this.env.receiver, this.sides[0]!, index);
      const spacing = retrySpacing(this.env.timeScale, all);
      if (spacing) {
        const what = `retry spacing to webhook#${index}: ${spacing}`;
        this.differ(n, step, 'after', what, spacing, 'documented spacing');
      }
    }
  }

  private async compareSnapshots(n: number, step: Step, touched: number[] | 'all'): Promise<void> {
    const handles = Math.max(...this.sides.map((s) => s.state.ids.length));
    const indexes = touched === 'all' ? Array.from({ length: handles }, (_, i) => i) : touched;
    // Read back at once: each read sets only its own handle's roles and stamps.
    const reads = await Promise.all(
      indexes.map((index) => Promise.all(this.sides.map((side) => this.readBack(side, index)))),
    );
    for (const [i, [t, r]] of reads.entries()) {
      const index = indexes[i]!;
      if (same(t, r)) continue;
      const [target] = this.sides;
      const handle = handleOf(target.state, target.state.ids[index]);
      const what = `webhook#${index} read back after ${showStep(step)} (${handle})`;
      this.differ(n, step, 'after', what, t, r);
    }
  }

  private async readBack(side: Side, index: number): Promise<unknown> {
    const id = side.state.ids[index];
    if (id === undefined) return 'none';
    const res = await side.send('GET', `/api/v1/Webhook/${id}`);
    const ok = res.status === 200 && isRecord(res.body);
    side.state.lastRead[index] = ok ? (res.body as Record<string, unknown>) : undefined;
    return ok ? entityRole(side.state, res.body as Record<string, unknown>) : res.status;
  }
}
