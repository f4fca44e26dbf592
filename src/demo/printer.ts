// How the demo shows what happens: steps, the API calls it makes, and the deliveries the
// receiver gets, readable on a projector. Colour only on a terminal without NO_COLOR
// (https://no-color.org); plain text otherwise, so logs and tests read the same words.

export interface Exchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Answer {
  status: number;
  statusText: string;
  body: string;
  /** Set when `body` shows only some of the answer's members. */
  trimmed?: boolean;
}

export interface ArrivalView {
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  signature: 'valid' | 'invalid' | 'unsigned' | 'unchecked';
}

export interface Printer {
  heading(title: string): void;
  note(text: string): void;
  check(ok: boolean, text: string): void;
  request(exchange: Exchange, brief?: boolean): void;
  response(answer: Answer, brief?: boolean): void;
  arrival(arrival: ArrivalView, brief?: boolean): void;
  line(text: string): void;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything but "". */
export function wantsColour(isTTY: boolean | undefined, env: Record<string, string | undefined>) {
  return isTTY === true && (env.NO_COLOR ?? '') === '';
}

const CODES = { bold: 1, dim: 2, red: 31, green: 32, yellow: 33, magenta: 35, cyan: 36 } as const;
type Style = keyof typeof CODES;

const MAX_BODY_LINES = 14;
const MAX_LINE = 110;

const INLINE = 72;

/** JSON.stringify(value, null, 2), but short arrays of plain values stay on one line. */
export function pretty(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    const flat = JSON.stringify(value);
    const plain = value.every((v) => v === null || typeof v !== 'object');
    if (value.length === 0 || (plain && flat.length <= INLINE))
      return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = value.map((v) => `${indent}  ${pretty(v, `${indent}  `)}`);
    return `[\n${inner.join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = entries.map(
      ([k, v]) => `${indent}  ${JSON.stringify(k)}: ${pretty(v, `${indent}  `)}`,
    );
    return `{\n${inner.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Pretty JSON (or the raw text), cut to a screenful and indented under its request. */
export function excerpt(body: string, maxLines = MAX_BODY_LINES): string[] {
  if (body.trim() === '') return [];
  let text = body;
  try {
    text = pretty(JSON.parse(body));
  } catch {
    // Not JSON: shown as it came.
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l));
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`];
}

/** A header by name in any case (HTTP names are case-insensitive; docs/sources.md §3a). */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(headers).find(([n]) => n.toLowerCase() === lower)?.[1];
}

/** The delivery headers worth reading: the agent, the protocol's X-* and the hook's own. */
function keyHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).filter(([name]) => /^(user-agent|x-)/i.test(name));
}

const statusStyle = (status: number): Style =>
  status >= 200 && status < 300 ? 'green' : status >= 400 ? 'red' : 'yellow';

const headerLines = (pairs: [string, string][]) => pairs.map(([n, v]) => `${n}: ${v}`);

/** Writes the demo's steps to a stream, in colour when asked; numbers the steps. */
export class StreamPrinter implements Printer {
  readonly #out: NodeJS.WritableStream;
  readonly #colour: boolean;
  #steps = 0;

  constructor(out: NodeJS.WritableStream, colour: boolean) {
    this.#out = out;
    this.#colour = colour;
  }

  heading(title: string): void {
    this.#steps += 1;
    this.#write('');
    this.#write(this.#paint('bold', `━━ Step ${this.#steps}: ${title}`));
  }

  note(text: string): void {
    this.#write(this.#paint('dim', `   ${text}`));
  }

  check(ok: boolean, text: string): void {
    this.#write(ok ? this.#paint('green', `   ✓ ${text}`) : this.#paint('red', `   ✗ ${text}`));
  }

  line(text: string): void {
    this.#write(text);
  }

  request(exchange: Exchange, brief = false): void {
    this.#write(
      `${this.#paint('cyan', '→')} ${this.#paint('bold', exchange.method)} ${exchange.path}`,
    );
    if (brief) return;
    this.#indented(headerLines(Object.entries(exchange.headers)), 'dim');
    this.#indented(excerpt(exchange.body ?? ''));
  }

  response(answer: Answer, brief = false): void {
    const style = statusStyle(answer.status);
    const status = `${answer.status} ${answer.statusText}`.trimEnd();
    this.#write(`${this.#paint(style, '←')} ${this.#paint(style, status)}`);
    if (brief) return;
    if (answer.trimmed) this.#indented(['(the members that matter here)'], 'dim');
    this.#indented(excerpt(answer.body));
  }

  arrival(arrival: ArrivalView, brief = false): void {
    const event = headerValue(arrival.headers, 'X-SuperOffice-Event') ?? '?';
    const retry = headerValue(arrival.headers, 'X-SuperOffice-Retry') ?? '?';
    const answered = this.#paint(statusStyle(arrival.status), `answered ${arrival.status}`);
    const head = `${this.#paint('magenta', '⇢ receiver got')} POST ${arrival.path}`;
    // A retry repeats the first attempt's EventId, body and signature (docs/sources.md §3b).
    const again =
      retry !== '0' && retry !== '?' ? this.#paint('dim', '  (same EventId and body)') : '';
    this.#write(`${head}  ${event}  retry ${retry}  ${answered}${again}`);
    if (brief || again !== '') return;
    this.#indented(headerLines(keyHeaders(arrival.headers)), 'dim');
    this.#indented(excerpt(arrival.body));
  }

  #paint(style: Style, text: string): string {
    return this.#colour ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text;
  }

  #write(text: string): void {
    this.#out.write(`${text}\n`);
  }

  #indented(lines: string[], style?: Style): void {
    for (const l of lines) this.#write(`    ${style ? this.#paint(style, l) : l}`);
  }
}
