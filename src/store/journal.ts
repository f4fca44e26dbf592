// The append-only journal beside the JSON snapshot: one line per change, so a write costs the
// size of the change, not of the store. Appends go out together (group commit): those of one
// synchronous stretch at its end, a delivery's bookkeeping at the end of the loop's turn. The
// journal is folded into the snapshot once it has grown as large as the snapshot: a fold costs
// O(store), and paying it only after that many bytes keeps each write's share O(its own size)
// however large the store. Each line proves itself (journal-line.ts); a line cut short by
// `kill -9` can only be the last one, and is dropped: its write was never answered.
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Change } from './live-state.js';
import { checkJournal, encodeLine, type JournalCheck } from './journal-line.js';

export type { JournalEntry } from './journal-line.js';

/** The journal's text; '' when there is none. */
export async function readJournalText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** What a damaged journal stops start-up with: the file, the line, and the way out. */
export function damageMessage(file: string, check: JournalCheck): string {
  const problem = check.problem;
  if (!problem) return '';
  return (
    `${file}:${problem.line} is a damaged journal entry (${problem.reason}): the store cannot ` +
    'be proven intact and was not opened. Start with --repair to keep a backup of the journal and ' +
    'drop the entries from that line on, or with --reset to start over from the fixture.'
  );
}

/** The journal's entries after the snapshot; throws on any damage but a torn final line. */
export async function readJournal(file: string, snapshotSeq = 0): Promise<JournalCheck> {
  const check = checkJournal(await readJournalText(file), snapshotSeq);
  if (check.problem) throw new Error(damageMessage(file, check));
  return check;
}

/**
 * Changes whose writers can wait until the end of the event loop's turn: a delivery's attempt,
 * a delivery's or a webhook's changed fields (its statistics; an API save that journals only
 * its changed fields waits the same few microseconds, still answered only once on disk).
 */
const AT_TURN_END = new Set<Change['op']>(['attempt', 'delivery-update', 'update']);

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Writes the snapshot and empties the journal; resolves to the snapshot's size in bytes. */
export type Compact = () => Promise<number>;

export class JournalWriter {
  readonly #file: string;
  readonly #compact: Compact;
  readonly #minBytes: number;
  #snapshotBytes: number;
  #pending: Pending[] = [];
  // One descriptor in append mode for the writer's life: opening the file per write was a
  // fifth of a write's cost. O_APPEND keeps writing at the end after compaction truncates it.
  #fd: number | undefined;
  #soon = false;
  #atTurnEnd = false;
  #compacting = false;
  #bytesSinceCompaction = 0;

  constructor(file: string, compact: Compact, sizes: { snapshotBytes: number; minBytes: number }) {
    this.#file = file;
    this.#compact = compact;
    this.#snapshotBytes = sizes.snapshotBytes;
    this.#minBytes = sizes.minBytes;
  }

  append(seq: number, change: Change): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: encodeLine(seq, change), resolve, reject });
      if (AT_TURN_END.has(change.op)) this.#scheduleAtTurnEnd();
      else this.#scheduleSoon();
    });
  }

  /** Appends made in the same synchronous stretch go out in one write (group commit). */
  #scheduleSoon(): void {
    if (this.#soon || this.#compacting) return;
    this.#soon = true;
    queueMicrotask(() => {
      this.#soon = false;
      this.#flush();
    });
  }

  /**
   * A delivery's attempt and statistics wait for the end of the turn (spec/README.md C42), so
   * the answers of every delivery that arrived in that turn share one write: a write per
   * answer was a file write per delivery. Any earlier write takes them along.
   */
  #scheduleAtTurnEnd(): void {
    if (this.#atTurnEnd || this.#compacting) return;
    this.#atTurnEnd = true;
    setImmediate(() => {
      this.#atTurnEnd = false;
      this.#flush();
    });
  }

  /**
   * Writes the pending lines with one synchronous write. A small append lands in the page
   * cache in microseconds, which is all `kill -9` needs of it; a write through the thread
   * pool cost several times that in hand-offs and promises, twice for every delivery.
   */
  #flush(): void {
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return;
    try {
      this.#fd ??= openSync(this.#file, 'a');
      const bytes = Buffer.from(batch.map((p) => p.line).join(''), 'utf8');
      for (let written = 0; written < bytes.length;) {
        written += writeSync(this.#fd, bytes, written);
      }
      this.#bytesSinceCompaction += bytes.length;
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
    if (this.#bytesSinceCompaction >= Math.max(this.#minBytes, this.#snapshotBytes)) {
      void this.#compactNow();
    }
  }

  /** Appends wait while the journal is folded, so none can land in a journal being emptied. */
  async #compactNow(): Promise<void> {
    this.#compacting = true;
    try {
      this.#snapshotBytes = await this.#compact();
    } catch {
      // A failed compaction leaves the journal whole; the next one folds it in.
    }
    this.#bytesSinceCompaction = 0;
    this.#compacting = false;
    if (this.#pending.length > 0) this.#scheduleSoon();
  }

  /** Closes the file once every accepted append has been written. */
  async close(): Promise<void> {
    while (this.#soon || this.#atTurnEnd || this.#compacting || this.#pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const fd = this.#fd;
    this.#fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
