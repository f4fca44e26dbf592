// Cold start: from spawning the process to the first 200 for GET /api/v1/Webhook/1, ours (on a
// new store file, so it writes the fixture) against Prism, interleaved so both share any noise.
import { join } from 'node:path';
import { cpuMs, freePort, type Target } from '../process.js';
import { startOurs, startPrism } from '../servers.js';

export interface ColdStart {
  target: string;
  runsMs: number[];
  medianMs: number;
  /** CPU time the process used until that first answer: steadier than wall time under load. */
  cpuRunsMs: number[];
  medianCpuMs: number;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function timeToFirstAnswer(start: (port: number) => Promise<Target>) {
  const port = await freePort();
  const began = performance.now();
  const target = await start(port);
  const elapsed = performance.now() - began;
  const cpu = (await cpuMs(target.pid)) ?? NaN;
  await target.stop();
  return { elapsed, cpu };
}

function summary(target: string, runs: Array<{ elapsed: number; cpu: number }>): ColdStart {
  const runsMs = runs.map((r) => r.elapsed);
  const cpuRunsMs = runs.map((r) => r.cpu);
  return { target, runsMs, medianMs: median(runsMs), cpuRunsMs, medianCpuMs: median(cpuRunsMs) };
}

export async function runColdStart(dir: string, runs = 5): Promise<ColdStart[]> {
  const ours: Array<{ elapsed: number; cpu: number }> = [];
  const prism: Array<{ elapsed: number; cpu: number }> = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await timeToFirstAnswer((port) => startOurs(join(dir, `cold-${i}.json`), [], port)));
    prism.push(await timeToFirstAnswer((port) => startPrism(port)));
  }
  return [summary('ours', ours), summary('prism', prism)];
}
