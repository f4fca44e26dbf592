// Installing the package runs no install script of any other package: npm's own view of the
// installed tree lists every production dependency of so-webhook-mock, however deep, with a
// preinstall, install or postinstall script. Here that is this checkout's production tree;
// beside the packed tarball installed into an empty folder (scripts/check-package.sh) it is
// what a user's install holds (and not the test runner installed beside it).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface Node {
  name: string;
  version: string;
  scripts?: Record<string, string>;
}

async function query(selector: string): Promise<Node[]> {
  const { stdout } = await run('npm', ['query', selector], {
    cwd: process.cwd(),
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Node[];
}

describe('the installed production tree', () => {
  it('holds no package with an install script', async () => {
    const production = await query('#so-webhook-mock .prod');
    // The query must have seen the tree: the mock's own web framework is in it.
    expect(production.map((n) => n.name)).toContain('hono');
    const withScripts = await query(
      ['preinstall', 'install', 'postinstall']
        .map((s) => `#so-webhook-mock .prod:attr(scripts, [${s}])`)
        .join(', '),
    );
    const found = withScripts.map((n) => `${n.name}@${n.version}: ${JSON.stringify(n.scripts)}`);
    expect(found).toEqual([]);
  }, 60_000);
});
