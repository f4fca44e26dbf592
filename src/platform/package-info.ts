// The package's version and supported Node range, read from its own package.json at run time,
// so that `--version`, `--help` and `engines` cannot disagree after a release bump.
import { readFile } from 'node:fs/promises';
import { isRecord } from '../domain/is-record.js';
import { PACKAGE_ROOT } from '../paths.js';

export interface PackageInfo {
  readonly version: string;
  /** The `engines.node` range, e.g. ">=20.19". */
  readonly node: string;
}

export async function readPackageInfo(root: string = PACKAGE_ROOT): Promise<PackageInfo> {
  const manifest: unknown = JSON.parse(await readFile(`${root}package.json`, 'utf8'));
  if (!isRecord(manifest) || typeof manifest.version !== 'string') {
    throw new Error(`${root}package.json has no version`);
  }
  const engines = isRecord(manifest.engines) ? manifest.engines : {};
  const node = typeof engines.node === 'string' ? engines.node : 'any';
  return { version: manifest.version, node };
}
