// The score survivors.md states is the one the record gives: scripts/mutation-score.mjs computes
// it from StrykerJS's incremental file and the rows that list mutants as not counted.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/mutation-score.mjs', import.meta.url));

describe('the mutation score in survivors.md', () => {
  it('matches the incremental record and the listed rows', () => {
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/matches the record/);
  });
});
