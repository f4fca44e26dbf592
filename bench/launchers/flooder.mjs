// The flooding tenant's CI job, in a process of its own (forked by bench/scenarios/tenant-flood.ts):
// its receiver, which its webhooks point at, and its signallers. In the bench's own process the
// flood's thousands of deliveries and signals a second kept the bench's event loop busy, so the
// quiet tenant's latency timed the bench as much as the mock; a fleet's jobs each run their own.
//
// Messages from the parent: { reset: true } (forget the warm-up's deliveries), then blocks of
// { start: { url, tenant, event, signallers, max } } and { pause: true }, then { stop: true }.
// To the parent: { receiver: url } once listening, { saturated: true } at a block's first 503
// (the flood's queue is full), { paused: counts } once a paused flood has drained, and
// { done: counts } after stop; counts = { signals, refused, received } over the whole run.
import { Buffer } from 'node:buffer';
import { Agent, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { setTimeout } from 'node:timers';

/** Bounds the process whatever the parent does: it exits after this long. */
const LIFETIME_MS = 300_000;
const PAUSE_AFTER_503_MS = 20;
/** A paused flood has drained once its receiver got nothing for this long (checked at most QUIET_CHECKS times). */
const QUIET_MS = 100;
const QUIET_CHECKS = 100;
setTimeout(() => process.exit(0), LIFETIME_MS).unref();
process.on('disconnect', () => process.exit(0));

let received = 0;
/** Requests the receiver could not read as HTTP/1.1 with a Content-Length; any fails the run. */
let malformed = 0;
const ANSWER = Buffer.from(
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok',
  'latin1',
);
const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
const LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

/**
 * The flood's receiver answers every delivery 200 over kept-alive HTTP/1.1, reading just enough
 * of each request (its head and Content-Length) to find the next: a job's receiver runs on other
 * machines in a fleet, and node:http's parser and response objects here took CPU from the mock
 * that the bench times, on a machine of two cores.
 */
const sockets = new Set();
const receiver = createNetServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => undefined);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let answers = 0;
    for (;;) {
      const end = pending.indexOf(HEAD_END);
      if (end < 0) break;
      const head = pending.toString('latin1', 0, end);
      const length = LENGTH.exec(head);
      if (!length) {
        malformed++;
        socket.destroy();
        return;
      }
      const size = end + HEAD_END.length + Number(length[1]);
      if (pending.length < size) break;
      pending = pending.subarray(size);
      received++;
      answers++;
    }
    if (answers === 1) socket.write(ANSWER);
    else if (answers > 1)
      socket.write(Buffer.concat(Array.from({ length: answers }, () => ANSWER)));
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
process.send({ receiver: `http://127.0.0.1:${receiver.address().port}` });

let flooding = false;
/** The default fixture's user, as the bench's other signallers send it. */
const AUTHORIZATION = `Basic ${Buffer.from('tje0:Tje0').toString('base64')}`;

/** POSTs one signal; resolves to its status (0 when the request failed). */
function signal(agent, url, path) {
  return new Promise((resolve) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: AUTHORIZATION,
          'content-type': 'application/json',
          'content-length': 2,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.setTimeout(10_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end('{}');
  });
}

async function flood({ url, tenant, event, signallers, max }) {
  const agent = new Agent({ keepAlive: true, maxSockets: signallers });
  let signals = 0;
  let refused = 0;
  const worker = async () => {
    while (flooding && signals < max) {
      const status = await signal(
        agent,
        url,
        `/${tenant}/api/v1/Webhook/${event}/${1 + signals++}`,
      );
      // As the delivery scenario's signallers: after a refused signal the next one waits a
      // moment, so the flood keeps its queue full without spinning on 503s.
      if (status === 503) {
        if (refused++ === 0) process.send({ saturated: true });
        await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_503_MS));
      }
    }
  };
  await Promise.all(Array.from({ length: signallers }, worker));
  agent.destroy();
  return { signals, refused };
}

let running;
/** Totals over every block of the run: the flood may be paused and started again. */
const totals = { signals: 0, refused: 0 };

/** Stops signalling; resolves once the mock has delivered what it had queued (the receiver is quiet). */
async function pause() {
  flooding = false;
  const counts = running ? await running : { signals: 0, refused: 0 };
  running = undefined;
  totals.signals += counts.signals;
  totals.refused += counts.refused;
  for (let last = -1, rounds = 0; last !== received && rounds < QUIET_CHECKS; rounds++) {
    last = received;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  }
}

process.on('message', async (message) => {
  // Only the flood's own deliveries count: the parent's warm-up signals reached this receiver too.
  if (message.reset) received = 0;
  if (message.start) {
    flooding = true;
    running = flood(message.start);
  }
  if (message.pause) {
    await pause();
    process.send({ paused: { ...totals, received, malformed } });
  }
  if (message.stop) {
    await pause();
    process.send({ done: { ...totals, received, malformed } });
    for (const socket of sockets) socket.destroy();
    receiver.close(() => process.exit(0));
  }
});
