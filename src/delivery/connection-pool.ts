// Kept-alive connections for deliveries (spec/README.md C31). A new TCP (and TLS) connection per
// attempt was the largest cost of a delivery on both ends; a pool makes a burst to one receiver
// one handshake per socket. Every bound is here: sockets per origin, idle sockets in all, and how
// long one may idle. Idle sockets are unref'd by Node, so the pool never keeps a process alive.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';

export interface PoolLimits {
  /** Connections open to one scheme://host:port at once, busy or idle. */
  socketsPerOrigin: number;
  /** Idle connections kept over all origins; beyond it a finished connection is closed. */
  idleSockets: number;
  /** An idle connection is closed after this long (or sooner when the server says so). */
  idleMs: number;
}

export interface ConnectionPool {
  /** The agent for an `http:` or `https:` URL. */
  agentFor(protocol: string): HttpAgent;
  /** Closes every idle connection; attempts in flight finish, their sockets are then closed. */
  close(): void;
}

function idleCount(agent: HttpAgent): number {
  let count = 0;
  for (const sockets of Object.values(agent.freeSockets)) count += sockets?.length ?? 0;
  return count;
}

export function createConnectionPool(limits: PoolLimits): ConnectionPool {
  const options = {
    keepAlive: true,
    maxSockets: limits.socketsPerOrigin,
    maxFreeSockets: limits.socketsPerOrigin,
    // Applies to idle sockets only (the agent destroys a timed-out socket when it is free); an
    // attempt in flight has its own deadline in deliver.ts.
    timeout: limits.idleMs,
    // The most recently used socket is the one least likely to have been closed by the server.
    scheduling: 'lifo' as const,
  };
  const agents = [new HttpAgent(options), new HttpsAgent(options)] as const;
  let closed = false;
  // Origins are as many as there are TargetUrls: without a total, idle sockets would grow with them.
  for (const agent of agents) {
    const keep = agent.keepSocketAlive.bind(agent);
    agent.keepSocketAlive = (socket: Duplex) => {
      if (closed || agents.reduce((n, a) => n + idleCount(a), 0) >= limits.idleSockets) {
        return false;
      }
      return keep(socket);
    };
  }
  return {
    agentFor: (protocol) => (protocol === 'https:' ? agents[1] : agents[0]),
    close() {
      closed = true;
      for (const agent of agents) {
        for (const sockets of Object.values(agent.freeSockets)) {
          for (const socket of sockets ?? []) socket.destroy();
        }
      }
    },
  };
}
