// Node hands writes to a pipe to the OS asynchronously, so process.exit() right after a large
// write drops whatever the pipe has not taken yet: all but its buffer (64 KiB on Linux) of a
// report piped to another program. An empty write's callback runs once every earlier write on
// its stream has been handed over (or failed, as when the reader has gone).
const flushed = (stream: NodeJS.WriteStream): Promise<void> =>
  new Promise((resolve) => {
    stream.write('', () => resolve());
  });

/** Exits with `code` once stdout and stderr have handed on everything written to them. */
export async function exitAfterFlush(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}
