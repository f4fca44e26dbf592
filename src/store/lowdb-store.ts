// The JSON file store. lowdb's DataFile writes through steno: the JSON goes to a temp file
// that is renamed over the store, so the file is never half-written, and overlapping writes
// coalesce into one write of the newest state that settles every waiting caller.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { parseStoreText, type StoreState } from './state.js';
import { createWebhookStore, type WebhookStore } from './webhook-store.js';

export interface OpenOptions {
  /** The state of a new store (the fixture). */
  seed: () => StoreState;
  /** Replace an existing file with the seed instead of loading it. */
  reset?: boolean;
}

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

export async function openLowdbStore(file: string, options: OpenOptions): Promise<WebhookStore> {
  await mkdir(dirname(file), { recursive: true });
  const adapter = new DataFile<StoreState>(file, {
    parse: (text) => parseStoreText(text, file),
    stringify: (state) => `${JSON.stringify(state, null, 2)}\n`,
  });
  const existing = options.reset ? null : await readExisting(adapter, file);
  const initial = existing ?? options.seed();
  const db = new Low<StoreState>(adapter, initial);
  const store = createWebhookStore(initial, (state) => {
    db.data = state;
    return db.write();
  });
  if (!existing) {
    db.data = initial;
    await db.write();
  }
  return store;
}
