// The commands of README.md and docs/*.md, taken as a reader copies them: every ```sh block's
// variable assignments and commands (continuation lines joined, comments dropped), in order.

export interface DocCommand {
  /** The command exactly as the document has it (continuations joined). */
  command: string;
  /** The assignment lines before it (`B=…; A=…`): a reader runs the blocks in one shell. */
  setup: string[];
}

export type CurlExpectation = { status: number } | { status: '2xx' } | { transportError: true };

const BLOCK = /^```sh\n([\s\S]*?)^```/gm;
const ASSIGNMENT = /^[A-Z_]+=/;

function joinContinuations(text: string): string[] {
  return text.replace(/\\\n\s*/g, '').split('\n');
}

/** Every command of the ```sh blocks of one document, in order. */
export function docCommands(markdown: string): DocCommand[] {
  const commands: DocCommand[] = [];
  const setup: string[] = [];
  for (const [, body] of markdown.matchAll(BLOCK)) {
    for (const line of joinContinuations(body ?? '')) {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (ASSIGNMENT.test(trimmed)) setup.push(trimmed);
      else commands.push({ command: trimmed, setup: [...setup] });
    }
  }
  return commands;
}

/** What a curl command's own text says it gets: `Prefer: code=404` → 404, `fault=` → none. */
export function curlExpectation(command: string): CurlExpectation {
  if (/Prefer: [^']*fault=/.test(command)) return { transportError: true };
  const code = /Prefer: [^']*code=(\d{3})/.exec(command);
  return code ? { status: Number(code[1]) } : { status: '2xx' };
}

/** Names a server, a file or a secret that only the reader has: `<url>`, `…`, `$SO_TOKEN`. */
export function hasPlaceholder(command: string): boolean {
  return /<[a-z][\w-]*>|…|\[\.\.\.\]|"\$[A-Z][A-Z_]*"/.test(command);
}

/** A command that serves until stopped, and the line it prints once it is ready. */
export function readyLine(command: string): RegExp | undefined {
  if (/(^|\s)serve(\s|$)|^npm start\b/.test(command)) return /listening on http:\/\//;
  if (/\bdemo\b.*--keep\b/.test(command)) return /Press Ctrl\+C to stop/;
  return undefined;
}
