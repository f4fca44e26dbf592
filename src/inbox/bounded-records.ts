// The inbox's records, bounded per inbox and in total, by count and by bytes: anyone who can
// reach the port may post to an inbox (a cross-site text/plain form needs no preflight), so
// what it keeps must not grow with what it is sent. The oldest record goes first, and every
// drop is counted so the dashboard and the admin API can say that records were dropped.

export interface RecordBounds {
  records: number;
  bytes: number;
  recordsPerInbox: number;
  bytesPerInbox: number;
}

export interface Tally {
  records: number;
  bytes: number;
  dropped: number;
}

interface Entry<R> {
  key: string;
  record: R;
  bytes: number;
}

export class BoundedRecords<R> {
  readonly #bounds: RecordBounds;
  /** Oldest first. At most a few thousand entries, so removals by scan stay cheap. */
  #entries: Array<Entry<R>> = [];
  readonly #tallies = new Map<string, Tally>();
  readonly #total: Tally = { records: 0, bytes: 0, dropped: 0 };

  constructor(bounds: RecordBounds) {
    this.#bounds = bounds;
  }

  /** Keeps `record` under `key`, dropping the oldest records the bounds no longer allow. */
  add(key: string, record: R, bytes: number): void {
    const tally = this.#tallyOf(key);
    this.#entries.push({ key, record, bytes });
    tally.records += 1;
    tally.bytes += bytes;
    this.#total.records += 1;
    this.#total.bytes += bytes;
    const { recordsPerInbox, bytesPerInbox, records, bytes: maxBytes } = this.#bounds;
    // The newest record always stays, even alone above a byte bound (the body limit is lower).
    while (tally.records > 1 && (tally.records > recordsPerInbox || tally.bytes > bytesPerInbox)) {
      this.#drop(this.#entries.findIndex((entry) => entry.key === key));
    }
    while (
      this.#total.records > 1 &&
      (this.#total.records > records || this.#total.bytes > maxBytes)
    ) {
      this.#drop(0);
    }
  }

  /** Newest first; only `key`'s when given; at most `limit`. */
  list(key?: string, limit = Number.POSITIVE_INFINITY): R[] {
    const out: R[] = [];
    for (let i = this.#entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.#entries[i] as Entry<R>;
      if (key === undefined || entry.key === key) out.push(entry.record);
    }
    return out;
  }

  tally(key: string): Tally {
    return { ...(this.#tallies.get(key) ?? { records: 0, bytes: 0, dropped: 0 }) };
  }

  total(): Tally {
    return { ...this.#total };
  }

  /** Forgets `key`'s records and its counts; every key's when none is given. */
  clear(key?: string): void {
    if (key === undefined) {
      this.#entries = [];
      this.#tallies.clear();
      Object.assign(this.#total, { records: 0, bytes: 0, dropped: 0 });
      return;
    }
    const tally = this.#tallies.get(key);
    if (!tally) return;
    this.#entries = this.#entries.filter((entry) => entry.key !== key);
    this.#total.records -= tally.records;
    this.#total.bytes -= tally.bytes;
    this.#tallies.delete(key);
  }

  /** Forgets the records `matches` picks, as if they had never been kept (not counted as drops). */
  removeWhere(matches: (record: R) => boolean): void {
    const kept: Array<Entry<R>> = [];
    for (const entry of this.#entries) {
      if (!matches(entry.record)) {
        kept.push(entry);
        continue;
      }
      const tally = this.#tallyOf(entry.key);
      tally.records -= 1;
      tally.bytes -= entry.bytes;
      this.#total.records -= 1;
      this.#total.bytes -= entry.bytes;
    }
    this.#entries = kept;
  }

  #tallyOf(key: string): Tally {
    let tally = this.#tallies.get(key);
    if (!tally) {
      tally = { records: 0, bytes: 0, dropped: 0 };
      this.#tallies.set(key, tally);
    }
    return tally;
  }

  #drop(index: number): void {
    const [entry] = this.#entries.splice(index, 1);
    if (!entry) return;
    const tally = this.#tallyOf(entry.key);
    tally.records -= 1;
    tally.bytes -= entry.bytes;
    tally.dropped += 1;
    this.#total.records -= 1;
    this.#total.bytes -= entry.bytes;
    this.#total.dropped += 1;
  }
}
