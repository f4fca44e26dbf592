// The journal's line format and its checks (journal-line.ts), table-driven.
import { describe, expect, it } from 'vitest';
import { checkJournal, encodeLine } from './journal-line.js';

const line = (seq: number) => encodeLine(seq, { op: 'remove', id: seq });
const journal = (...seqs: number[]) => seqs.map(line).join('');

describe('checkJournal', () => {
  it('accepts consecutive lines after the snapshot and skips those it holds', () => {
    const check = checkJournal(journal(3, 4, 5, 6), 4);
    expect(check.problem).toBeUndefined();
    expect(check.entries.map((e) => e.seq)).toEqual([5, 6]);
  });

  it('accepts lines written before checksums existed', () => {
    const legacy = '{"seq":1,"change":{"op":"remove","id":1}}\n';
    expect(checkJournal(legacy + line(2), 0).entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it.each([
    ['a gap after the snapshot', journal(3), 1, 1, /a gap: the snapshot ends at change 1/],
    ['a gap inside', journal(1, 2, 4), 0, 3, /changes 3–3 are missing/],
    ['a duplicate', journal(1, 1), 0, 2, /a duplicate/],
    ['an out-of-order line', journal(1, 3, 2), 0, 2, /a gap/],
    ['a bad checksum', line(1).replace('"id":1', '"id":2'), 0, 1, /checksum/],
    ['an unknown op', '{"seq":1,"change":{"op":"drop"}}\n', 0, 1, /unknown operation/],
    ['zeros', `${line(1)}\0\0\0\n${line(2)}`, 0, 2, /zero-filled/],
    ['a blank line inside', `${line(1)}\n${line(2)}`, 0, 2, /not a journal line/],
    ['a final line with a newline that is cut', `${line(1).slice(0, 20)}\n`, 0, 1, /not a/],
  ])('%s is a problem at its line', (_, text, snapshotSeq, at, reason) => {
    const check = checkJournal(text, snapshotSeq);
    expect(check.problem?.line).toBe(at);
    expect(check.problem?.reason).toMatch(reason);
  });

  it('drops only a torn final line (no newline, a prefix of a line)', () => {
    const check = checkJournal(journal(1, 2) + line(3).slice(0, 30), 0);
    expect(check.problem).toBeUndefined();
    expect(check.tornTail).toBe(3);
    expect(check.entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('a zero-filled final line without a newline is damage, not a torn write', () => {
    expect(checkJournal(journal(1) + '\0'.repeat(40), 0).problem?.reason).toMatch(/zero-filled/);
  });
});
