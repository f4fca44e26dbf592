// What the kill -9 soak knows the server promised: every answered write, the ids it handed out,
// and the requests that were in flight when the process died (which may or may not have landed).
import type { StoreState } from '../../src/store/state.js';
import type { Answer } from './support.js';

export type Op =
  | { kind: 'create'; name: string; description: string }
  | { kind: 'save'; id: number; name: string; description: string }
  | { kind: 'patch'; id: number; description: string }
  | { kind: 'delete'; id: number }
  | { kind: 'signal'; key: number };

interface Expected {
  name: string;
  description: string;
}

export class Ledger {
  readonly live = new Map<number, Expected>();
  readonly deleted = new Set<number>();
  readonly seenIds = new Set<number>();
  readonly signals = new Set<number>();
  inflight: Op[] = [];
  problems: string[] = [];
  answeredCount = 0;
  #listener: number | undefined;
  #nextKey = 1;

  liveIds(): number[] {
    return [...this.live.keys()].sort((a, b) => a - b);
  }

  adoptListener(answer: Answer): void {
    const id = (answer.body as { WebhookId: number }).WebhookId;
    this.#listener = id;
    this.seenIds.add(id);
    this.live.set(id, { name: 'listener', description: 'gets every soak.ping' });
  }

  /** Deals the live webhooks (not the listener) to `lanes` lanes, round robin. */
  deal(lanes: number): number[][] {
    const hands: number[][] = Array.from({ length: lanes }, () => []);
    this.liveIds()
      .filter((id) => id !== this.#listener)
      .forEach((id, i) => hands[i % lanes]?.push(id));
    return hands;
  }

  /** The next operation of a lane: creates when it owns nothing, else a weighted mix. */
  pick(random: () => number, ids: number[], tag: string): Op {
    const roll = random();
    const id = ids[Math.floor(random() * ids.length)];
    const text = `${tag}-${Math.floor(random() * 1e9)}`;
    if (id === undefined || roll < 0.2)
      return { kind: 'create', name: `c-${text}`, description: text };
    if (roll < 0.4) return { kind: 'save', id, name: `s-${text}`, description: text };
    if (roll < 0.7) return { kind: 'patch', id, description: text };
    if (roll < 0.8) {
      ids.splice(ids.indexOf(id), 1);
      return { kind: 'delete', id };
    }
    return { kind: 'signal', key: this.#nextKey++ };
  }

  answered(op: Op, answer: Answer, ids: number[]): void {
    this.answeredCount++;
    const ok = op.kind === 'delete' || op.kind === 'signal' ? 204 : 200;
    // 503 is SignalEvent's documented queue-full answer: not a write, nothing promised.
    if (op.kind === 'signal' && answer.status === 503) return;
    if (answer.status !== ok) {
      this.problems.push(`${JSON.stringify(op)} answered ${answer.status}`);
      return;
    }
    if (op.kind === 'create') {
      const id = (answer.body as { WebhookId: number }).WebhookId;
      if (this.seenIds.has(id)) this.problems.push(`id ${id} handed out twice`);
      this.seenIds.add(id);
      this.live.set(id, { name: op.name, description: op.description });
      ids.push(id);
    } else if (op.kind === 'save') {
      this.live.set(op.id, { name: op.name, description: op.description });
    } else if (op.kind === 'patch') {
      const current = this.live.get(op.id);
      if (current) current.description = op.description;
    } else if (op.kind === 'delete') {
      this.live.delete(op.id);
      this.deleted.add(op.id);
    } else {
      this.signals.add(op.key);
    }
  }

  /** Settles the in-flight requests by what the file holds, then checks every promise. */
  verify(state: StoreState): string[] {
    const byId = new Map(state.webhooks.map((w) => [w.WebhookId, w]));
    for (const op of this.inflight) this.#settle(op, state, byId);
    this.inflight = [];
    const problems = [...this.problems];
    for (const [id, want] of this.live) {
      const got = byId.get(id);
      if (got?.Name !== want.name || got.Description !== want.description) {
        problems.push(
          `webhook ${id}: want ${JSON.stringify(want)}, file has ${got?.Name}/${got?.Description}`,
        );
      }
    }
    for (const id of this.deleted) if (byId.has(id)) problems.push(`deleted ${id} is back`);
    for (const id of byId.keys())
      if (!this.live.has(id)) problems.push(`unexplained webhook ${id}`);
    const keys = new Set(state.signals.map((s) => s.PrimaryKey));
    for (const key of this.signals) if (!keys.has(key)) problems.push(`signal ${key} lost`);
    const maxId = Math.max(0, ...this.seenIds);
    if (!(state.nextId > maxId)) problems.push(`nextId ${state.nextId} would reuse ${maxId}`);
    const deliveryIds = state.deliveries.map((d) => d.DeliveryId);
    if (new Set(deliveryIds).size !== deliveryIds.length) problems.push('delivery ids repeat');
    return problems;
  }

  #settle(op: Op, state: StoreState, byId: Map<number, StoreState['webhooks'][number]>): void {
    if (op.kind === 'create') {
      const landed = state.webhooks.find((w) => w.Name === op.name);
      if (!landed) return;
      if (this.seenIds.has(landed.WebhookId)) this.problems.push(`id ${landed.WebhookId} reused`);
      this.seenIds.add(landed.WebhookId);
      this.live.set(landed.WebhookId, { name: op.name, description: op.description });
    } else if (op.kind === 'save' || op.kind === 'patch') {
      const got = byId.get(op.id);
      const current = this.live.get(op.id);
      const name = op.kind === 'save' ? op.name : current?.name;
      if (got?.Description === op.description && got.Name === name && name !== undefined) {
        this.live.set(op.id, { name, description: op.description });
      }
    } else if (op.kind === 'delete' && !byId.has(op.id)) {
      this.live.delete(op.id);
      this.deleted.add(op.id);
    }
  }
}
