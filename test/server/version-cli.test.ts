// `--version` and `--help` against package.json, and the README's promise of the Node range,
// so that a release bump or a new supported Node cannot leave one of the three behind.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../support/spawn-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  engines: { node: string };
};

let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  tmp = await tempDir('version-cli');
});

afterEach(async () => {
  await tmp.remove();
});

describe('so-webhook-mock --version and --help', () => {
  it.each(['--version', '-v'])('%s prints the package version and nothing else', async (flag) => {
    const result = await runCli([flag], { cwd: tmp.dir });
    expect(result).toMatchObject({ code: 0, stdout: `${manifest.version}\n`, stderr: '' });
  });

  it('--help names the supported Node range from engines', async () => {
    const result = await runCli(['--help'], { cwd: tmp.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('-v, --version');
    expect(result.stdout).toContain(
      `Runs on Node.js ${manifest.engines.node} (tested on 20 and 24).`,
    );
  });

  it('the README states the same range and the same tested versions', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const range = manifest.engines.node.replace('>=', '≥ ');
    expect(readme).toContain(`Node.js ${range} (tested on 20 and 24)`);
  });
});
