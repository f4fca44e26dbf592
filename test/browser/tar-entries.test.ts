import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTar } from './tar-entries.js';

/** One ustar header block (POSIX magic) followed by the data padded to whole blocks. */
function entry(name: string, body: string, type = '0', prefix = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 'latin1');
  header.write(`${Buffer.byteLength(body).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write(type, 156, 'latin1');
  header.write('ustar\x0000', 257, 'latin1');
  header.write(prefix, 345, 155, 'utf8');
  const data = Buffer.alloc(Math.ceil(Buffer.byteLength(body) / 512) * 512);
  data.write(body, 'utf8');
  return Buffer.concat([header, data]);
}

const END = Buffer.alloc(1024);

describe('readTar', () => {
  it('reads files and folders, joining the ustar prefix to the name', () => {
    const archive = Buffer.concat([
      entry('fonts/', '', '5'),
      entry('a.conf', 'x'.repeat(600), '0', 'fonts'),
      END,
    ]);
    const entries = readTar(archive);
    expect(entries.map((e) => [e.path, e.kind, e.data.length])).toEqual([
      ['fonts', 'directory', 0],
      ['fonts/a.conf', 'file', 600],
    ]);
    expect(entries[1]?.mode).toBe(0o644);
  });

  it.each([
    ['../escape', 'a parent segment'],
    ['/etc/passwd', 'an absolute name'],
    ['fonts/../../x', 'a parent segment further in'],
  ])('refuses %s (%s)', (name) => {
    expect(() => readTar(Buffer.concat([entry(name, 'x'), END]))).toThrow('would leave');
  });

  it('refuses links and other entry types instead of skipping them', () => {
    expect(() => readTar(Buffer.concat([entry('lib.so', '', '2'), END]))).toThrow('entry type "2"');
  });

  it('refuses a truncated archive and one without its closing blocks', () => {
    const whole = entry('a', 'x'.repeat(1000));
    expect(() => readTar(whole.subarray(0, 1024))).toThrow('truncated');
    expect(() => readTar(whole)).toThrow('closing blocks');
  });

  it('reads the archives @sparticuz/chromium ships', async () => {
    const bin = join(
      dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')),
      '../../bin',
    );
    const fonts = readTar(brotliDecompressSync(await readFile(join(bin, 'fonts.tar.br'))));
    expect(fonts.map((e) => e.path)).toContain('fonts.conf');
    const libs = readTar(brotliDecompressSync(await readFile(join(bin, 'al2023.tar.br'))));
    expect(libs.map((e) => e.path)).toContain('lib/libnss3.so');
  });
});
