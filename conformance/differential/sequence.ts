// Runs one sequence of steps against the target and the reference side by side and compares,
// after every step, what the contract documents: the status, the answer by role, every
// delivery each side sent since the last step (payload, documented headers, signature with the
// secret set last, the status the receiver gave), retry spacing within the documented bounds,
// and then every webhook of the sequence read back (counters, state, stamps, LastError).
import { isRecord } from '../expect.js';
import type { HttpResponse, RecordedRequest, RequestOptions } from '../types.js';
import { delivered, deliveryRole, retrySpacing, settle, type DeliveryEnv } from './deliveries.js';
import {
  bodyRole,
  entityRole,
  handleOf,
  lastErrorRole,
  xmlRole,
  type SideState,
} from './normalize.js';
import {
  choiceOf,
  pick,
  requestFor,
  type Aspect,
  type Naming,
  type SideRequest,
} from './requests.js';
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

export interface SequenceEnv extends DeliveryEnv {
  naming: Naming;
  /** Every request the target got, for the curl replay. */
  recorded: RecordedRequest[];
}

const MAX_HANDLES = 6;
const WRITES = new Set<Step['kind']>(['create', 'rename', 'patch', 'merge', 'secret', 'delete']);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

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
function choiceOfRoles(t: unknown, r: unknown): string | undefined {
  return same(settled(t), settled(r)) ? 'spec C44 (Updated moves only on a save)' : undefined;
}
const mediaType = (res: HttpResponse): string =>
  (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

function answerRole(side: SideState, res: HttpResponse, naming: Naming): unknown {
  if (res.raw.trim() === '' || res.raw.trim() === 'null') return 'empty';
  if (mediaType(res).endsWith('xml')) return xmlRole(side, res.raw);
  if (typeof res.body === 'string') return lastErrorRole(res.body);
  // A list holds the site's other webhooks too: only this sequence's are compared.
  const ours = (item: unknown) =>
    isRecord(item) && String(item.Name).startsWith(`${naming.prefix} `);
  return bodyRole(side, Array.isArray(res.body) ? res.body.filter(ours) : res.body);
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

  async run(steps: readonly Step[]): Promise<void> {
    for (const [i, step] of steps.entries()) await this.runStep(i + 1, step);
  }

  private async runStep(n: number, step: Step): Promise<void> {
    const [target, reference] = this.sides;
    if (step.kind === 'receiver') return this.setReceivers(step);
    if (step.kind === 'tenant') return this.enterTenant(n, step);
    if (step.kind === 'create' && target.state.ids.length >= MAX_HANDLES) return;
    let current: [Record<string, unknown>, Record<string, unknown>] | undefined;
    if (step.kind === 'rename') current = await this.currentEntities(step.h);
    const requests = this.sides.map((side, i) =>
      requestFor(side.state, this.env.naming, step, current?.[i]),
    );
    if (!requests[0] || !requests[1]) return;
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
    await this.compareDeliveries(n, step);
    await this.compareSnapshots(n, step);
  }

  /**
   * Moves the sequence to a tenant's site (`/Cust<n>/api`, reference "Base"), when the target
   * serves one: a target at a tenant's URL already, or one that does not serve tenants on its
   * root (a choice of the mock, spec C19), keeps the sequence on its root.
   */
  private async enterTenant(n: number, step: Extract<Step, { kind: 'tenant' }>): Promise<void> {
    const site = `/${step.tenant}`;
    const probe = { query: { nameFilter: this.env.naming.prefix } };
    // The target's root, as the first answer names it: a tenant's already on SuperOffice Online.
    const [target] = this.sides;
    await target.send('GET', '/api/v1/Webhook', probe);
    if (/\/cust\d+$/i.test(new URL(target.state.base).pathname.replace(/\/$/, ''))) return;
    this.sides.forEach((side) => (side.state.site = site));
    const answers = await Promise.all(
      this.sides.map((side) => side.send('GET', '/api/v1/Webhook', probe)),
    );
    const [t, r] = answers.map((a) => a.status);
    const what =
      t === r
        ? (await this.sharesOneTenant(site)) &&
          `a webhook saved on the tenant's site ${site} is read on the root: the target serves one tenant under every site`
        : `status of a list on the tenant's site ${site}: the target does not serve tenants`;
    if (!what) return;
    this.sides.forEach((side) => (side.state.site = ''));
    const choice = 'spec C19 (tenants)';
    this.advisories.push({ step: n, what, target: t, reference: r, choice });
  }

  /**
   * Whether the target answers every tenant's site from one store, as a proxy for one real
   * tenant does: a webhook it saves on `site` is then found on the root, where a server with
   * tenants answers 404. Probed on the target alone (the reference keeps tenants apart), with a
   * Stopped webhook (no ping) that is deleted again.
   */
  private async sharesOneTenant(site: string): Promise<boolean> {
    const [target] = this.sides;
    const body = {
      Name: `${this.env.naming.prefix} tenant probe`,
      Events: [this.env.naming.event(0)],
      TargetUrl: `${target.state.receiverBase}/tenant-probe/`,
      Type: 'webhook',
      State: 'Stopped',
    };
    const saved = await target.send('POST', '/api/v1/Webhook', { body });
    const id = isRecord(saved.body) ? saved.body.WebhookId : undefined;
    if (saved.status !== 200 || typeof id !== 'number') return false;
    target.state.site = '';
    const onRoot = await target.send('GET', `/api/v1/Webhook/${id}`);
    target.state.site = site;
    await target.send('DELETE', `/api/v1/Webhook/${id}`);
    return onRoot.status === 200;
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

  private async compareDeliveries(n: number, step: Step): Promise<void> {
    await settle(this.env, this.sides, step.kind === 'signal' || step.kind === 'signalHook');
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

  private async compareSnapshots(n: number, step: Step): Promise<void> {
    const handles = Math.max(...this.sides.map((s) => s.state.ids.length));
    for (let index = 0; index < handles; index += 1) {
      const reads = await Promise.all(
        this.sides.map(async (side) => {
          const id = side.state.ids[index];
          if (id === undefined) return 'none';
          const res = await side.send('GET', `/api/v1/Webhook/${id}`);
          const ok = res.status === 200 && isRecord(res.body);
          side.state.lastRead[index] = ok ? (res.body as Record<string, unknown>) : undefined;
          return ok ? entityRole(side.state, res.body as Record<string, unknown>) : res.status;
        }),
      );
      if (!same(reads[0], reads[1])) {
        this.differ(
          n,
          step,
          'after',
          `webhook#${index} read back after ${showStep(step)} (${handleOf(this.sides[0]!.state, this.sides[0]!.state.ids[index])})`,
          reads[0],
          reads[1],
        );
      }
    }
  }
}
