// Text a target supplied, made safe for a terminal. A hostile server's answer goes into the
// console report (reasons, evidence, ids it chose): raw, its escape sequences could clear the
// screen, set the title, write the clipboard (OSC 52) or overwrite lines with a fake "all
// cases passed". Every control character but the line break and the tab is shown as an escape
// (`\x1b`, `\r`, `\u202e`), so the reader sees what was sent and the terminal obeys none of
// it. Only the console report uses this: JSON and JUnit keep the text exact (their own
// escaping makes it safe).

/** C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escaped = (char: string): string => {
  if (char === '\r') return '\\r';
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

export function terminalSafe(text: string): string {
  // A CR LF line break stays a line break; a lone CR would return to the line's start.
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, escaped);
}

/** The same value with every string in it made terminal-safe (verdicts, evidence, meta). */
export function terminalSafeDeep<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => terminalSafeDeep(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[terminalSafe(key)] = terminalSafeDeep(item);
    return out as T;
  }
  return value;
}
