// Opening the store file (src/store/lowdb-store.ts) when it cannot be read: the message names
// the file, as the CLI prints it as the only explanation.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { emptyState } from '../../src/store/state.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import { tempDir } from '../support/spawn-server.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir('store-file');
});
afterEach(async () => {
  await tmp.remove();
});

it('a --db that is a directory fails with a message naming it', async () => {
  const dir = join(tmp.dir, 'data');
  await mkdir(dir);
  const opening = openLowdbStore(dir, { seed: emptyState });
  await expect(opening).rejects.toThrow(dir);
  await expect(opening).rejects.toThrow(/directory/);
});
