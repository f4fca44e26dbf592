// Kept-alive connections for deliveries (spec/README.md C31), on undici: Node's own HTTP client
// was the largest single cost of a delivery; undici's pools keep the parsing and queueing off
// the per-request path. Every bound is here: connections per origin, idle connections over all
// origins, and how long one may idle. Tenants share a receiver's connections in turn
// (fair-gate.ts), so an attempt never waits in undici's first-come queue behind another
// tenant's flood.
import { Client, Pool, type Dispatcher } from 'undici';
import { FairGate, type Release } from './fair-gate.js';

export interface PoolLimits {
  /** Connections open to one scheme://host:port at once, busy or idle. */
  socketsPerOrigin: number;
  /** Idle connections kept over all origins: origins beyond it are closed once idle. */
  idleSockets: number;
  /** An idle connection is closed after this long (or sooner when the server says so). */
  idleMs: number;
}

/** An exchange's way to the receiver, and the release that frees its turn when it ends. */
export interface Lease {
  dispatcher: Dispatcher;
  release: Release;
}

/** One receiver origin: its connections, and the turns tenants take at them. */
interface Origin {
  pool: Pool;
  gate: FairGate;
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
  /** Least recently used first (a Map keeps insertion order; a used origin moves to the end). */
  readonly #origins = new Map<string, Origin>();
  #closed = false;

  constructor(limits: PoolLimits) {
    this.#limits = limits;
  }

  /**
   * Calls `start` when `lane` may use one of `origin`'s connections. After `close`, every
   * exchange gets a connection of its own, closed when it ends.
   */
  lease(origin: string, lane: string, start: (lease: Lease) => void): void {
    if (this.#closed) return start(ownConnection(origin, () => undefined));
    const known = this.#origins.get(origin);
    const used = known ?? this.#open(origin);
    this.#origins.delete(origin);
    this.#origins.set(origin, used);
    used.gate.enter(lane, (turn) => {
      const release = () => {
        turn();
        this.#closeIdle();
      };
      // Closed while this one waited for its turn: the pool takes no more requests.
      start(this.#closed ? ownConnection(origin, release) : { dispatcher: used.pool, release });
    });
  }

  #open(origin: string): Origin {
    const { socketsPerOrigin, idleMs } = this.#limits;
    const pool = new Pool(origin, {
      connections: socketsPerOrigin,
      pipelining: 1,
      // Below Node's 5 s server keep-alive: the mock, not the receiver, closes an idle one.
      keepAliveTimeout: idleMs,
      keepAliveMaxTimeout: idleMs,
    });
    return { pool, gate: new FairGate(socketsPerOrigin) };
  }

  /**
   * Origins are as many as there are TargetUrls: beyond the origins whose connections fit in
   * `idleSockets`, the least recently used idle ones are closed.
   */
  #closeIdle(): void {
    const keep = Math.max(1, Math.floor(this.#limits.idleSockets / this.#limits.socketsPerOrigin));
    if (this.#origins.size <= keep) return;
    for (const [origin, { gate, pool }] of this.#origins) {
      if (this.#origins.size <= keep) return;
      if (gate.busy > 0 || gate.waiting > 0) continue;
      this.#origins.delete(origin);
      pool.close().catch(() => undefined);
    }
  }

  /** Closes every idle connection; exchanges in flight finish, their connections then close. */
  close(): void {
    this.#closed = true;
    for (const { pool } of this.#origins.values()) pool.close().catch(() => undefined);
    this.#origins.clear();
  }
}
