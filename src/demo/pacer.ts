// How fast the demo moves from one step to the next, for a presenter: at once (the default),
// after a pause (--pace <ms>), or when the presenter presses Enter (--step). Input that ends
// (Ctrl+D, a closed pipe) lets the rest of the demo play without waiting.
import { createInterface, type Interface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PaceOptions {
  /** Wait for Enter before each step. */
  step: boolean;
  /** Pause this long before each step, in milliseconds. */
  paceMs: number;
  /** Where Enter is read from when `step` is set. */
  input: NodeJS.ReadableStream;
}

/** Waits between steps; `prompt` is printed before waiting for Enter. */
export class Pacer {
  private lines: AsyncIterator<string> | undefined;
  private reader: Interface | undefined;
  private ended = false;

  constructor(private readonly options: PaceOptions) {}

  get waitsForEnter(): boolean {
    return this.options.step && !this.ended;
  }

  async beforeStep(prompt: (text: string) => void, next: string): Promise<void> {
    if (this.options.paceMs > 0) await sleep(this.options.paceMs);
    if (!this.waitsForEnter) return;
    prompt(`Press Enter for: ${next}`);
    this.reader ??= createInterface({ input: this.options.input, terminal: false });
    this.lines ??= this.reader[Symbol.asyncIterator]();
    const line = await this.lines.next();
    if (line.done) this.ended = true;
  }

  /** Stops reading input, so a finished demo does not keep the process waiting on it. */
  close(): void {
    this.reader?.close();
    this.ended = true;
  }
}
