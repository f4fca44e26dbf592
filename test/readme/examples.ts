// The curl examples of README.md, taken as a reader copies them: every ```sh block's variable
// assignments and curl commands (continuation lines joined), in order.

export interface CurlExample {
  /** The command exactly as the README has it (continuations joined). */
  command: string;
  /** The assignment lines before it (`B=…; A=…`): a reader runs the blocks in one shell. */
  setup: string[];
  /** What a reader is told to expect: a status, or a broken connection. */
  expect: { status: number } | { status: '2xx' } | { transportError: true };
}

const BLOCK = /^```sh\n([\s\S]*?)^```/gm;
const ASSIGNMENT = /^[A-Z_]+=/;

function joinContinuations(text: string): string[] {
  return text.replace(/\\\n\s*/g, '').split('\n');
}

/** What the command's own text says it gets: `Prefer: code=404` → 404, `fault=` → no answer. */
function expectationOf(command: string): CurlExample['expect'] {
  if (/Prefer: [^']*fault=/.test(command)) return { transportError: true };
  const code = /Prefer: [^']*code=(\d{3})/.exec(command);
  return code ? { status: Number(code[1]) } : { status: '2xx' };
}

export function curlExamples(readme: string): CurlExample[] {
  const examples: CurlExample[] = [];
  const setup: string[] = [];
  for (const [, body] of readme.matchAll(BLOCK)) {
    for (const line of joinContinuations(body ?? '')) {
      const trimmed = line.trim();
      if (ASSIGNMENT.test(trimmed)) setup.push(trimmed);
      else if (trimmed.startsWith('curl ')) {
        examples.push({ command: trimmed, setup: [...setup], expect: expectationOf(trimmed) });
      }
    }
  }
  return examples;
}
