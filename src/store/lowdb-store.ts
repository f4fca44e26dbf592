// The JSON file store: a snapshot written by lowdb (through steno: a temp file renamed over
// the store, so it is never half-written) plus an append-only journal of the changes since.
// A write is answered once its journal line is appended, so it survives `kill -9`; loading
// replays the journal over the snapshot and folds it in.
import { copyFile, mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataFile, TextFile } from 'lowdb/node';
import { damageMessage, JournalWriter, readJournal, readJournalText } from './journal.js';
import { checkJournal, type JournalCheck } from './journal-line.js';
import { LiveState } from './live-state.js';
import { snapshotText } from './snapshot-text.js';
import { parseStoreText, type StoreState } from './state.js';
import { LiveStateStore, type StateStore } from './state-store.js';
import { systemClock, type Clock } from '../platform/clock.js';

/**
 * The journal is folded in once it is as large as the snapshot, and not below this. A fold
 * serialises the whole store; at 1 MiB a delivery log turned over between folds, so every
 * delivery was written twice and folds cost a tenth of a delivery's CPU. At 4 MiB a fold's cost
 * per write is a quarter of that, and a start-up replays at most this much journal (about 0.2 s).
 */
export const COMPACT_MIN_BYTES = 4 * 1024 * 1024;

export interface OpenOptions {
  /** The state of a new store (the fixture). */
  seed: () => StoreState;
  /** Replace an existing file with the seed instead of loading it. */
  reset?: boolean;
  /** Journal bytes before a fold even for a small store (tests lower it). */
  compactMinBytes?: number;
  /** Open a damaged journal by dropping what fails its checks, after keeping a backup. */
  repair?: boolean;
  /** Hears what opening had to say: a dropped torn line, what a repair dropped. */
  notice?: (message: string) => void;
  /** Time for the backup's name (injected; the store reads no clock of its own). */
  clock?: Pick<Clock, 'now'>;
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

function replay(live: LiveState, check: JournalCheck): void {
  // Entries up to the snapshot's journalSeq are already in it (a crash between writing the
  // snapshot and emptying the journal leaves them behind); checkJournal leaves them out.
  for (const entry of check.entries) {
    live.apply(entry.change);
    live.seq = entry.seq;
  }
}

/** A copy of the journal beside it, named for the time, before a repair changes anything. */
async function backUp(journal: string, now: Date): Promise<string> {
  const backup = `${journal}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
  await copyFile(journal, backup);
  return backup;
}

/**
 * Loads the journal over the snapshot (or refuses to): a journal without its snapshot, or one
 * that fails its checks, stops start-up unless `repair` is set.
 */
async function loadJournal(
  live: LiveState | undefined,
  file: string,
  options: OpenOptions,
): Promise<void> {
  const journal = journalPath(file);
  const text = await readJournalText(journal);
  const notice = options.notice ?? (() => undefined);
  const clock = options.clock ?? systemClock;
  if (!live) {
    if (text === '') return;
    if (!options.repair) {
      throw new Error(
        `${journal}: the journal has changes but its snapshot ${file} is missing, so they ` +
          'cannot be applied. Restore the snapshot, or start with --repair (keeps a backup of ' +
          'the journal and starts from the fixture) or --reset.',
      );
    }
    const backup = await backUp(journal, clock.now());
    notice(`${journal}: snapshot missing; journal kept as ${backup}, starting from the fixture.`);
    return;
  }
  const check = checkJournal(text, live.seq);
  if (check.problem) {
    if (!options.repair) throw new Error(damageMessage(journal, check));
    const backup = await backUp(journal, clock.now());
    notice(
      `${journal}: repaired; dropped lines ${check.problem.line}–${check.lines} ` +
        `(${check.problem.reason} at line ${check.problem.line}); the whole journal is kept as ${backup}.`,
    );
  }
  if (check.tornTail !== undefined) {
    notice(
      `${journal}:${check.tornTail}: dropped a torn final line (a write that was never answered).`,
    );
  }
  replay(live, check);
}

/**
 * The durable state of a store file — its snapshot with the journal replayed — read without
 * changing either file (for tools and tests that inspect a store after a crash).
 */
export async function loadStoreState(file: string): Promise<StoreState> {
  const live = LiveState.from(parseStoreText(await readFile(file, 'utf8'), file));
  replay(live, await readJournal(journalPath(file), live.seq));
  return live.snapshot();
}

export async function openLowdbStore(file: string, options: OpenOptions): Promise<StateStore> {
  await mkdir(dirname(file), { recursive: true });
  const journal = journalPath(file);
  const adapter = new DataFile<StoreState>(file, {
    parse: (text) => parseStoreText(text, file),
    // Only read through: the snapshot is written compact (no indentation, which nearly doubled
    // the work at 10 000 webhooks) by `compact` below.
    stringify: (state) => `${JSON.stringify(state)}\n`,
  });
  const existing = options.reset ? null : await readExisting(adapter, file);
  const live = LiveState.from(existing ?? options.seed());
  if (!options.reset) await loadJournal(existing ? live : undefined, file, options);
  // Written through steno like lowdb's own writes (a temp file renamed over the store), from
  // text serialised a slice per turn (snapshot-text.ts).
  const snapshotFile = new TextFile(file);
  const compact = async () => {
    await snapshotFile.write(`${await snapshotText(live.snapshot())}\n`);
    await truncate(journal, 0);
    return (await stat(file)).size;
  };
  await writeFile(journal, '', { flag: 'a' });
  const snapshotBytes = await compact();
  const minBytes = options.compactMinBytes ?? COMPACT_MIN_BYTES;
  const writer = new JournalWriter(journal, compact, { snapshotBytes, minBytes });
  return new LiveStateStore(
    live,
    (change, seq) => writer.append(seq, change),
    () => writer.close(),
  );
}
