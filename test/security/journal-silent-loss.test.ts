// Finding: a damaged journal lost data silently. With a stopped server and four webhooks in
// the journal, a zero-filled journal started with 0 webhooks, a journal missing a middle line
// started without that webhook, and a deleted snapshot with its journal kept started from the
// fixture and emptied the journal; each printed only "listening". Every journal line now
// carries its sequence number and a checksum, and any damage but a torn final line stops
// start-up with the file, the line and the way out (--repair or --reset).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultWebhook } from '../../src/domain/webhook.js';
import { journalPath, openLowdbStore } from '../../src/store/lowdb-store.js';
import { emptyState } from '../../src/store/state.js';
import { startServer } from '../../src/server.js';
import { tempDir } from '../support/spawn-server.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let file: string;
let journal: string;

beforeEach(async () => {
  tmp = await tempDir('journal-damage');
  file = join(tmp.dir, 'webhooks.json');
  journal = journalPath(file);
  // A stopped server whose last four writes are in the journal only.
  const store = await openLowdbStore(file, { seed: emptyState });
  for (const name of ['a', 'b', 'c', 'd']) await store.insert({ ...defaultWebhook(), Name: name });
  await store.close();
});
afterEach(() => tmp.remove());

const lines = async () => (await readFile(journal, 'utf8')).split('\n').slice(0, -1);
const writeLines = (list: string[], end = '\n') => writeFile(journal, list.join('\n') + end);
const open = (extra: { repair?: boolean; notice?: (m: string) => void } = {}) =>
  openLowdbStore(file, { seed: emptyState, ...extra });

describe('a journal that cannot be proven intact stops start-up', () => {
  it('the intact journal gives back all four webhooks', async () => {
    expect((await open()).list().map((w) => w.Name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a zero-filled journal names the file and line 1', async () => {
    const size = (await readFile(journal)).length;
    await writeFile(journal, Buffer.alloc(size));
    await expect(open()).rejects.toThrow(`${journal}:1 is a damaged journal entry`);
    await expect(open()).rejects.toThrow(/--repair.*--reset/s);
  });

  it('a missing middle line is a gap at the line after it', async () => {
    const all = await lines();
    await writeLines([all[0], all[2], all[3]] as string[]);
    await expect(open()).rejects.toThrow(`${journal}:2 is a damaged journal entry (a gap`);
  });

  it('a duplicated line is refused', async () => {
    const all = await lines();
    await writeLines([all[0], all[1], all[1], all[2], all[3]] as string[]);
    await expect(open()).rejects.toThrow(/:3 is a damaged journal entry \(a duplicate/);
  });

  it('a changed byte fails the checksum', async () => {
    const all = await lines();
    all[1] = (all[1] as string).replace('"Name":"b"', '"Name":"B"');
    await writeLines(all);
    await expect(open()).rejects.toThrow(/:2 is a damaged journal entry \(a checksum mismatch/);
  });

  it('an unknown operation is refused', async () => {
    const all = await lines();
    await writeLines([...all, '{"seq":5,"change":{"op":"truncate"}}']);
    await expect(open()).rejects.toThrow(/:5 is a damaged journal entry \(an unknown operation/);
  });

  it('a deleted snapshot with its journal kept is refused, and the journal stays', async () => {
    const before = await readFile(journal, 'utf8');
    await rm(file);
    await expect(open()).rejects.toThrow(/snapshot .* is missing/);
    expect(await readFile(journal, 'utf8')).toBe(before);
  });

  it('the server does not start either: the error reaches startServer', async () => {
    await writeFile(journal, Buffer.alloc(64));
    await expect(startServer({ port: 0, db: file })).rejects.toThrow(/damaged journal entry/);
  });
});

describe('the ways out', () => {
  it('a torn final line is dropped, and start-up says so', async () => {
    const all = await lines();
    await writeLines([...all.slice(0, 3), (all[3] as string).slice(0, 40)], '');
    const notices: string[] = [];
    const store = await open({ notice: (m) => notices.push(m) });
    expect(store.list().map((w) => w.Name)).toEqual(['a', 'b', 'c']);
    expect(notices).toEqual([expect.stringMatching(/:4: dropped a torn final line/)]);
  });

  it('--repair keeps a backup, says what it dropped, and opens the intact prefix', async () => {
    const all = await lines();
    await writeLines([all[0], all[1], all[3]] as string[]);
    const damaged = await readFile(journal, 'utf8');
    const notices: string[] = [];
    const store = await open({ repair: true, notice: (m) => notices.push(m) });
    expect(store.list().map((w) => w.Name)).toEqual(['a', 'b']);
    expect(notices[0]).toMatch(/repaired; dropped lines 3–3 \(a gap/);
    const backups = (await readdir(tmp.dir)).filter((f) => f.endsWith('.bak'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(tmp.dir, backups[0] as string), 'utf8')).toBe(damaged);
  });

  it('--repair without a snapshot keeps the journal as a backup and starts from the seed', async () => {
    await rm(file);
    const notices: string[] = [];
    const store = await open({ repair: true, notice: (m) => notices.push(m) });
    expect(store.list()).toEqual([]);
    expect(notices[0]).toMatch(/snapshot missing; journal kept as .*\.bak/);
  });
});
