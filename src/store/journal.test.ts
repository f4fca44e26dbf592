import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalWriter } from './journal.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writer() {
  const dir = await mkdtemp(join(tmpdir(), 'journal-'));
  dirs.push(dir);
  const file = join(dir, 'store.json.journal');
  const journal = new JournalWriter(file, () => Promise.resolve(0), {
    snapshotBytes: 0,
    minBytes: 1024 * 1024,
  });
  const lines = async () => (await readFile(file, 'utf8').catch(() => '')).split('\n').length - 1;
  return { journal, lines };
}

const attempt = (id: number) =>
  ({
    op: 'attempt',
    id,
    attempt: {
      At: '',
      Status: 200,
      Error: null,
      LatencyMs: 1,
      ResponseHeaders: {},
      ResponseBody: '',
    },
    headers: {},
    state: 'succeeded',
    next: null,
  }) as const;

describe('JournalWriter', () => {
  it('writes an API change when its synchronous stretch ends, taking pending bookkeeping along', async () => {
    const { journal, lines } = await writer();
    let turnEnded = false;
    setImmediate(() => (turnEnded = true));
    const bookkept = journal.append(1, attempt(1));
    const removed = journal.append(2, { op: 'remove', id: 7 });
    await removed;
    // Answered within the same turn, and both lines are on disk.
    expect(turnEnded).toBe(false);
    expect(await lines()).toBe(2);
    await bookkept;
    await journal.close();
  });

  it("writes a delivery's bookkeeping at the end of the turn, the turn's answers together", async () => {
    const { journal, lines } = await writer();
    let written = 0;
    const first = journal.append(1, attempt(1)).then(() => written++);
    await Promise.resolve();
    const second = journal.append(2, attempt(2)).then(() => written++);
    await new Promise((resolve) => process.nextTick(resolve));
    // Not acknowledged (so not written) before the turn ends.
    expect(written).toBe(0);
    await Promise.all([first, second]);
    expect(await lines()).toBe(2);
    await journal.close();
  });
});
