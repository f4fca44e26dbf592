// One journal line and the rules a journal must satisfy to be replayed. Each line carries its
// sequence number and a CRC-32 of the number and the change, so that a journal proves its own
// integrity: a gap, a duplicate, a bad checksum, an unknown op or a zero-filled region is a
// damaged journal, never a silently shorter store. Only a final line cut short (no newline,
// a prefix of a line) is expected damage: `kill -9` mid-append, a write never answered.
// Pure: the caller reads the file.
import { crc32 } from 'node:zlib';
import type { Change } from './live-state.js';

export interface JournalEntry {
  seq: number;
  change: Change;
}

const OPS = new Set([
  'insert',
  'replace',
  'update',
  'remove',
  'signal',
  'delivery',
  'delivery-update',
  'attempt',
  'mail',
  'reset',
]);
const LINE = /^\{"seq":(\d{1,15}),"crc":"([0-9a-f]{8})","change":(.*)\}$/;
/** Lines written before checksums existed; still accepted, still sequence-checked. */
const LEGACY = /^\{"seq":(\d{1,15}),"change":(.*)\}$/;
const START = '{"seq":';

/** CRC-32 of `<seq>:<change>`, continued over the change rather than over a copy joined to it. */
const checksum = (seq: number, changeJson: string): string =>
  crc32(changeJson, crc32(`${seq}:`))
    .toString(16)
    .padStart(8, '0');

export function encodeLine(seq: number, change: Change): string {
  const changeJson = JSON.stringify(change);
  return `{"seq":${seq},"crc":"${checksum(seq, changeJson)}","change":${changeJson}}\n`;
}

const isChange = (value: unknown): value is Change =>
  typeof value === 'object' && value !== null && OPS.has(String((value as { op?: unknown }).op));

/** The entry a line holds, or why it holds none. */
function parseLine(line: string): JournalEntry | string {
  const match = LINE.exec(line) ?? LEGACY.exec(line);
  if (!match) return line.includes('\0') ? 'a zero-filled region' : 'not a journal line';
  const seq = Number(match[1]);
  const checked = match.length === 4;
  const changeJson = (checked ? match[3] : match[2]) as string;
  if (checked && checksum(seq, changeJson) !== match[2]) return 'a checksum mismatch';
  let change: unknown;
  try {
    change = JSON.parse(changeJson);
  } catch {
    return 'a change that is not JSON';
  }
  if (!isChange(change)) return 'an unknown operation';
  return { seq, change };
}

/** A final line `kill -9` could have left: the start of a line, no zeros. */
const isTornTail = (line: string): boolean =>
  !line.includes('\0') && (START.startsWith(line) || line.startsWith(START));

export interface JournalProblem {
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface JournalCheck {
  /** Entries after the snapshot, in order, up to the first problem. */
  entries: JournalEntry[];
  problem?: JournalProblem;
  /** Line number of a torn final line that was left out. */
  tornTail?: number;
  /** Lines the text holds (for "dropped lines n–m"). */
  lines: number;
}

/** Checks a journal's text against the snapshot's last sequence number. */
export function checkJournal(text: string, snapshotSeq: number): JournalCheck {
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const entries: JournalEntry[] = [];
  let expected: number | undefined;
  for (let i = 0; i < count; i++) {
    const line = lines[i] as string;
    const last = i === count - 1 && !text.endsWith('\n');
    const parsed = parseLine(line);
    if (typeof parsed === 'string') {
      if (last && isTornTail(line)) return { entries, tornTail: i + 1, lines: count };
      return { entries, problem: { line: i + 1, reason: parsed }, lines: count };
    }
    const reason = sequenceProblem(parsed.seq, expected, snapshotSeq);
    if (reason) return { entries, problem: { line: i + 1, reason }, lines: count };
    expected = parsed.seq + 1;
    if (parsed.seq > snapshotSeq) entries.push(parsed);
  }
  return { entries, lines: count };
}

function sequenceProblem(
  seq: number,
  expected: number | undefined,
  snapshotSeq: number,
): string | undefined {
  if (expected === undefined) {
    return seq > snapshotSeq + 1
      ? `a gap: the snapshot ends at change ${snapshotSeq}, the journal starts at ${seq}`
      : undefined;
  }
  if (seq === expected) return undefined;
  return seq < expected
    ? `a duplicate or out-of-order change ${seq} (expected ${expected})`
    : `a gap: changes ${expected}–${seq - 1} are missing`;
}
