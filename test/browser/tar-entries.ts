// Reads the small ustar archives that @sparticuz/chromium ships beside its browser (fonts,
// SwiftShader, the NSS libraries), so unpacking them needs neither a system `tar` nor another
// package. Only what those archives hold is understood: regular files and directories. Any
// other entry, and any name that could land outside the target folder, is refused rather
// than skipped, because an archive we cannot read exactly is a damaged one.
// Format: POSIX.1-1988 ustar header, 512-byte blocks (IEEE Std 1003.1, "pax" ustar Interchange
// Format): name at 0 (100 bytes), mode at 100, size at 124 (octal), typeflag at 156, prefix
// at 345 (155 bytes).

export interface TarEntry {
  /** Relative path with '/' separators, never absolute and never with a '..' segment. */
  readonly path: string;
  readonly kind: 'file' | 'directory';
  readonly mode: number;
  readonly data: Buffer;
}

const BLOCK = 512;

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

function octal(block: Buffer, start: number, length: number, what: string): number {
  const digits = text(block, start, length).trim();
  if (!/^[0-7]+$/.test(digits)) throw new Error(`tar: ${what} is not an octal number`);
  return Number.parseInt(digits, 8);
}

function safePath(name: string): string {
  const path = name.replace(/\/+$/, '');
  const segments = path.split('/');
  if (path === '' || path.startsWith('/') || segments.some((s) => s === '..' || s === '')) {
    throw new Error(`tar: refusing entry "${name}", which would leave the target folder`);
  }
  return segments.filter((s) => s !== '.').join('/');
}

/** The entries of an uncompressed ustar archive, in archive order. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  // Each round consumes at least one block, so the loop ends with the buffer.
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return entries;
    const size = octal(header, 124, 12, 'an entry size');
    // Only POSIX ustar has a name prefix there; old GNU headers keep timestamps in those bytes.
    const posix = header.subarray(257, 263).toString('latin1') === 'ustar\0';
    const prefix = posix ? text(header, 345, 155) : '';
    const name = text(header, 0, 100);
    const path = safePath(prefix ? `${prefix}/${name}` : name);
    const type = text(header, 156, 1);
    const dataStart = offset + BLOCK;
    if (dataStart + size > archive.length) throw new Error(`tar: "${path}" is truncated`);
    if (type === '' || type === '0') {
      const data = archive.subarray(dataStart, dataStart + size);
      entries.push({ path, kind: 'file', mode: octal(header, 100, 8, 'a mode'), data });
    } else if (type === '5') {
      entries.push({ path, kind: 'directory', mode: 0o755, data: Buffer.alloc(0) });
    } else {
      throw new Error(`tar: "${path}" has entry type "${type}", which is not a file or folder`);
    }
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new Error('tar: the archive ends without its closing blocks');
}
