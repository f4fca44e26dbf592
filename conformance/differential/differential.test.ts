// The differential case against the clean mock finds no difference, seed after seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { runConformance } from '../run.js';
import { differentialCase } from './differential-case.js';

const TIME_SCALE = 0.01;
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', auth: 'on', timeScale: TIME_SCALE });
});
afterAll(async () => {
  await server?.close();
});

describe('the differential run against the clean mock', () => {
  it('finds no difference', async () => {
    const result = await runConformance({
      target: server.url,
      credentials: { user: 'tje0', password: 'Tje0' },
      cases: [differentialCase],
      handleSignals: false,
      timeScale: TIME_SCALE,
      seed: 1,
    });
    const [v] = result.verdicts;
    expect(v?.status, `${v?.reason}\n${v?.notes?.join('\n')}`).toBe('passed');
    console.log(v?.notes, v?.durationMs);
  }, 120_000);
});
