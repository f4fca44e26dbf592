// Where JSON text first goes wrong, for messages a person can act on: Node 20's JSON.parse
// names an offset for some errors and only quotes a snippet for others ("Unexpected token").
// A small RFC 8259 scanner that stops at the first character that cannot continue the text.

const WS = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// Control characters must be escaped inside a JSON string (RFC 8259 §7), so the class lists them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  /** Moves past `pattern` at the current position; false when it does not match there. */
  eat(pattern: RegExp): boolean {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.text)) return false;
    this.pos = pattern.lastIndex;
    return true;
  }

  ws(): void {
    this.eat(WS);
  }

  char(c: string): boolean {
    this.ws();
    if (this.text[this.pos] !== c) return false;
    this.pos += 1;
    return true;
  }

  value(): boolean {
    this.ws();
    const c = this.text[this.pos];
    if (c === '{')
      return this.members('}', () => this.eat(STRING) && this.char(':') && this.value());
    if (c === '[') return this.members(']', () => this.value());
    return this.eat(STRING) || this.eat(NUMBER) || this.eat(LITERAL);
  }

  /** `open item (, item)* close` or `open close`; the opening character is current. */
  members(close: string, item: () => boolean): boolean {
    this.pos += 1;
    if (this.char(close)) return true;
    do {
      this.ws();
      if (!item()) return false;
    } while (this.char(','));
    return this.char(close);
  }
}

/** 1-based line and column of the first error in `text`, or undefined when it is valid JSON. */
export function jsonErrorPosition(text: string): { line: number; column: number } | undefined {
  const scanner = new Scanner(text);
  let ok: boolean;
  try {
    ok = scanner.value();
    scanner.ws();
    ok &&= scanner.pos === text.length;
  } catch {
    return undefined; // nested too deep to scan; JSON.parse's own message has to do
  }
  if (ok) return undefined;
  const before = text.slice(0, scanner.pos);
  const line = before.split('\n').length;
  return { line, column: scanner.pos - before.lastIndexOf('\n') };
}
