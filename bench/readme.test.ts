// bench/README.md is what the bench writes from bench/results/latest.json, word for word: the
// tables a reader sees belong to the results committed beside them.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { benchReadme, README_PATH, readResult } from './readme.js';

describe('bench/README.md', () => {
  it('is the latest results, as the bench writes them', async () => {
    const result = await readResult();
    const expected = benchReadme(result);
    expect(expected).toContain('### Performance goals');
    expect(expected).toContain(result.machine.date);
    expect(await readFile(README_PATH, 'utf8')).toBe(expected);
  });

  it('is no longer copied into the top-level README', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).not.toContain('### Performance goals');
    expect(readme).toContain('bench/README.md');
  });
});
