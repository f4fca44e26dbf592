// Kept-alive connections for deliveries (spec/README.md C31), on undici: Node's own HTTP client
// was the largest single cost of a delivery; undici's pools keep the parsing and queueing off
// the per-request path. Every bound is here: connections per origin, and how long one may
// idle. Tenants share a receiver's connections in turn (fair-gate.ts), so an attempt never
// waits inside undici's own first-come queue behind another tenant's flood.
import { Agent, Client, type Dispatcher } from 'undici';
import { FairGate, type Release } from './fair-gate.js';

export interface PoolLimits {
  /** Connections open to one scheme://host:port at once, busy or idle. */
  socketsPerOrigin: number;
  /** Origins whose gates are kept while idle; beyond it an idle origin's gate is dropped. */
  idleSockets: number;
  /** An idle connection is closed after this long (or sooner when the server says so). */
  idleMs: number;
}

/** An exchange's way to the receiver, and the release that frees its turn when it ends. */
export interface Lease {
  dispatcher: Dispatcher;
  release: Release;
}

/** A connection for one exchange only, closed when it ends. */
function ownConnection(origin: string, release: Release): Lease {
  const client = new Client(origin, { pipelining: 0 });
  return {
    dispatcher: client,
    release: () => {
      release();
      client.close().catch(() => undefined);
    },
  };
}

export class ConnectionPool {
  readonly #limits: PoolLimits;
  readonly #agent: Agent;
  readonly #gates = new Map<string, FairGate>();
  #closed = false;

  constructor(limits: PoolLimits) {
    this.#limits = limits;
    this.#agent = new Agent({
      connections: limits.socketsPerOrigin,
      pipelining: 1,
      // Below Node's 5 s server keep-alive: the mock, not the receiver, closes an idle one.
      keepAliveTimeout: limits.idleMs,
      keepAliveMaxTimeout: limits.idleMs,
    });
  }

  /**
   * Calls `start` when `lane` may use one of `origin`'s connections. After `close`, every
   * exchange gets a connection of its own, closed when it ends.
   */
  lease(origin: string, lane: string, start: (lease: Lease) => void): void {
    if (this.#closed) return start(ownConnection(origin, () => undefined));
    let gate = this.#gates.get(origin);
    if (!gate) {
      gate = new FairGate(this.#limits.socketsPerOrigin);
      this.#gates.set(origin, gate);
    }
    const used = gate;
    used.enter(lane, (turn) => {
      const release = () => {
        turn();
        this.#forgetIdle(origin, used);
      };
      // Closed while this one waited for its turn: the agent takes no more requests.
      start(this.#closed ? ownConnection(origin, release) : { dispatcher: this.#agent, release });
    });
  }

  /** Origins are as many as there are TargetUrls: idle gates beyond the bound are dropped. */
  #forgetIdle(origin: string, gate: FairGate): void {
    if (gate.busy > 0 || gate.waiting > 0) return;
    if (this.#gates.size > this.#limits.idleSockets) this.#gates.delete(origin);
  }

  /** Closes every idle connection; exchanges in flight finish, their connections then close. */
  close(): void {
    this.#closed = true;
    void this.#agent.close().catch(() => undefined);
  }
}
