import { describe, expect, it } from 'vitest';
import { FairGate, type Release } from './fair-gate.js';

/** Enters `count` attempts of `lane`; each started one is recorded with its release. */
function enter(gate: FairGate, lane: string, count: number, started: Array<[string, Release]>) {
  for (let i = 0; i < count; i++) gate.enter(lane, (release) => started.push([lane, release]));
}

const lanes = (started: Array<[string, Release]>) => started.map(([lane]) => lane);

describe('FairGate', () => {
  it('starts at once while a slot is free, and no more than its capacity', () => {
    const gate = new FairGate(2);
    const started: Array<[string, Release]> = [];
    enter(gate, 'flood', 5, started);
    expect(lanes(started)).toEqual(['flood', 'flood']);
    expect(gate.busy).toBe(2);
    expect(gate.waiting).toBe(3);
  });

  it("gives a quiet lane the next free slot, ahead of the flood's queue", () => {
    const gate = new FairGate(2);
    const started: Array<[string, Release]> = [];
    enter(gate, 'flood', 100, started);
    enter(gate, 'quiet', 1, started);
    (started[0] as [string, Release])[1]();
    expect(lanes(started)).toEqual(['flood', 'flood', 'quiet']);
    expect(gate.waiting).toBe(98);
  });

  it('takes lanes in turn while several wait', () => {
    const gate = new FairGate(1);
    const started: Array<[string, Release]> = [];
    enter(gate, 'a', 3, started);
    enter(gate, 'b', 2, started);
    enter(gate, 'c', 1, started);
    for (let i = 0; i < 5; i++) (started[i] as [string, Release])[1]();
    expect(lanes(started)).toEqual(['a', 'a', 'b', 'c', 'a', 'b']);
    expect(gate.busy).toBe(1);
    expect(gate.waiting).toBe(0);
  });

  it('counts a release once however often it is called', () => {
    const gate = new FairGate(1);
    const started: Array<[string, Release]> = [];
    enter(gate, 'a', 3, started);
    const [, release] = started[0] as [string, Release];
    release();
    release();
    expect(lanes(started)).toEqual(['a', 'a']);
    expect(gate.busy).toBe(1);
  });

  it('keeps the last of four or more slots for a lane that holds none', () => {
    const gate = new FairGate(4);
    const started: Array<[string, Release]> = [];
    enter(gate, 'flood', 10, started);
    expect(lanes(started)).toEqual(['flood', 'flood', 'flood']);
    // The quiet lane's first attempt starts at once, with no exchange of the flood ended.
    enter(gate, 'quiet', 2, started);
    expect(lanes(started)).toEqual(['flood', 'flood', 'flood', 'quiet']);
    expect(gate.busy).toBe(4);
    // A slot the quiet lane gives back goes to its own next attempt, not to the flood.
    (started[3] as [string, Release])[1]();
    expect(lanes(started)).toEqual(['flood', 'flood', 'flood', 'quiet', 'quiet']);
  });

  it('shares the slots equally among the lanes that asked lately, and all of them to one alone', () => {
    let now = 0;
    const gate = new FairGate(8, () => now);
    const started: Array<[string, Release]> = [];
    enter(gate, 'flood', 20, started);
    expect(gate.busy).toBe(7);
    enter(gate, 'quiet', 1, started);
    // Two lanes: the flood keeps what it holds but takes no more until it holds under half.
    for (let i = 0; i < 3; i++) (started[i] as [string, Release])[1]();
    expect(lanes(started).slice(8)).toEqual([]);
    (started[3] as [string, Release])[1]();
    expect(lanes(started).slice(8)).toEqual(['flood']);
    // Once the quiet lane has not asked for a while, the flood has them all again but the last.
    now += 5_000;
    (started[4] as [string, Release])[1]();
    expect(gate.busy).toBe(7);
  });

  it('starts a lane under its part at once while a capped lane waits', () => {
    const gate = new FairGate(8, () => 0);
    const started: Array<[string, Release]> = [];
    enter(gate, 'flood', 20, started);
    enter(gate, 'quiet', 1, started);
    for (let i = 0; i < 4; i++) (started[i] as [string, Release])[1]();
    // The flood holds its part (4) and waits; the quiet lane holds one of its four.
    enter(gate, 'quiet', 1, started);
    expect(lanes(started).slice(7)).toEqual(['quiet', 'flood', 'quiet']);
  });
});
