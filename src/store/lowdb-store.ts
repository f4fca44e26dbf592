// The JSON file store: a snapshot written by lowdb (through steno: a temp file renamed over
// the store, so it is never half-written) plus an append-only journal of the changes since.
// A write is answered once its journal line is appended, so it survives `kill -9`; loading
// replays the journal over the snapshot and folds it in.
import { mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { JournalWriter, readJournal } from './journal.js';
import { LiveState } from './live-state.js';
import { parseStoreText, type StoreState } from './state.js';
import { createWebhookStore, type WebhookStore } from './webhook-store.js';

/** The journal is folded in once it is as large as the snapshot, and not below this. */
export const COMPACT_MIN_BYTES = 1024 * 1024;

export interface OpenOptions {
  /** The state of a new store (the fixture). */
  seed: () => StoreState;
  /** Replace an existing file with the seed instead of loading it. */
  reset?: boolean;
  /** Journal bytes before a fold even for a small store (tests lower it). */
  compactMinBytes?: number;
}

export const journalPath = (file: string): string => `${file}.journal`;

/** The stored state, null when there is no file; a file that cannot be read names itself. */
async function readExisting(adapter: DataFile<StoreState>, file: string) {
  try {
    return await adapter.read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error; // parseStoreText's own message names the file
    // fs errors name the file only sometimes (EISDIR does not), and the CLI prints this alone.
    const reason = code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new Error(`${file}: cannot read the store file: ${reason}. Point --db at a JSON file.`);
  }
}

async function replay(live: LiveState, journal: string): Promise<void> {
  for (const entry of await readJournal(journal)) {
    // Entries up to the snapshot's journalSeq are already in it (a crash between writing the
    // snapshot and emptying the journal leaves them behind).
    if (entry.seq <= live.seq) continue;
    live.apply(entry.change);
    live.seq = entry.seq;
  }
}

/**
 * The durable state of a store file — its snapshot with the journal replayed — read without
 * changing either file (for tools and tests that inspect a store after a crash).
 */
export async function loadStoreState(file: string): Promise<StoreState> {
  const live = LiveState.from(parseStoreText(await readFile(file, 'utf8'), file));
  await replay(live, journalPath(file));
  return live.snapshot();
}

export async function openLowdbStore(file: string, options: OpenOptions): Promise<WebhookStore> {
  await mkdir(dirname(file), { recursive: true });
  const journal = journalPath(file);
  const adapter = new DataFile<StoreState>(file, {
    parse: (text) => parseStoreText(text, file),
    // Compact: a fold serialises the whole store on the event loop, and indentation nearly
    // doubles that work at 10 000 webhooks.
    stringify: (state) => `${JSON.stringify(state)}\n`,
  });
  const existing = options.reset ? null : await readExisting(adapter, file);
  const live = LiveState.from(existing ?? options.seed());
  if (existing) await replay(live, journal);
  const db = new Low<StoreState>(adapter, live.snapshot());
  const compact = async () => {
    db.data = live.snapshot();
    await db.write();
    await truncate(journal, 0);
    return (await stat(file)).size;
  };
  await writeFile(journal, '', { flag: 'a' });
  const snapshotBytes = await compact();
  const minBytes = options.compactMinBytes ?? COMPACT_MIN_BYTES;
  const writer = new JournalWriter(journal, compact, { snapshotBytes, minBytes });
  return createWebhookStore(
    live,
    (change, seq) => writer.append(seq, change),
    () => writer.close(),
  );
}
