// A report piped to another program arrives whole: exiting right after a large write to a pipe
// dropped all but the first 64 KiB (the pipe's buffer), so `conformance --reporter json | jq`
// read a cut document.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MODULE = pathToFileURL(new URL('./exit-after-flush.ts', import.meta.url).pathname).href;
const SIZE = 1 << 20;

it('exits with the code given once stdout and stderr have taken everything written', async () => {
  const script = `
    import { exitAfterFlush } from ${JSON.stringify(MODULE)};
    process.stdout.write('o'.repeat(${SIZE}));
    process.stderr.write('e'.repeat(${SIZE}));
    await exitAfterFlush(3);
  `;
  const child = spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = 0;
  let err = 0;
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.length));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.length));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, out, err }).toEqual({ code: 3, out: SIZE, err: SIZE });
}, 30_000);
