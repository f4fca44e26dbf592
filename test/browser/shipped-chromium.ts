// The Chromium that the @sparticuz/chromium package ships inside itself (a headless shell for
// Linux x64, Brotli-compressed in its bin/ folder, so `npm ci` brings it from the npm registry
// with no download of its own). We unpack it ourselves rather than through the package's
// executablePath(), which unpacks into the shared /tmp and reuses whatever /tmp/chromium it
// finds there, half-written or not. Here it goes into a folder of this checkout's
// node_modules/.cache named for the package version, made whole in a sibling folder and then
// renamed into place, so a run killed half-way leaves nothing that a later run would trust.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import { readTar } from './tar-entries.js';

const PACKAGE = '@sparticuz/chromium';

export interface ShippedChromium {
  readonly executablePath: string;
  /** What the browser needs in its environment to find the libraries and fonts beside it. */
  readonly env: Record<string, string>;
  readonly version: string;
}

/** The folder holding the package's package.json (its exports do not expose that file). */
async function packageRoot(): Promise<{ root: string; version: string }> {
  let dir = dirname(createRequire(import.meta.url).resolve(PACKAGE));
  // The entry point sits a few folders below the root; eight levels is far more than enough.
  for (let depth = 0; depth < 8; depth += 1) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(await readFile(manifest, 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (name === PACKAGE && typeof version === 'string') return { root: dir, version };
    }
    dir = dirname(dir);
  }
  throw new Error(`${PACKAGE} is installed without its package.json`);
}

async function unpackTar(archive: string, into: string): Promise<void> {
  for (const entry of readTar(brotliDecompressSync(await readFile(archive)))) {
    const target = join(into, entry.path);
    if (entry.kind === 'directory') {
      await mkdir(target, { recursive: true });
    } else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, entry.data, { mode: entry.mode & 0o755 });
    }
  }
}

// Chromium reads fonts through its own fontconfig: point it at the fonts the package ships
// and at the usual system folders, with a cache inside our folder instead of /tmp.
function fontsConf(folder: string): string {
  const dirs = [join(folder, 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'];
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    ...dirs.map((dir) => `  <dir>${dir}</dir>`),
    `  <cachedir>${join(folder, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

async function unpack(bin: string, folder: string): Promise<void> {
  const parent = dirname(folder);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(`${folder}.partial-`);
  try {
    const browser = join(staging, 'chromium');
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(browser),
    );
    await chmod(browser, 0o755);
    // SwiftShader's libraries must sit beside the binary; the NSS libraries go to lib/.
    await unpackTar(join(bin, 'swiftshader.tar.br'), staging);
    await unpackTar(join(bin, 'al2023.tar.br'), staging);
    await unpackTar(join(bin, 'fonts.tar.br'), staging);
    await writeFile(join(staging, 'fonts.conf'), fontsConf(folder));
    await rename(staging, folder);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Another run finished the same version first: its folder is as good as ours.
    if (existsSync(join(folder, 'chromium'))) return;
    throw error;
  }
}

/**
 * The package's Chromium, unpacked once per version under `cacheRoot`. Throws with the reason
 * when the package is absent or ships nothing for this machine.
 */
export async function shippedChromium(cacheRoot: string): Promise<ShippedChromium> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${PACKAGE} ships Chromium for Linux x64 only, not ${process.platform} ${process.arch}`,
    );
  }
  let found: { root: string; version: string };
  try {
    found = await packageRoot();
  } catch (error) {
    throw new Error(`${PACKAGE} is not installed (run npm ci): ${(error as Error).message}`);
  }
  const folder = join(cacheRoot, `chromium-${found.version}`);
  if (!existsSync(join(folder, 'chromium'))) await unpack(join(found.root, 'bin'), folder);
  return {
    executablePath: join(folder, 'chromium'),
    version: found.version,
    env: {
      // The NSS libraries the binary links against, for machines that have none of their own.
      LD_LIBRARY_PATH: join(folder, 'lib'),
      FONTCONFIG_PATH: folder,
    },
  };
}
