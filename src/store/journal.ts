// The append-only journal beside the JSON snapshot: one line per change, so a write costs the
// size of the change, not of the store. Appends that arrive while one is in flight go out
// together in the next (group commit). The journal is folded into the snapshot once it has
// grown as large as the snapshot: a fold costs O(store), and paying it only after that many
// bytes keeps each write's share O(its own size) however large the store. A line cut short by
// `kill -9` can only be the last one, and is dropped: its write was never answered.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { Change } from './live-state.js';

export interface JournalEntry {
  seq: number;
  change: Change;
}

const isEntry = (value: unknown): value is JournalEntry =>
  typeof value === 'object' &&
  value !== null &&
  Number.isInteger((value as JournalEntry).seq) &&
  typeof (value as JournalEntry).change === 'object';

export async function readJournal(file: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const entries: JournalEntry[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    if (isEntry(parsed)) {
      entries.push(parsed);
      continue;
    }
    const tornTail = i === lines.length - 1;
    if (tornTail) break;
    throw new Error(
      `${file}:${i + 1} is a damaged journal entry. Move the journal away to start from the ` +
        'snapshot alone, or start with --reset.',
    );
  }
  return entries;
}

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
  // One handle in append mode for the writer's life: opening the file per write was a fifth of
  // a write's cost. O_APPEND keeps writing at the end after compaction truncates the file.
  #handle: Promise<FileHandle> | undefined;
  #running = false;
  #bytesSinceCompaction = 0;

  constructor(file: string, compact: Compact, sizes: { snapshotBytes: number; minBytes: number }) {
    this.#file = file;
    this.#compact = compact;
    this.#snapshotBytes = sizes.snapshotBytes;
    this.#minBytes = sizes.minBytes;
  }

  append(seq: number, change: Change): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ line: `${JSON.stringify({ seq, change })}\n`, resolve, reject });
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    this.#running = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0);
      try {
        this.#handle ??= open(this.#file, 'a');
        const text = batch.map((p) => p.line).join('');
        await (await this.#handle).write(text);
        for (const p of batch) p.resolve();
        this.#bytesSinceCompaction += Buffer.byteLength(text);
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
      // Compaction runs between appends, so no append can land in a journal being emptied.
      if (this.#bytesSinceCompaction >= Math.max(this.#minBytes, this.#snapshotBytes)) {
        // A failed compaction leaves the journal whole; the next one folds it in.
        try {
          this.#snapshotBytes = await this.#compact();
          this.#bytesSinceCompaction = 0;
        } catch {
          this.#bytesSinceCompaction = 0;
        }
      }
    }
    this.#running = false;
  }

  /** Closes the file once every accepted append has been written. */
  async close(): Promise<void> {
    while (this.#running || this.#pending.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle) await (await handle).close();
  }
}
